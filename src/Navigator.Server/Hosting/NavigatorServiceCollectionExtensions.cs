using System.Reflection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using Navigator.Browser;
using Navigator.Browser.Security;
using Navigator.Media.Recording;
using Navigator.Tools;
using Navigator.Tools.Events;
using Navigator.Tools.Sessions;
using Navigator.Vision.Models;

namespace Navigator.Server.Hosting;

/// <summary>Registers Navigator's services from configuration.</summary>
public static class NavigatorServiceCollectionExtensions
{
    /// <summary>The product version reported by health and MCP server info.</summary>
    public static string Version { get; } =
        typeof(NavigatorServiceCollectionExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>
    /// Binds the <c>Server</c>, <c>Sessions</c>, <c>Events</c>, <c>Browser</c>, <c>Tools</c>, <c>Recording</c> and <c>LiveKit</c> sections and adds the
    /// session manager, event broadcaster, browser pool, per-room media and LiveKit streaming. Add an MCP transport separately.
    /// </summary>
    public static IServiceCollection AddNavigator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NavigatorServerOptions>().Bind(configuration.GetSection(NavigatorServerOptions.SectionName));
        services.AddOptions<SessionManagerOptions>().Bind(configuration.GetSection(SessionManagerOptions.SectionName))
            .Validate(o => o.MaxSessions > 0, "Sessions:MaxSessions must be positive")
            .Validate(o => IsValidPolicy(o.BlockedDomains), "Sessions:BlockedDomains has an invalid domain pattern (see docs/security.md)")
            .ValidateOnStart();
        services.AddOptions<RoomEventBroadcasterOptions>().Bind(configuration.GetSection(RoomEventBroadcasterOptions.SectionName))
            .Validate(o => o.PerConnectionBuffer > 0 && o.MaxConnectionsPerRoom > 0, "Events:PerConnectionBuffer and Events:MaxConnectionsPerRoom must be positive");
        services.AddOptions<BrowserPoolOptions>().Bind(configuration.GetSection("Browser"));
        services.AddOptions<Navigator.Tools.Mcp.ToolOutputOptions>().Bind(configuration.GetSection(Navigator.Tools.Mcp.ToolOutputOptions.SectionName));
        services.AddOptions<VisionOptions>().Bind(configuration.GetSection(VisionOptions.SectionName));
        services.AddOptions<RecordingOptions>().Bind(configuration.GetSection(RecordingOptions.SectionName));
        services.AddOptions<Navigator.LiveKit.LiveKitOptions>().Bind(configuration.GetSection(Navigator.LiveKit.LiveKitOptions.SectionName));
        services.AddNavigatorMedia();
        services.AddNavigatorLiveKit();
        services.AddNavigatorSessions();
        return services;
    }

    /// <summary>Adds the MCP server with Navigator's tools; pick a transport on the returned builder.</summary>
    public static IMcpServerBuilder AddNavigatorMcpServer(this IServiceCollection services) =>
        services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = "navigator", Title = "Navigator browser automation", Version = Version };
                options.ServerInstructions =
                    "Navigator drives a real headless browser per room. Call start_browser_session with a room_name first, "
                    + "then get_browser_context to read the page (elements carry [index] numbers) and execute_action to act "
                    + "(click/type by index, navigate, scroll, ...). close_browser_session when done.";
            })
            .WithNavigatorTools();

    private static bool IsValidPolicy(IList<string> blockedDomains)
    {
        try
        {
            new NavigationPolicy { BlockedDomains = [.. blockedDomains] }.Compile();
            return true;
        }
        catch (InvalidDomainPatternException)
        {
            return false;
        }
    }

    internal static NavigatorServerOptions GetServerOptions(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<NavigatorServerOptions>>().Value;
}
