using System.Buffers;
using System.IO.Pipelines;

namespace Navigator.Cdp.Transport;

/// <summary>
/// CDP over <c>--remote-debugging-pipe</c>: messages are NUL-terminated JSON on a
/// pair of pipes (the browser reads fd 3 and writes fd 4).
/// </summary>
public sealed class PipeTransport : ICdpTransport
{
    private static readonly byte[] Terminator = [0];
    private readonly Stream _toBrowser;
    private readonly Stream _fromBrowser;
    private readonly PipeReader _reader;

    /// <param name="toBrowser">Writable stream connected to the browser's fd 3.</param>
    /// <param name="fromBrowser">Readable stream connected to the browser's fd 4.</param>
    public PipeTransport(Stream toBrowser, Stream fromBrowser)
    {
        _toBrowser = toBrowser;
        _fromBrowser = fromBrowser;
        _reader = PipeReader.Create(fromBrowser, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
    }

    /// <inheritdoc />
    public async ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await _toBrowser.WriteAsync(message, cancellationToken);
        await _toBrowser.WriteAsync(Terminator, cancellationToken);
        await _toBrowser.FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReceiveAsync(IBufferWriter<byte> destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result;
            try
            {
                result = await _reader.ReadAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // The peer closed, or we are disposing: either way the stream has ended.
                return false;
            }

            var buffer = result.Buffer;
            var terminator = buffer.PositionOf((byte)0);
            if (terminator is { } end)
            {
                foreach (var segment in buffer.Slice(0, end))
                {
                    destination.Write(segment.Span);
                }

                _reader.AdvanceTo(buffer.GetPosition(1, end));
                return true;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                return false;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        await _toBrowser.DisposeAsync();
        await _fromBrowser.DisposeAsync();
    }
}
