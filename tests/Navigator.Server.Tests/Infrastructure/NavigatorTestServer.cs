using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using Navigator.Server.Hosting;
using Navigator.Tools.Sessions;

namespace Navigator.Server.Tests.Infrastructure;

/// <summary>The real navigator web app on Kestrel at 127.0.0.1:0, configured like <c>navigator serve</c>.</summary>
public sealed class NavigatorTestServer : IAsyncDisposable
{
    private NavigatorTestServer(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    public RoomSessionManager Sessions => Services.GetRequiredService<RoomSessionManager>();

    public Uri McpEndpoint => new(BaseAddress, "/mcp");

    public Uri EventsUri(string roomName) => new($"ws://{BaseAddress.Authority}/mcp/events/{Uri.EscapeDataString(roomName)}");

    public static async Task<NavigatorTestServer> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Server:Urls"] = "http://127.0.0.1:0",
            ["Sessions:IdleTimeout"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            flags[key] = value;
        }

        var app = NavigatorWebHost.Build(flags);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new NavigatorTestServer(app, new Uri(address));
    }

    /// <summary>An MCP client over Streamable HTTP.</summary>
    public Task<McpClient> ConnectAsync(string? apiKey = null)
    {
        var options = new HttpClientTransportOptions
        {
            Endpoint = McpEndpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
        };
        if (apiKey is not null)
        {
            options.AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + apiKey };
        }

        return McpClient.CreateAsync(new HttpClientTransport(options));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
