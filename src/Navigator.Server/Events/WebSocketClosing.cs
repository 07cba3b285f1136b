using System.Net.WebSockets;

namespace Navigator.Server.Events;

/// <summary>Ends a server-side WebSocket politely, or aborts it when that is no longer possible.</summary>
internal static class WebSocketClosing
{
    /// <summary>Sends the close frame (2 s at most); aborts a socket that is already broken or does not take it.</summary>
    public static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string description)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            socket.Abort();
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(status, description, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }
}
