using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Navigator.Actions.Vision;
using Navigator.Browser;
using Navigator.Tools.Events;
using Navigator.LiveKit;
using Navigator.LiveKit.Streaming;
using Navigator.Media.Recording;
using Navigator.Tools.Mcp;
using Navigator.Tools.Media;
using Navigator.Tools.Sessions;
using Navigator.Vision;

namespace Navigator.Tools;

/// <summary>Registers the session manager, event broadcaster and MCP tools.</summary>
public static class NavigatorToolsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the browser pool, the room session manager (with its hosted service) and the
    /// in-memory session directory and event broadcaster unless others were registered first.
    /// Options come from <see cref="IOptions{TOptions}"/> of <see cref="BrowserPoolOptions"/>,
    /// <see cref="SessionManagerOptions"/> and <see cref="RoomEventBroadcasterOptions"/>.
    /// </summary>
    public static IServiceCollection AddNavigatorSessions(this IServiceCollection services)
    {
        services.AddOptions<BrowserPoolOptions>();
        services.AddOptions<SessionManagerOptions>();
        services.AddOptions<RoomEventBroadcasterOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISessionDirectory, InMemorySessionDirectory>();
        services.TryAddSingleton<IRoomEventBroadcaster, InMemoryRoomEventBroadcaster>();
        services.TryAddSingleton<BrowserPoolStatus>();
        services.AddNavigatorVision();
        services.TryAddSingleton<SessionsShutdown>();
        services.TryAddSingleton(sp => new BrowserPool(
            sp.GetRequiredService<IOptions<BrowserPoolOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton(sp => new RoomSessionManager(
            sp.GetRequiredService<BrowserPool>(),
            sp.GetRequiredService<ISessionDirectory>(),
            sp.GetRequiredService<IRoomEventBroadcaster>(),
            sp.GetRequiredService<IOptions<SessionManagerOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetServices<IRoomComponentFactory>(),
            sp.GetService<IScreenTextLocator>(),
            sp.GetService<Navigator.Actions.Marks.IScreenshotMarker>(),
            sp.GetService<Navigator.Actions.Correction.IScreenTargetFinder>()));
        services.TryAddSingleton<RoomSessionHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<RoomSessionHostedService>());
        services.AddHostedService<IdleRoomReaper>();
        services.AddHostedService<RoomHangWatchdog>();
        return services;
    }

    /// <summary>
    /// Gives every room a screencast, ghost cursor and recorder (options from <see cref="RecordingOptions"/>,
    /// section <c>Recording</c>), and screenshots their set-of-marks painter; without it rooms have no video,
    /// the recording tools answer an error and <c>screenshot {marks: true}</c> answers action_disabled.
    /// </summary>
    public static IServiceCollection AddNavigatorMedia(this IServiceCollection services)
    {
        services.AddOptions<RecordingOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RoomMediaFactory(
            sp.GetRequiredService<IOptions<RecordingOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoomComponentFactory, RoomMediaFactory>(sp => sp.GetRequiredService<RoomMediaFactory>()));
        services.TryAddSingleton<Navigator.Actions.Marks.IScreenshotMarker, ScreenshotMarker>();
        return services;
    }

    /// <summary>
    /// Streams every room started with a <c>livekit_url</c> into that LiveKit room (options from
    /// <see cref="LiveKitOptions"/>, section <c>LiveKit</c>); needs <see cref="AddNavigatorMedia"/> for the frames.
    /// </summary>
    public static IServiceCollection AddNavigatorLiveKit(this IServiceCollection services)
    {
        services.AddOptions<LiveKitOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LiveKitStreaming(
            sp.GetRequiredService<IOptions<LiveKitOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRoomComponentFactory, RoomStreamFactory>(sp => new RoomStreamFactory(
            sp.GetRequiredService<LiveKitStreaming>(),
            sp.GetRequiredService<RoomMediaFactory>(),
            sp.GetRequiredService<IRoomEventBroadcaster>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<Live.LiveViewOptions>>(),
            sp.GetRequiredService<ILoggerFactory>())));
        return services;
    }

    /// <summary>Adds Navigator's browser tools and the filter that turns failures into tool errors.</summary>
    public static IMcpServerBuilder WithNavigatorTools(this IMcpServerBuilder builder)
    {
        builder.Services.TryAddSingleton<ToolArgumentValidator>();
        builder.Services.TryAddSingleton<Live.LiveViewLinks>();
        builder.Services.AddOptions<ToolOutputOptions>()
            .Validate(o => ToolOutputOptions.IsValidBudget(o.DefaultMaxChars),
                $"Tools:DefaultMaxChars must be between {ToolOutputOptions.MinMaxChars} and {ToolOutputOptions.MaxMaxChars}")
            .ValidateOnStart();

        // The tools' serializer options generate the output schemas, so they match the structured content.
        builder
            .WithTools<BrowserSessionTools>(ToolJsonContext.ToolOptions)
            .WithTools<BrowserContextTools>(ToolJsonContext.ToolOptions)
            .WithTools<ActionTools>(ToolJsonContext.ToolOptions)
            .WithTools<VisionTools>(ToolJsonContext.ToolOptions)
            .WithTools<RecordingTools>(ToolJsonContext.ToolOptions)
            .WithTools<Live.HumanHelpTools>(ToolJsonContext.ToolOptions)
            .WithRequestFilters(filters => filters.AddCallToolFilter(next =>
            {
                // Built on first use: filters are configured before the container exists.
                McpRequestHandler<CallToolRequestParams, CallToolResult>? filtered = null;
                return (request, cancellationToken) =>
                {
                    if (filtered is null)
                    {
                        var services = request.Services ?? throw new InvalidOperationException("The MCP request has no service provider");
                        filtered = ToolCallFilter.Create(
                            next,
                            services.GetRequiredService<ToolArgumentValidator>(),
                            services.GetRequiredService<ILoggerFactory>().CreateLogger("Navigator.Tools.Mcp"));
                    }

                    return filtered(request, cancellationToken);
                };
            }));
        return builder;
    }
}
