using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Navigator.Cluster;
using Navigator.Server.Hosting;
using Navigator.Tools;
using Navigator.Tools.Mcp;
using Navigator.Tools.Sessions;
using StackExchange.Redis;

namespace Navigator.Server.Cluster;

/// <summary>
/// Makes any node answer for any room: a call for a room another node holds is forwarded there
/// (MCP <c>tools/call</c> with a <c>room_name</c>, and <c>/rooms/{room_name}/...</c>, WebSockets
/// there through <see cref="ClusterWebSocketProxy"/>), a new room
/// goes to the least-loaded node, and a call for a room whose node stopped waits until another
/// node recovered it (at most <see cref="ClusterOptions.MoveWait"/>). Requests forwarded by
/// another node must carry the cluster key and are always served here.
/// </summary>
public sealed partial class ClusterRoutingMiddleware
{
    /// <summary>Error code of a call for a room that is moving to another node and did not arrive in time.</summary>
    public const string RoomMoving = "room_moving";

    private static readonly TimeSpan MovePoll = TimeSpan.FromMilliseconds(200);

    private readonly RequestDelegate _next;
    private readonly ClusterConnection _cluster;
    private readonly ClusterKeyCheck _key;
    private readonly ClusterForwarder _forwarder;
    private readonly ClusterWebSocketProxy _webSockets;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly string _mcpPath;
    private readonly ILogger<ClusterRoutingMiddleware> _logger;

    /// <summary>Creates the middleware.</summary>
    public ClusterRoutingMiddleware(
        RequestDelegate next,
        ClusterConnection cluster,
        ClusterKeyCheck key,
        ClusterForwarder forwarder,
        ClusterWebSocketProxy webSockets,
        IServiceProvider services,
        TimeProvider time,
        IOptions<NavigatorServerOptions> server,
        ILogger<ClusterRoutingMiddleware> logger)
    {
        _next = next;
        _cluster = cluster;
        _key = key;
        _forwarder = forwarder;
        _webSockets = webSockets;
        _services = services;
        _time = time;
        _mcpPath = server.Value.McpPath;
        _logger = logger;
    }

    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (!_cluster.IsClustered)
        {
            await _next(context);
            return;
        }

        if (ClusterKeyCheck.IsForwarded(context))
        {
            if (!_key.Authorizes(context))
            {
                LogWrongKey(_logger, context.Connection.RemoteIpAddress?.ToString() ?? "?");
                await WriteHttpErrorAsync(context, StatusCodes.Status403Forbidden, "cluster_key_invalid", "The request says it comes from a node of this cluster but does not carry the cluster key");
                return;
            }

            // Served here whatever happens: a forwarded request is never forwarded again.
            await _next(context);
            return;
        }

        var route = await RoomRoute.ReadAsync(context, _mcpPath);
        if (route is null)
        {
            await _next(context);
            return;
        }

        try
        {
            if (route.IsStart ? await PlaceAsync(context, route) : await RouteToOwnerAsync(context, route))
            {
                return;
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Without Redis this node answers what it can: its own rooms (and starts, which say cluster_unavailable), and a clear error for others.
            LogRedisAway(_logger, route.RoomName, ex.Message);
            if (!route.IsStart && !_services.GetRequiredService<RoomSessionManager>().Holds(route.RoomName))
            {
                await WriteErrorAsync(context, route, StatusCodes.Status503ServiceUnavailable, RedisSessionDirectory.ClusterUnavailable, $"Room '{route.RoomName}' is not on this node, and the cluster's Redis does not answer, so its node cannot be found; try again shortly");
                return;
            }
        }

        await _next(context);
    }

    /// <summary>Sends a start to the least-loaded node; false when this node should serve it.</summary>
    private async Task<bool> PlaceAsync(HttpContext context, RoomRoute route)
    {
        var target = await _services.GetRequiredService<ClusterNodes>().PlaceAsync();
        if (target is null)
        {
            await WriteToolErrorAsync(context, route, ToolErrorCodes.CapacityReached, "Every node of the cluster is at its session limit or above its load threshold; close a session or try again later");
            return true;
        }

        return target.Id != _cluster.NodeId && await _forwarder.ForwardAsync(context, target.Url);
    }

    /// <summary>Forwards to the node holding the room, waiting while it moves; false when this node should serve it.</summary>
    private async Task<bool> RouteToOwnerAsync(HttpContext context, RoomRoute route)
    {
        var sessions = _services.GetRequiredService<RoomSessionManager>();
        var directory = (RedisSessionDirectory)_services.GetRequiredService<ISessionDirectory>();
        var deadline = _time.GetTimestamp() + (long)(_cluster.Options.MoveWait.TotalSeconds * _time.TimestampFrequency);
        while (true)
        {
            if (sessions.Holds(route.RoomName))
            {
                return false;
            }

            var found = await directory.GetRouteAsync(route.RoomName);
            if (found is not { } owner)
            {
                // No such room: the tool says room_not_found.
                return false;
            }

            if (owner.Owner == _cluster.NodeId)
            {
                // This node took the room over and is rebuilding it: wait until it holds it, so the call
                // is served by the rebuilt room instead of answering room_not_found meanwhile.
                if (_time.GetTimestamp() >= deadline)
                {
                    return false;
                }

                await Task.Delay(MovePoll, _time, context.RequestAborted);
                continue;
            }

            if (owner.Node is { } node)
            {
                var served = context.WebSockets.IsWebSocketRequest
                    ? await _webSockets.ProxyAsync(context, route.RoomName, node.Url)
                    : await _forwarder.ForwardAsync(context, node.Url);
                if (served)
                {
                    return true;
                }
            }

            // Its node stopped (or cannot be reached): the room is moving to another node.
            if (_time.GetTimestamp() >= deadline)
            {
                await WriteErrorAsync(context, route, StatusCodes.Status503ServiceUnavailable, RoomMoving, $"Room '{route.RoomName}' is moving to another node because its node stopped, and has not arrived within {_cluster.Options.MoveWait.TotalSeconds:0} s; try again shortly");
                return true;
            }

            await Task.Delay(MovePoll, _time, context.RequestAborted);
        }
    }

    /// <summary>A tool error for an MCP call, an HTTP error with <paramref name="httpStatus"/> otherwise.</summary>
    private static Task WriteErrorAsync(HttpContext context, RoomRoute route, int httpStatus, string code, string message) =>
        route.IsMcp ? WriteToolErrorAsync(context, route, code, message) : WriteHttpErrorAsync(context, httpStatus, code, message);

    private static async Task WriteToolErrorAsync(HttpContext context, RoomRoute route, string code, string message)
    {
        // The JSON-RPC answer the MCP endpoint would give for a tool that failed this way.
        var result = JsonSerializer.SerializeToElement(ToolResults.Error(code, message), McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult)));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WritePropertyName("id");
        if (route.RpcId is { } id)
        {
            id.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        writer.WritePropertyName("result");
        result.WriteTo(writer);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static Task WriteHttpErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new HttpError(code, message), ServerJsonContext.Default.HttpError);
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Refused a forwarded request from {Remote}: wrong cluster key")]
    private static partial void LogWrongKey(ILogger logger, string remote);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Room {RoomName}: Redis does not answer ({Reason}); serving the call here")]
    private static partial void LogRedisAway(ILogger logger, string roomName, string reason);
}
