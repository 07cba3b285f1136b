using Navigator.Server.Auth;
using Navigator.Server.Cluster;
using Navigator.Server.Events;
using Navigator.Server.Live;
using Navigator.Server.Telemetry;

namespace Navigator.Server.Hosting;

/// <summary>Builds the <c>navigator serve</c> web application (MCP over Streamable HTTP, events, health).</summary>
public static class NavigatorWebHost
{
    /// <summary>
    /// Builds the app. <paramref name="flags"/> are configuration overrides from the command line
    /// (e.g. <c>Server:Urls</c>); <paramref name="configure"/> lets tests adjust the builder.
    /// Throws <see cref="InsecureBindingException"/> when asked to listen beyond loopback without an API key.
    /// </summary>
    public static WebApplication Build(IDictionary<string, string?>? flags = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(NavigatorWebHost).Assembly.GetName().Name,
        });
        builder.Configuration.AddNavigatorSources(flags);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.AddNavigatorClusterServer(builder.Configuration);
        builder.Services.AddNavigator(builder.Configuration);
        builder.Services.AddNavigatorTelemetry(builder.Configuration, httpServer: true);
        builder.Services.AddSingleton<RoomEventsWebSocketHandler>();
        builder.Services.AddNavigatorLiveViewServer(builder.Configuration);
        builder.Services.AddNavigatorMcpServer().WithHttpTransport(o =>
        {
            var stateless = builder.Configuration.GetValue($"{NavigatorServerOptions.SectionName}:{nameof(NavigatorServerOptions.StatelessHttp)}", true);
            o.Stateless = stateless;
        });
        configure?.Invoke(builder);

        var serverOptions = builder.Configuration.GetSection(NavigatorServerOptions.SectionName).Get<NavigatorServerOptions>() ?? new NavigatorServerOptions();

        // Kestrel's own endpoint settings (Kestrel:Endpoints:*:Url, also from NAVIGATOR_KESTREL__... or
        // ASPNETCORE_KESTREL__... variables) bind on top of Server:Urls, so they are checked too; what
        // Kestrel really bound is checked again once it started (ListenAddressGuard).
        var kestrelUrls = builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>();
        var exposed = ListenAddresses.Exposed(serverOptions.Urls).Concat(kestrelUrls.Where(u => !ListenAddresses.IsLoopback(u))).ToList();
        if (exposed.Count > 0 && !serverOptions.HasApiKey)
        {
            throw InsecureBindingException.For(exposed);
        }

        builder.Services.AddHostedService<ListenAddressGuard>();
        builder.WebHost.UseUrls([.. ListenAddresses.Split(serverOptions.Urls)]);
        var app = builder.Build();
        app.MapNavigator();
        return app;
    }
}

/// <summary>The server was asked to listen on a non-loopback address without an API key.</summary>
public sealed class InsecureBindingException(string message) : Exception(message)
{
    /// <summary>The refusal for these addresses.</summary>
    public static InsecureBindingException For(IEnumerable<string> exposed) => new(
        $"Refusing to listen on {string.Join(", ", exposed)} without an API key: anyone who can reach it could drive the browser. "
        + "Set --api-key (or NAVIGATOR_SERVER__APIKEY), or listen on 127.0.0.1 only.");
}
