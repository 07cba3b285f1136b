using System.Buffers;

namespace Navigator.Cdp.Transport;

/// <summary>Moves whole CDP messages (UTF-8 JSON) to and from a browser.</summary>
public interface ICdpTransport : IAsyncDisposable
{
    /// <summary>Sends one message. Callers serialise writes; implementations need not be thread-safe.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the next whole message into <paramref name="destination"/>.
    /// Returns false when the peer closed the connection.
    /// </summary>
    ValueTask<bool> ReceiveAsync(IBufferWriter<byte> destination, CancellationToken cancellationToken);
}
