using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using Navigator.Tools.Events;
using Navigator.Tools.Sessions;

namespace Navigator.Server.Events;

/// <summary>
/// <c>WS /mcp/events/{room_name}</c>: streams the room's events as JSON text messages. The
/// subscription exists before the handshake completes, so a client that has connected sees
/// every later event. A client that cannot keep up is dropped (close code 1008).
/// </summary>
public sealed partial class RoomEventsWebSocketHandler
{
    private readonly IRoomEventBroadcaster _events;
    private readonly RoomEventBroadcasterOptions _options;
    private readonly SessionsShutdown _shutdown;
    private readonly ILogger<RoomEventsWebSocketHandler> _logger;

    /// <summary>Creates the handler.</summary>
    public RoomEventsWebSocketHandler(
        IRoomEventBroadcaster events,
        IOptions<RoomEventBroadcasterOptions> options,
        SessionsShutdown shutdown,
        ILogger<RoomEventsWebSocketHandler> logger)
    {
        _events = events;
        _options = options.Value;
        _shutdown = shutdown;
        _logger = logger;
    }

    /// <summary>Serves one WebSocket client until it leaves, is dropped or the server stops.</summary>
    public async Task HandleAsync(HttpContext context, string roomName)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "websocket_required", "Connect to this endpoint with a WebSocket client");
            return;
        }

        if (!RoomNames.IsValid(roomName))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, "invalid_parameter", "room_name may contain letters, digits and . _ - : @ (at most 128 characters)");
            return;
        }

        if (_events.GetConnectionCount(roomName) >= _options.MaxConnectionsPerRoom)
        {
            await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, "too_many_connections", $"Room '{roomName}' already has {_options.MaxConnectionsPerRoom} event connections");
            return;
        }

        using var subscription = _events.Subscribe(roomName);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        LogConnected(_logger, roomName, context.Connection.RemoteIpAddress?.ToString() ?? "?");

        // Shutdown completes the queue once rooms are closed, so their session_closed still goes out.
        using var stopping = _shutdown.RoomsClosed.Register(static s => ((IRoomEventSubscription)s!).Dispose(), subscription);
        // Dropping a subscriber completes its queue, which ends the loop below after the current send;
        // cancelling a send would abort the socket, and the client would see 1006 instead of 1008.
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var clientGone = WatchClientAsync(socket, abort);
        var reason = "server";
        try
        {
            await foreach (var message in subscription.Reader.ReadAllAsync(abort.Token))
            {
                await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, abort.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            reason = "client";
        }

        // A dropped subscriber's queue completes too; the token tells the two endings apart.
        if (subscription.Dropped.IsCancellationRequested)
        {
            reason = "dropped";
            LogDropped(_logger, roomName);
        }

        subscription.Dispose();

        await CloseAsync(socket, reason);

        // Finish the closing handshake before the connection goes: a reset could discard the
        // last events (session_closed) still unread in the client's receive buffer.
        await clientGone.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await abort.CancelAsync();
        await clientGone;
        LogDisconnected(_logger, roomName, reason);
    }

    private static async Task WatchClientAsync(WebSocket socket, CancellationTokenSource abort)
    {
        // Clients do not send anything meaningful; reading is how a close or a dead peer is noticed.
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, abort.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The client vanished or we are closing it: either way the receive side is done.
        }

        await abort.CancelAsync();
    }

    private static Task CloseAsync(WebSocket socket, string reason)
    {
        var (status, description) = reason switch
        {
            "dropped" => (WebSocketCloseStatus.PolicyViolation, "too slow: event queue overflowed"),
            "server" => (WebSocketCloseStatus.EndpointUnavailable, "server stopping"),
            _ => (WebSocketCloseStatus.NormalClosure, "bye"),
        };
        return WebSocketClosing.CloseAsync(socket, status, description);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new HttpError(code, message), ServerJsonContext.Default.HttpError);
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Room {RoomName}: event client connected from {Remote}")]
    private static partial void LogConnected(ILogger logger, string roomName, string remote);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Room {RoomName}: event client left ({Reason})")]
    private static partial void LogDisconnected(ILogger logger, string roomName, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Room {RoomName}: dropped an event client that fell behind")]
    private static partial void LogDropped(ILogger logger, string roomName);
}
