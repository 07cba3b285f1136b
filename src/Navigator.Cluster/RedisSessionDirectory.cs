using System.Text.Json;
using Navigator.Tools;
using Navigator.Tools.Sessions;
using StackExchange.Redis;

namespace Navigator.Cluster;

/// <summary>
/// The room directory in Redis: per room a hash of its owner (a node id) and its rebuild record
/// as plain JSON. Ownership changes run as Lua scripts, so two nodes claiming or recovering one
/// room at once cannot both win. A node's rooms stay its own while its lease (<see cref="ClusterNodes"/>) lives.
/// </summary>
public sealed class RedisSessionDirectory : ISessionDirectory
{
    /// <summary>Error code when Redis does not answer a call that needs it.</summary>
    public const string ClusterUnavailable = "cluster_unavailable";

    private readonly ClusterConnection _cluster;
    private readonly IDatabase _db;
    private readonly ClusterKeys _keys;
    private int _missedWrites;

    /// <summary>Creates the directory on the cluster's connection.</summary>
    public RedisSessionDirectory(ClusterConnection cluster)
    {
        _cluster = cluster;
        _db = (cluster.Redis ?? throw new InvalidOperationException("The node is not in a cluster")).GetDatabase();
        _keys = cluster.Keys;
    }

    /// <inheritdoc />
    public string? NodeUrl => _cluster.NodeUrl;

    /// <summary>True (once) when a state write failed since the last call: the node's rooms need writing back.</summary>
    public bool TakeMissedWrites() => Interlocked.Exchange(ref _missedWrites, 0) != 0;

    /// <inheritdoc />
    public async ValueTask<bool> TryClaimAsync(RoomSessionState state, CancellationToken cancellationToken = default)
    {
        try
        {
            var claimed = await _db.ScriptEvaluateAsync(
                ClusterScripts.Claim,
                [_keys.Room(state.RoomName), _keys.Rooms],
                [_cluster.NodeId, Serialize(state), state.RoomName]);
            return (int)claimed == 1;
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            throw new NavigatorToolException(ClusterUnavailable, $"Room '{state.RoomName}' cannot be started now: the cluster's Redis does not answer ({ex.Message})", ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask UpdateAsync(RoomSessionState state, CancellationToken cancellationToken = default)
    {
        try
        {
            await _db.ScriptEvaluateAsync(ClusterScripts.Update, [_keys.Room(state.RoomName)], [_cluster.NodeId, Serialize(state)]);
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            // Redis is away: the room goes on here and is written back once Redis answers (ClusterNodes resync).
            Volatile.Write(ref _missedWrites, 1);
        }
    }

    /// <inheritdoc />
    public async ValueTask<RoomSessionState?> GetAsync(string roomName, CancellationToken cancellationToken = default)
    {
        var json = await _db.HashGetAsync(_keys.Room(roomName), "state");
        return json.IsNullOrEmpty ? null : Deserialize(json);
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(string roomName, CancellationToken cancellationToken = default)
    {
        try
        {
            await _db.ScriptEvaluateAsync(ClusterScripts.Remove, [_keys.Room(roomName), _keys.Rooms], [_cluster.NodeId, roomName]);
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException)
        {
            // The record stays with this node's id; once the lease lapses nobody holds the room, and
            // the recovering node finds it closed (see ClusterNodes: rooms of no live node are recovered).
            Volatile.Write(ref _missedWrites, 1);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<RoomSessionState>> ListAsync(CancellationToken cancellationToken = default)
    {
        var names = await _db.SetMembersAsync(_keys.Rooms);
        var states = await Task.WhenAll(names.Select(n => _db.HashGetAsync(_keys.Room(n.ToString()), "state")));
        return [.. states.Where(s => !s.IsNullOrEmpty).Select(s => Deserialize(s)!)];
    }

    /// <summary>The id of the node holding the room (empty when released), or null when the room has no record.</summary>
    public async Task<string?> GetOwnerAsync(string roomName)
    {
        var owner = await _db.HashGetAsync(_keys.Room(roomName), "owner");
        return owner.IsNull ? null : owner.ToString();
    }

    /// <summary>
    /// Who serves the room, in one round trip: null when it has no record; else its owner's id (empty
    /// when released) and the owner's node record, null when the owner's lease ran out.
    /// </summary>
    public async Task<(string Owner, NodeRecord? Node)?> GetRouteAsync(string roomName)
    {
        var route = await _db.ScriptEvaluateAsync(ClusterScripts.Route, [_keys.Room(roomName)], [_keys.Node(string.Empty)]);
        if (route.IsNull)
        {
            return null;
        }

        var parts = (RedisResult[])route!;
        var owner = (string?)parts[0] ?? string.Empty;
        var node = parts.Length > 1 && !parts[1].IsNull ? JsonSerializer.Deserialize((string)parts[1]!, ClusterJsonContext.Default.NodeRecord) : null;
        return (owner, node);
    }

    /// <summary>Every room name with a record.</summary>
    public async Task<IReadOnlyList<string>> ListRoomNamesAsync() =>
        [.. (await _db.SetMembersAsync(_keys.Rooms)).Select(n => n.ToString())];

    /// <summary>Makes this node the room's owner when its owner's lease ran out; returns its record, or null when another node was first or the owner lives.</summary>
    public async Task<RoomSessionState?> TryTakeOverAsync(string roomName)
    {
        var state = await _db.ScriptEvaluateAsync(ClusterScripts.TakeOver, [_keys.Room(roomName)], [_keys.Node(string.Empty), _cluster.NodeId]);
        return state.IsNull ? null : Deserialize((string?)state);
    }

    /// <summary>Gives the room up (kept for another node to recover).</summary>
    public Task ReleaseAsync(string roomName) =>
        _db.ScriptEvaluateAsync(ClusterScripts.Release, [_keys.Room(roomName)], [_cluster.NodeId]);

    /// <summary>Writes the rooms this node holds back; returns the ones another node owns now.</summary>
    public async Task<IReadOnlyList<string>> ResyncAsync(IEnumerable<RoomSessionState> held)
    {
        var results = await Task.WhenAll(held.Select(async state => (state.RoomName, Written: (int)await _db.ScriptEvaluateAsync(
            ClusterScripts.Resync,
            [_keys.Room(state.RoomName), _keys.Rooms],
            [_cluster.NodeId, Serialize(state), state.RoomName]) == 1)));
        return [.. results.Where(r => !r.Written).Select(r => r.RoomName)];
    }

    /// <summary>Forgets the room whatever its owner (it has no state left to recover).</summary>
    public Task ForgetAsync(string roomName) =>
        Task.WhenAll(_db.KeyDeleteAsync(_keys.Room(roomName)), _db.SetRemoveAsync(_keys.Rooms, roomName));

    internal static string Serialize(RoomSessionState state) => JsonSerializer.Serialize(state, ClusterJsonContext.Default.RoomSessionState);

    internal static RoomSessionState? Deserialize(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, ClusterJsonContext.Default.RoomSessionState);
}
