using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Navigator.Testing;

/// <summary>
/// A Kestrel server on 127.0.0.1 serving pages that tests register, counting hits per
/// host and path (so a test can prove a request never reached the server).
/// </summary>
public sealed class TestWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.OrdinalIgnoreCase);

    private TestWebServer(WebApplication app) => _app = app;

    /// <summary>http://127.0.0.1:port</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The port Kestrel bound.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>Starts a server on a free port of <paramref name="bindAddress"/> (another loopback address is another site).</summary>
    public static async Task<TestWebServer> StartAsync(string bindAddress = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{bindAddress}:0");
        var app = builder.Build();
        var server = new TestWebServer(app);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>Absolute URL of a path on 127.0.0.1.</summary>
    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>Absolute URL of a path under another host name (resolved to us by the browser's host rules).</summary>
    public string Url(string host, string path) => $"http://{host}:{Port}{(path.StartsWith('/') ? path : "/" + path)}";

    /// <summary>Serves <paramref name="html"/> at <paramref name="path"/> (any host).</summary>
    public void MapHtml(string path, string html) => Map(path, context =>
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html);
    });

    /// <summary>Serves a custom handler at <paramref name="path"/> (any host).</summary>
    public void Map(string path, RequestDelegate handler) => _routes[path] = handler;

    /// <summary>
    /// Accepts WebSocket upgrades at <paramref name="path"/> (any host) and echoes every text or
    /// binary message until the client closes. The upgrade request counts as a hit.
    /// </summary>
    public void MapWebSocketEcho(string path) => Map(path, async context =>
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[4096];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == System.Net.WebSockets.WebSocketMessageType.Close)
            {
                await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
        }
    });

    /// <summary>Requests seen for a path, on any host.</summary>
    public int Hits(string path) => _hits.Where(h => h.Key.EndsWith("|" + path, StringComparison.OrdinalIgnoreCase)).Sum(h => h.Value);

    /// <summary>Requests seen for a path on one host.</summary>
    public int Hits(string host, string path) => _hits.GetValueOrDefault($"{host}|{path}");

    /// <summary>Requests seen for any path on one host.</summary>
    public int HostHits(string host) => _hits.Where(h => h.Key.StartsWith(host + "|", StringComparison.OrdinalIgnoreCase)).Sum(h => h.Value);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _hits.AddOrUpdate($"{context.Request.Host.Host}|{path}", 1, (_, count) => count + 1);
        if (_routes.TryGetValue(path, out var handler))
        {
            await handler(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        await context.Response.WriteAsync("not found");
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
