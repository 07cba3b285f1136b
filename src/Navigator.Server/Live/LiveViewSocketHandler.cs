using System.Net.WebSockets;
using System.Text.Json;
using Navigator.Tools;
using Navigator.Tools.Live;
using Navigator.Tools.Sessions;

namespace Navigator.Server.Live;

/// <summary>
/// <c>WS /rooms/{room_name}/live/socket</c>, the live view page's one connection: the room's
/// pictures as binary JPEG messages (newest wins: a slow page skips frames and slows nobody), the
/// room's events as JSON text (as <c>/mcp/events</c> sends them), and the page's commands (take
/// control, hand back, pointer, wheel, keys). When the page goes, control it held returns to the agent.
/// </summary>
public sealed partial class LiveViewSocketHandler(LiveViewService live, ILogger<LiveViewSocketHandler> logger)
{
    /// <summary>Largest command accepted from a page, in bytes.</summary>
    public const int MaxCommandBytes = 4096;

    private static readonly byte[] SessionClosedPrefix = "{\"type\":\"session_closed\""u8.ToArray();

    /// <summary>Serves one page until it leaves or the room closes.</summary>
    public async Task HandleAsync(HttpContext context, string roomName)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await LiveViewEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "websocket_required", "Connect to this endpoint with a WebSocket client (the live view page does)");
            return;
        }

        LiveViewer viewer;
        try
        {
            viewer = live.Open(roomName);
        }
        catch (NavigatorToolException ex)
        {
            await LiveViewEndpoints.WriteErrorAsync(context, LiveViewEndpoints.StatusOf(ex.Code), ex.Code, ex.Message);
            return;
        }

        await using (viewer)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            LogConnected(logger, roomName, viewer.ViewerId);

            // Sends are cancelled only when the connection drops (cancelling a send aborts the socket);
            // ending the loops cancels their waiting, so a send in flight still completes before the close.
            using var sender = new SocketSender(socket, context.RequestAborted);
            using var end = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            await sender.SendTextAsync(JsonSerializer.SerializeToUtf8Bytes(new ViewerHello(roomName, viewer.ViewerId, viewer.Holder), LiveViewJsonContext.Default.ViewerHello));


            // Receiving is never cancelled by us (that would abort the socket): it ends with the page's close.
            var receive = ReceiveAsync(socket, viewer, sender, context.RequestAborted);
            var events = SendEventsAsync(viewer, sender, end.Token);
            var frames = SendFramesAsync(viewer, sender, end.Token);
            var first = await Task.WhenAny(receive, events);
            var reason = first == events ? await events : "client";
            await end.CancelAsync();
            await Task.WhenAll(frames, events).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await CloseAsync(socket, reason);

            // Finish the closing handshake before the connection goes: a reset could discard the
            // last messages (session_closed) still unread on the page's side.
            await receive.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!receive.IsCompleted)
            {
                socket.Abort();
                await receive;
            }

            LogDisconnected(logger, roomName, viewer.ViewerId, reason);
        }
    }

    /// <summary>Runs the page's commands in order until it closes the socket.</summary>
    private static async Task ReceiveAsync(WebSocket socket, LiveViewer viewer, SocketSender sender, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxCommandBytes];
        var overflow = new byte[MaxCommandBytes];
        try
        {
            // After the server's close frame (CloseSent) the page's own close is still read.
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                // A command longer than the buffer is read to its end into the overflow buffer and refused.
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(length < buffer.Length ? buffer.AsMemory(length) : overflow, cancellationToken);
                    length = Math.Min(length + received.Count, buffer.Length);
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var error = received.MessageType != WebSocketMessageType.Text || length >= buffer.Length
                    ? new ViewerError(ToolErrorCodes.InvalidParameter, $"Send commands as JSON text of at most {MaxCommandBytes - 1} bytes")
                    : await RunCommandAsync(buffer.AsMemory(0, length), viewer, sender, cancellationToken);
                if (error is not null)
                {
                    await sender.SendTextAsync(JsonSerializer.SerializeToUtf8Bytes(error, LiveViewJsonContext.Default.ViewerError));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The page went away, or a reply came after the close: either way this page is done.
        }
    }

    /// <summary>Runs one command; returns the error to tell the page, or null.</summary>
    private static async Task<ViewerError?> RunCommandAsync(ReadOnlyMemory<byte> json, LiveViewer viewer, SocketSender sender, CancellationToken cancellationToken)
    {
        TakeoverCommand? command;
        try
        {
            command = JsonSerializer.Deserialize(json.Span, LiveViewJsonContext.Default.TakeoverCommand);
        }
        catch (JsonException)
        {
            return new ViewerError(ToolErrorCodes.InvalidParameter, "Commands are JSON objects with a type");
        }

        try
        {
            if (await viewer.RunAsync(command, cancellationToken) is { } notice)
            {
                await sender.SendTextAsync(JsonSerializer.SerializeToUtf8Bytes(new ViewerNotice(notice), LiveViewJsonContext.Default.ViewerNotice));
            }

            return null;
        }
        catch (NavigatorToolException ex)
        {
            return new ViewerError(ex.Code, ex.Message);
        }
    }

    /// <summary>Forwards the room's events; returns why it stopped: <c>room_closed</c> after session_closed, <c>dropped</c> when the page fell behind.</summary>
    private static async Task<string> SendEventsAsync(LiveViewer viewer, SocketSender sender, CancellationToken cancellationToken)
    {
        // session_closed follows the room's components closing; wait for it a little so the page hears why.
        using var roomGone = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var closing = viewer.RoomClosing.Register(static s => ((CancellationTokenSource)s!).CancelAfter(TimeSpan.FromSeconds(2)), roomGone);
        try
        {
            await foreach (var message in viewer.Events.Reader.ReadAllAsync(roomGone.Token))
            {
                await sender.SendTextAsync(message);
                if (message.Span.StartsWith(SessionClosedPrefix))
                {
                    return "room_closed";
                }
            }

            return viewer.Events.Dropped.IsCancellationRequested ? "dropped" : "server";
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            return viewer.RoomClosing.IsCancellationRequested ? "room_closed" : "client";
        }
    }

    /// <summary>Sends each picture as it comes; while one is being sent newer ones replace each other.</summary>
    private static async Task SendFramesAsync(LiveViewer viewer, SocketSender sender, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var frame in viewer.ReadFramesAsync(cancellationToken))
            {
                await sender.SendBinaryAsync(frame.Jpeg);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The page or the room went away.
        }
    }

    private static Task CloseAsync(WebSocket socket, string reason)
    {
        var (status, description) = reason switch
        {
            "dropped" => (WebSocketCloseStatus.PolicyViolation, "too slow: event queue overflowed"),
            "room_closed" => (WebSocketCloseStatus.NormalClosure, "room closed"),
            "server" => (WebSocketCloseStatus.EndpointUnavailable, "server stopping"),
            _ => (WebSocketCloseStatus.NormalClosure, "bye"),
        };
        return Events.WebSocketClosing.CloseAsync(socket, status, description);
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Room {RoomName}: live view {ViewerId} opened")]
    private static partial void LogConnected(ILogger logger, string roomName, string viewerId);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Room {RoomName}: live view {ViewerId} closed ({Reason})")]
    private static partial void LogDisconnected(ILogger logger, string roomName, string viewerId, string reason);

    /// <summary>Serializes sends on one socket (frames and events come from two loops).</summary>
    private sealed class SocketSender(WebSocket socket, CancellationToken connectionAborted) : IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);

        public Task SendTextAsync(ReadOnlyMemory<byte> utf8) => SendAsync(utf8, WebSocketMessageType.Text);

        public Task SendBinaryAsync(ReadOnlyMemory<byte> bytes) => SendAsync(bytes, WebSocketMessageType.Binary);

        public void Dispose() => _gate.Dispose();

        private async Task SendAsync(ReadOnlyMemory<byte> message, WebSocketMessageType type)
        {
            await _gate.WaitAsync(connectionAborted);
            try
            {
                await socket.SendAsync(message, type, endOfMessage: true, connectionAborted);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
