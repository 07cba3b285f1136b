using Navigator.Cluster;
using StackExchange.Redis;

namespace Navigator.Server.Cluster;

/// <summary>This node and its cluster, for <c>GET /health</c> (counts and addresses only).</summary>
/// <param name="Mode">redis (several nodes) or single.</param>
/// <param name="NodeId">This node's id (new per process); null on a single node.</param>
/// <param name="NodeUrl">This node's advertised URL; null on a single node.</param>
/// <param name="Redis">connected or unreachable; null on a single node.</param>
/// <param name="Nodes">Live nodes, this one included; null when unknown.</param>
/// <param name="Rooms">Rooms over all nodes; null when unknown.</param>
/// <param name="Fallback">Why the node runs alone although Cluster:Redis is set.</param>
public sealed record ClusterReport(string Mode, string? NodeId, string? NodeUrl, string? Redis, int? Nodes, int? Rooms, string? Fallback);

/// <summary>Builds the <see cref="ClusterReport"/>.</summary>
public static class ClusterHealth
{
    /// <summary>The report; Redis is asked for the counts (a Redis that does not answer shows as unreachable).</summary>
    public static async Task<ClusterReport> GetAsync(IServiceProvider services)
    {
        var cluster = services.GetRequiredService<ClusterConnection>();
        if (!cluster.IsClustered)
        {
            return new ClusterReport("single", null, null, null, null, null, cluster.FallbackReason);
        }

        try
        {
            var nodes = await services.GetRequiredService<ClusterNodes>().ListAsync();
            var rooms = await cluster.Redis!.GetDatabase().SetLengthAsync(cluster.Keys.Rooms);
            return new ClusterReport("redis", cluster.NodeId, cluster.NodeUrl, "connected", nodes.Count, (int)rooms, null);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return new ClusterReport("redis", cluster.NodeId, cluster.NodeUrl, "unreachable", null, null, null);
        }
    }
}
