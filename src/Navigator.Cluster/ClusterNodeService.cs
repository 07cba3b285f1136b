using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Navigator.Tools;
using Navigator.Tools.Sessions;
using StackExchange.Redis;

namespace Navigator.Cluster;

/// <summary>
/// Keeps this node in the cluster: renews its lease (with its load) every heartbeat, writes its
/// rooms back when Redis lost them (a restart) or missed writes, and recovers the rooms of nodes
/// whose lease ran out. Does nothing on a single node.
/// </summary>
public sealed partial class ClusterNodeService(
    ClusterConnection cluster,
    IServiceProvider services,
    TimeProvider time,
    ILogger<ClusterNodeService> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Task> _adopting = new(StringComparer.Ordinal);
    private bool _redisAway;

    // No lease is judged until one lease after this node (re)connected: owners first get the chance to
    // renew, e.g. after Redis came back from a snapshot in which their leases had lapsed.
    private long _judgeLeasesFrom;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!cluster.IsClustered)
        {
            return;
        }

        DeferLeaseJudgement();
        cluster.Redis!.ConnectionRestored += (_, _) => DeferLeaseJudgement();
        var sessions = services.GetRequiredService<RoomSessionManager>();
        var directory = (RedisSessionDirectory)services.GetRequiredService<ISessionDirectory>();
        var nodes = services.GetRequiredService<ClusterNodes>();
        await Task.WhenAll(
            HeartbeatLoopAsync(sessions, directory, nodes, stoppingToken),
            RecoveryLoopAsync(sessions, directory, nodes, stoppingToken));
        await Task.WhenAll(_adopting.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task HeartbeatLoopAsync(RoomSessionManager sessions, RedisSessionDirectory directory, ClusterNodes nodes, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(cluster.Options.HeartbeatInterval, time);
        do
        {
            try
            {
                var leaseKept = await nodes.HeartbeatAsync();
                if (!leaseKept || directory.TakeMissedWrites())
                {
                    // Redis restarted empty, or this node could not write for a while: write its rooms back.
                    var moved = await directory.ResyncAsync(sessions.HeldStates());
                    LogResynced(logger, sessions.Count, moved.Count);
                    foreach (var room in moved)
                    {
                        await sessions.DropMovedAsync(room);
                    }
                }

                if (Volatile.Read(ref _redisAway))
                {
                    Volatile.Write(ref _redisAway, false);
                    LogRedisBack(logger);
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                if (!Volatile.Read(ref _redisAway))
                {
                    Volatile.Write(ref _redisAway, true);
                    LogRedisAway(logger, ex.Message);
                }
            }
        }
        while (await TickAsync(timer, stoppingToken));
    }

    private async Task RecoveryLoopAsync(RoomSessionManager sessions, RedisSessionDirectory directory, ClusterNodes nodes, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(cluster.Options.RecoveryInterval, time);
        while (await TickAsync(timer, stoppingToken))
        {
            if (Volatile.Read(ref _redisAway) || time.GetTimestamp() < Volatile.Read(ref _judgeLeasesFrom))
            {
                // Nobody's lease can be judged while Redis is away, nor right after it came back.
                continue;
            }

            try
            {
                await RecoverOrphansAsync(sessions, directory, nodes, stoppingToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogScanFailed(logger, ex.Message);
            }
        }
    }

    private async Task RecoverOrphansAsync(RoomSessionManager sessions, RedisSessionDirectory directory, ClusterNodes nodes, CancellationToken stoppingToken)
    {
        var live = await nodes.ListAsync();
        var self = live[0];
        if (!self.Accepts(cluster.Options))
        {
            return;
        }

        var alive = live.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var orphans = new List<string>();
        foreach (var room in await directory.ListRoomNamesAsync())
        {
            if (sessions.Holds(room) || _adopting.ContainsKey(room))
            {
                continue;
            }

            var owner = await directory.GetOwnerAsync(room);
            if (owner is null)
            {
                await directory.ForgetAsync(room);
            }
            else if (owner == cluster.NodeId)
            {
                // Recorded as this node's but not held: it closed while Redis was away.
                await directory.RemoveAsync(room, stoppingToken);
            }
            else if (!alive.Contains(owner))
            {
                orphans.Add(room);
            }
        }

        // Each live node takes its share, so a dead node's rooms spread over the others.
        var share = Math.Min((orphans.Count + alive.Count - 1) / alive.Count, self.MaxSessions - self.Sessions);
        foreach (var room in orphans.OrderBy(_ => Random.Shared.Next()).Take(share))
        {
            if (await directory.TryTakeOverAsync(room) is { } state)
            {
                _adopting[room] = AdoptAsync(sessions, directory, state, stoppingToken);
            }
        }
    }

    private void DeferLeaseJudgement() =>
        Volatile.Write(ref _judgeLeasesFrom, time.GetTimestamp() + (long)(cluster.Options.Lease.TotalSeconds * time.TimestampFrequency));

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task AdoptAsync(RoomSessionManager sessions, RedisSessionDirectory directory, RoomSessionState state, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield();
            var info = await sessions.AdoptAsync(state, stoppingToken);
            LogAdopted(logger, state.RoomName, info.Url);
        }
        catch (NavigatorToolException ex) when (ex.Code == ToolErrorCodes.SessionClosed)
        {
            // A client closed the room while it was being rebuilt here: it is gone, as asked.
            LogClosedWhileAdopting(logger, state.RoomName);
        }
        catch (Exception ex) when (ex is NavigatorToolException or OperationCanceledException)
        {
            LogAdoptFailed(logger, state.RoomName, ex.Message);
            try
            {
                await directory.ReleaseAsync(state.RoomName);
            }
            catch (Exception release) when (release is RedisException or TimeoutException)
            {
                // The lease of nobody: the room stays recorded as this node's until it is recovered after this node's lease.
                LogAdoptFailed(logger, state.RoomName, release.Message);
            }
        }
        finally
        {
            _adopting.TryRemove(state.RoomName, out _);
        }
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Wrote {Rooms} room(s) back to Redis; {Moved} had moved to other nodes")]
    private static partial void LogResynced(ILogger logger, int rooms, int moved);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Redis does not answer ({Reason}); serving this node's rooms meanwhile")]
    private static partial void LogRedisAway(ILogger logger, string reason);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "Redis answers again")]
    private static partial void LogRedisBack(ILogger logger);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "Looking for rooms of stopped nodes failed: {Reason}")]
    private static partial void LogScanFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Information, Message = "Room {RoomName}: taken over from a stopped node, at {Url}")]
    private static partial void LogAdopted(ILogger logger, string roomName, string url);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Information, Message = "Room {RoomName}: closed by a client while it was being taken over")]
    private static partial void LogClosedWhileAdopting(ILogger logger, string roomName);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Warning, Message = "Room {RoomName}: taking it over failed ({Reason}); released for another node")]
    private static partial void LogAdoptFailed(ILogger logger, string roomName, string reason);
}
