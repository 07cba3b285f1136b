using Navigator.Server.Auth;
using Navigator.Server.Cluster;
using Navigator.Server.Events;
using Navigator.Server.Health;
using Navigator.Server.Live;
using Navigator.Server.Media;
using Navigator.Server.Telemetry;

namespace Navigator.Server.Hosting;

/// <summary>Maps Navigator's HTTP surface.</summary>
public static class NavigatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Adds API-key checking and WebSockets to the pipeline, then maps the MCP endpoint
    /// (Streamable HTTP), <c>WS /mcp/events/{room_name}</c>, <c>GET /health</c> and
    /// <c>GET /rooms/{room_name}/connections</c>, the room's recordings and live view and, when enabled, the Prometheus scrape endpoint.
    /// </summary>
    public static WebApplication MapNavigator(this WebApplication app)
    {
        var options = app.Services.GetServerOptions();
        // WebSockets first: the key check needs to know whether a request is a WebSocket upgrade.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseMiddleware<ClusterRoutingMiddleware>();
        app.MapMcp(options.McpPath);
        app.Map("/mcp/events/{room_name}", (HttpContext context, string room_name, RoomEventsWebSocketHandler handler) =>
            handler.HandleAsync(context, room_name));
        app.MapNavigatorHealth();
        app.MapNavigatorRecordings();
        app.MapNavigatorLiveView();
        app.MapNavigatorTelemetry();
        return app;
    }
}
