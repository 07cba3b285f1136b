using System.Diagnostics;
using Navigator.Browser;
using Navigator.Server.Hosting;
using Navigator.Tools.Events;
using Navigator.Tools.Sessions;

namespace Navigator.Server.Health;

/// <summary><c>GET /health</c>: service status, sessions, browser pool and version.</summary>
public sealed record HealthReport
{
    /// <summary>ok, or degraded when no browser can be started.</summary>
    public required string Status { get; init; }

    /// <summary>Product version.</summary>
    public required string Version { get; init; }

    /// <summary>Seconds since the server started.</summary>
    public required double UptimeSeconds { get; init; }

    /// <summary>Sessions open and allowed.</summary>
    public required SessionCounts Sessions { get; init; }

    /// <summary>Browser processes.</summary>
    public required PoolReport BrowserPool { get; init; }

    /// <summary>Open event WebSockets over all rooms.</summary>
    public required int EventConnections { get; init; }

    /// <summary>Rooms by status, and how many cannot act right now (counts only: /health may be anonymous).</summary>
    public required RoomsReport Rooms { get; init; }

    /// <summary>This node and its cluster (mode single when it runs alone).</summary>
    public Cluster.ClusterReport? Cluster { get; init; }
}

/// <summary>Rooms by status; crashed and recovering rooms cannot act, stuck ones have a call running far too long.</summary>
public sealed record RoomsReport(IReadOnlyDictionary<string, int> ByStatus, int Crashed, int Recovering, int Stuck);

/// <summary>Session counts.</summary>
public sealed record SessionCounts(int Active, int Max);

/// <summary>Browser pool state.</summary>
public sealed record PoolReport(string State, int Browsers, string Isolation, string? Error);

/// <summary><c>GET /rooms/{room_name}/connections</c>.</summary>
public sealed record RoomConnections(string RoomName, int Connections, bool HasSession);

/// <summary>Maps the health and room connection endpoints.</summary>
public static class HealthEndpoints
{
    private static readonly long Started = Stopwatch.GetTimestamp();

    /// <summary>Adds <c>GET /health</c> and <c>GET /rooms/{room_name}/connections</c>.</summary>
    public static IEndpointRouteBuilder MapNavigatorHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", async (RoomSessionManager sessions, BrowserPoolStatus pool, IRoomEventBroadcaster events, IServiceProvider services) =>
            TypedResults.Json(CreateReport(sessions, pool, events) with { Cluster = await Cluster.ClusterHealth.GetAsync(services) }, ServerJsonContext.Default.HealthReport));

        endpoints.MapGet("/rooms/{room_name}/connections", (string room_name, RoomSessionManager sessions, IRoomEventBroadcaster events) =>
            RoomNames.IsValid(room_name)
                ? Results.Json(
                    new RoomConnections(room_name, events.GetConnectionCount(room_name), sessions.List().Any(s => s.RoomName == room_name)),
                    ServerJsonContext.Default.RoomConnections)
                : Results.Json(new HttpError("invalid_parameter", "room_name may contain letters, digits and . _ - : @ (at most 128 characters)"), ServerJsonContext.Default.HttpError, statusCode: StatusCodes.Status400BadRequest));
        return endpoints;
    }

    internal static HealthReport CreateReport(RoomSessionManager sessions, BrowserPoolStatus pool, IRoomEventBroadcaster events)
    {
        var browsers = sessions.Pool.BrowserCount;
        var state = browsers > 0 ? "ready" : pool.State;
        var rooms = sessions.GetHealth();
        return new HealthReport
        {
            Status = state == "failed" || rooms.Stuck.Count > 0 ? "degraded" : "ok",
            Version = NavigatorServiceCollectionExtensions.Version,
            UptimeSeconds = Math.Round(Stopwatch.GetElapsedTime(Started).TotalSeconds, 1),
            Sessions = new SessionCounts(sessions.Count, sessions.MaxSessions),
            BrowserPool = new PoolReport(
                state,
                browsers,
                sessions.Pool.Options.Isolation == BrowserIsolation.SharedProcess ? "shared_process" : "process_per_session",
                state == "failed" ? pool.Error : null),
            EventConnections = events.TotalConnections,
            Rooms = new RoomsReport(
                rooms.ByStatus,
                rooms.ByStatus.GetValueOrDefault("crashed"),
                rooms.ByStatus.GetValueOrDefault("recovering"),
                rooms.Stuck.Count),
        };
    }
}
