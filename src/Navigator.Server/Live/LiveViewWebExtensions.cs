using Navigator.Server.Auth;
using Navigator.Tools.Live;

namespace Navigator.Server.Live;

/// <summary>Adds the live view to the web host.</summary>
public static class LiveViewWebExtensions
{
    /// <summary>
    /// Registers the live view (room control for takeover, tickets, the WebSocket handler and the
    /// ticket credential the API key middleware accepts); map it with <see cref="LiveViewEndpoints.MapNavigatorLiveView"/>.
    /// </summary>
    public static IServiceCollection AddNavigatorLiveViewServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LiveViewOptions>().Bind(configuration.GetSection(LiveViewOptions.SectionName));
        services.AddNavigatorLiveView();
        services.AddSingleton<LiveViewTickets>();
        services.AddSingleton<LiveViewSocketHandler>();
        services.AddSingleton<IRequestCredentials, LiveViewCredentials>();
        services.AddHostedService<LiveViewAddress>();
        return services;
    }
}
