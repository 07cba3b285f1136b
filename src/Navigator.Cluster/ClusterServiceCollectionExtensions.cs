using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Navigator.Tools.Events;
using Navigator.Tools.Sessions;

namespace Navigator.Cluster;

/// <summary>Registers the cluster parts; call before <c>AddNavigatorSessions</c>.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Redis room directory and event broadcaster, the node's lease and the recovery of
    /// stopped nodes' rooms when <see cref="ClusterOptions.Redis"/> is set (options from
    /// <see cref="IOptions{TOptions}"/> of <see cref="ClusterOptions"/>); otherwise the node keeps the
    /// in-memory directory and broadcaster and runs alone, as without this call.
    /// </summary>
    public static IServiceCollection AddNavigatorCluster(this IServiceCollection services)
    {
        services.AddOptions<ClusterOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ClusterConnection>();
        services.TryAddSingleton<ISessionDirectory>(sp =>
        {
            var cluster = sp.GetRequiredService<ClusterConnection>();
            return cluster.IsClustered ? new RedisSessionDirectory(cluster) : new InMemorySessionDirectory();
        });
        services.TryAddSingleton<IRoomEventBroadcaster>(sp =>
        {
            var cluster = sp.GetRequiredService<ClusterConnection>();
            var options = sp.GetRequiredService<IOptions<RoomEventBroadcasterOptions>>();
            return cluster.IsClustered
                ? new RedisRoomEventBroadcaster(cluster, options, sp.GetRequiredService<ILogger<RedisRoomEventBroadcaster>>())
                : new InMemoryRoomEventBroadcaster(options);
        });
        services.TryAddSingleton(sp => new ClusterNodes(
            sp.GetRequiredService<ClusterConnection>(),
            sp.GetRequiredService<RoomSessionManager>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ClusterNodeService>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterNodeService>());
        return services;
    }
}
