using System.Text.Json;
using Navigator.Tools.Sessions;
using StackExchange.Redis;

namespace Navigator.Cluster;

/// <summary>
/// The nodes of the cluster: this node's lease and load record (renewed by <see cref="HeartbeatAsync"/>),
/// the live nodes' records, and placement of new rooms on the least-loaded one.
/// </summary>
public sealed class ClusterNodes
{
    private readonly ClusterConnection _cluster;
    private readonly RoomSessionManager _sessions;
    private readonly TimeProvider _time;
    private readonly ProcessCpu _cpu;
    private readonly IDatabase _db;
    private readonly Lock _placedSync = new();

    // Rooms sent to a node since its last record, so a burst of starts does not all pick the same node.
    private readonly Dictionary<string, (DateTimeOffset Since, int Count)> _placed = new(StringComparer.Ordinal);

    /// <summary>Creates the node registry on the cluster's connection.</summary>
    public ClusterNodes(ClusterConnection cluster, RoomSessionManager sessions, TimeProvider time)
    {
        _cluster = cluster;
        _sessions = sessions;
        _time = time;
        _cpu = new ProcessCpu(time);
        _db = (cluster.Redis ?? throw new InvalidOperationException("The node is not in a cluster")).GetDatabase();
    }

    /// <summary>This node's record as of now.</summary>
    public NodeRecord Self => new()
    {
        Id = _cluster.NodeId,
        Url = _cluster.NodeUrl!,
        Sessions = _sessions.Count,
        MaxSessions = _sessions.MaxSessions,
        Cpu = _cpu.Current,
        At = _time.GetUtcNow(),
    };

    /// <summary>Renews this node's lease with its load; false when the lease had run out or Redis lost it.</summary>
    public async Task<bool> HeartbeatAsync()
    {
        _cpu.Sample();
        var self = Self;
        var existed = await _db.ScriptEvaluateAsync(
            ClusterScripts.Heartbeat,
            [_cluster.Keys.Node(self.Id), _cluster.Keys.Nodes],
            [JsonSerializer.Serialize(self, ClusterJsonContext.Default.NodeRecord), (long)_cluster.Options.Lease.TotalMilliseconds, self.Id]);
        return (int)existed == 1;
    }

    /// <summary>The live nodes (this one with its current load); nodes whose lease ran out are forgotten.</summary>
    public async Task<IReadOnlyList<NodeRecord>> ListAsync()
    {
        var ids = await _db.SetMembersAsync(_cluster.Keys.Nodes);
        var records = ids.Length == 0 ? [] : await _db.StringGetAsync([.. ids.Select(id => (RedisKey)_cluster.Keys.Node(id.ToString()))]);
        var live = new List<NodeRecord> { Self };
        for (var i = 0; i < ids.Length; i++)
        {
            if (records[i].IsNullOrEmpty)
            {
                _ = _db.SetRemoveAsync(_cluster.Keys.Nodes, ids[i], CommandFlags.FireAndForget);
            }
            else if (ids[i] != _cluster.NodeId && JsonSerializer.Deserialize((string)records[i]!, ClusterJsonContext.Default.NodeRecord) is { } record)
            {
                live.Add(record);
            }
        }

        return live;
    }

    /// <summary>
    /// The node a new room goes to: the least loaded (sessions against capacity, then CPU) of the nodes
    /// under their limits, this one on a tie; null when every node is full or over its threshold.
    /// </summary>
    public async Task<NodeRecord?> PlaceAsync()
    {
        var nodes = await ListAsync();
        NodeRecord? chosen;
        lock (_placedSync)
        {
            chosen = nodes
                .Select(WithPlaced)
                .Where(n => n.Accepts(_cluster.Options))
                .OrderBy(n => n.Load)
                .ThenBy(n => n.Id == _cluster.NodeId ? 0 : 1)
                .ThenBy(n => n.Cpu)
                .FirstOrDefault();
            if (chosen is not null && chosen.Id != _cluster.NodeId)
            {
                var original = nodes.First(n => n.Id == chosen.Id);
                _placed[chosen.Id] = (original.At, chosen.Sessions - original.Sessions + 1);
            }
        }

        return chosen;
    }

    private NodeRecord WithPlaced(NodeRecord node) =>
        _placed.TryGetValue(node.Id, out var placed) && placed.Since == node.At ? node with { Sessions = node.Sessions + placed.Count } : node;
}
