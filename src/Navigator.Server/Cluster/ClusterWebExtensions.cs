using Microsoft.Extensions.DependencyInjection.Extensions;
using Navigator.Cluster;
using Navigator.Server.Auth;

namespace Navigator.Server.Cluster;

/// <summary>Registers and maps the HTTP side of a cluster (forwarding between nodes, the cluster key).</summary>
public static class ClusterWebExtensions
{
    /// <summary>
    /// Binds the <c>Cluster</c> section and adds the cluster (see <see cref="ClusterServiceCollectionExtensions.AddNavigatorCluster"/>)
    /// with request forwarding; call before <c>AddNavigator</c>. Without <c>Cluster:Redis</c> the node runs alone.
    /// </summary>
    public static IServiceCollection AddNavigatorClusterServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.SectionName));
        services.AddNavigatorCluster();
        services.TryAddSingleton<ClusterKeyCheck>();
        services.TryAddSingleton<ClusterForwarder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRequestCredentials, ClusterKeyCredentials>());
        return services;
    }
}
