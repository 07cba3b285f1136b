using System.Buffers;
using System.Net.WebSockets;

namespace Navigator.Cdp.Transport;

/// <summary>CDP over the browser's DevTools WebSocket endpoint.</summary>
public sealed class WebSocketTransport : ICdpTransport
{
    private readonly ClientWebSocket _socket;

    private WebSocketTransport(ClientWebSocket socket) => _socket = socket;

    /// <summary>Connects to a <c>ws://host:port/devtools/browser/...</c> endpoint.</summary>
    public static async Task<WebSocketTransport> ConnectAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        // CDP messages (snapshots, screenshots) can be large; avoid tiny frames.
        socket.Options.SetBuffer(64 * 1024, 64 * 1024);
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new WebSocketTransport(socket);
    }

    /// <inheritdoc />
    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<bool> ReceiveAsync(IBufferWriter<byte> destination, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var memory = destination.GetMemory(16 * 1024);
                var result = await _socket.ReceiveAsync(memory, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return false;
                }

                destination.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    return true;
                }
            }
        }
        catch (WebSocketException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The browser may already be gone; closing is best effort.
            }
        }

        _socket.Dispose();
    }
}
