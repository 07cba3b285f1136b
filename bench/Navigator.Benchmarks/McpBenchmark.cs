using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Browser.Diagnostics;
using Navigator.Server.Hosting;
using Navigator.Testing;
using Navigator.Tools.Sessions;

namespace Navigator.Benchmarks;

/// <summary>
/// The MCP server as an agent sees it: process start to tools/list, first navigation with the
/// browser launch, warm session start, page reads and screenshots over stdio and Streamable HTTP
/// next to the same work done in-process, memory, and 20 rooms at once.
/// </summary>
internal sealed class McpBenchmark : IBenchmark
{
    private const int ConcurrentRooms = 20;

    public string Name => "mcp";

    public string Description => "MCP stdio/HTTP: startup, first navigate, session start, context, screenshot, PSS, 20 rooms (targets 300/450/100/40 ms, 0.8 GiB)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var pages = await TestWebServer.StartAsync();
        var pageUrl = MapPage(pages);
        // A published build (ReadyToRun, as shipped) can be measured instead of the bench's own copy.
        var navigator = Environment.GetEnvironmentVariable("NAVIGATOR_BENCH_EXECUTABLE") is { Length: > 0 } published
            ? published
            : Path.Combine(AppContext.BaseDirectory, "navigator");
        context.Output.WriteLine($"server executable: {navigator}");
        var table = new ResultTable(context.Output, "mcp (p50; baseline = the same work in-process without MCP)");

        await MeasureColdStdioAsync(navigator, pageUrl, Math.Clamp(context.Iterations / 4, 5, 10), table, context, cancellationToken);

        // Streamable HTTP against the real app on loopback; stdio against one long-lived process.
        await using var server = await StartHttpServerAsync();
        await using var http = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(server.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }), cancellationToken: cancellationToken);
        await using var stdio = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = navigator,
            Arguments = ["mcp"],
            EnvironmentVariables = new Dictionary<string, string?> { ["NAVIGATOR_LOGGING__LOGLEVEL__DEFAULT"] = "Warning" },
        }), cancellationToken: cancellationToken);

        foreach (var (name, client) in new[] { ("http", http), ("stdio", stdio) })
        {
            var startSamples = new Samples($"{name} start_browser_session");
            for (var i = 0; i < context.Iterations + 3; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await CallAsync(client, "start_browser_session", new { room_name = $"bench-{name}-start" });
                if (i >= 3)
                {
                    startSamples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                await CallAsync(client, "close_browser_session", new { room_name = $"bench-{name}-start" });
            }

            table.Add($"{name}: start_browser_session (warm browser)", startSamples, null, 100);
        }

        // Page reads: MCP versus calling the state builder directly on the same room's browser.
        await CallAsync(http, "start_browser_session", new { room_name = "bench-read", initial_url = pageUrl });
        var manager = server.App.Services.GetRequiredService<RoomSessionManager>();
        var browser = await manager.RunAsync("bench-read", (room, _) => Task.FromResult(room.Browser!), requireHealthy: true, cancellationToken);
        var (mcpRead, directRead) = await Samples.MeasurePairAsync(
            "http get_browser_context",
            () => CallAsync(http, "get_browser_context", new { room_name = "bench-read" }),
            "in-process capture",
            () => manager.StateBuilder.CaptureAsync(browser, PageStateOptions.Default, cancellationToken),
            context.Iterations);
        table.Add("http: get_browser_context vs in-process", mcpRead, directRead, null);
        table.AddValue("http: MCP overhead per call", Ms(mcpRead.Median - directRead.Median), target: "<= 3 ms",
            verdict: mcpRead.Median - directRead.Median <= 3 ? "PASS" : "MISS");
        var shot = await Samples.MeasureAsync("http screenshot", context.Iterations,
            () => CallAsync(http, "get_browser_context", new { room_name = "bench-read", include_screenshot = true }));
        table.Add("http: get_browser_context + JPEG screenshot", shot, null, null);

        await CallAsync(stdio, "start_browser_session", new { room_name = "bench-read", initial_url = pageUrl });
        var stdioRead = await Samples.MeasureAsync("stdio get_browser_context", context.Iterations,
            () => CallAsync(stdio, "get_browser_context", new { room_name = "bench-read" }));
        table.Add("stdio: get_browser_context", stdioRead, directRead, null);
        var stdioShot = await Samples.MeasureAsync("stdio screenshot", context.Iterations,
            () => CallAsync(stdio, "get_browser_context", new { room_name = "bench-read", include_screenshot = true }));
        table.Add("stdio: get_browser_context + JPEG screenshot", stdioShot, null, null);
        await CallAsync(http, "close_browser_session", new { room_name = "bench-read" });

        await MeasureActionsAsync(http, "http", manager, pageUrl, table, context, cancellationToken);
        await MeasureActionsAsync(stdio, "stdio", null, pageUrl, table, context, cancellationToken);
        await MeasureConcurrentRoomsAsync(http, pageUrl, table, context, cancellationToken);
        table.Print();
    }

    private static async Task MeasureColdStdioAsync(string navigator, string pageUrl, int runs, ResultTable table, BenchmarkContext context, CancellationToken cancellationToken)
    {
        var startup = new Samples("startup");
        var firstNavigate = new Samples("first navigate");
        long peakPss = 0;
        for (var i = 0; i <= runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
            {
                Command = navigator,
                Arguments = ["mcp"],
                EnvironmentVariables = new Dictionary<string, string?> { ["NAVIGATOR_LOGGING__LOGLEVEL__DEFAULT"] = "Warning" },
            }), cancellationToken: cancellationToken);
            await client.ListToolsAsync(cancellationToken: cancellationToken);
            var ready = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            var navigateStart = Stopwatch.GetTimestamp();
            await CallAsync(client, "start_browser_session", new { room_name = "cold", initial_url = pageUrl });
            var navigated = Stopwatch.GetElapsedTime(navigateStart).TotalMilliseconds;
            await CallAsync(client, "get_browser_context", new { room_name = "cold", include_screenshot = true });
            foreach (var pid in ProcessTree.FindByCommandLine(navigator + "\0mcp"))
            {
                peakPss = Math.Max(peakPss, ProcessTree.PssBytes(pid));
            }

            if (i > 0)
            {
                // The first run warms the disk cache.
                startup.Add(ready);
                firstNavigate.Add(navigated);
            }
        }

        table.Add("stdio: process start to tools/list", startup, null, 300);
        table.Add("stdio: first navigate incl. browser launch", firstNavigate, null, 450);
        var gib = peakPss / 1024.0 / 1024.0 / 1024.0;
        table.AddValue("stdio: peak PSS, server + browser, one page", gib.ToString("0.000 GiB", CultureInfo.InvariantCulture), target: "<= 0.8 GiB", verdict: gib <= 0.8 ? "PASS" : "MISS");
        context.Output.WriteLine($"cold stdio runs: {runs}");
    }

    /// <summary>Click and type by index and screenshot over MCP; over HTTP also the same actions on the room's dispatcher directly.</summary>
    private static async Task MeasureActionsAsync(McpClient client, string name, RoomSessionManager? manager, string pageUrl, ResultTable table, BenchmarkContext context, CancellationToken cancellationToken)
    {
        var room = $"bench-act-{name}";
        await CallAsync(client, "start_browser_session", new { room_name = room, initial_url = pageUrl });
        await CallAsync(client, "get_browser_context", new { room_name = room });

        // Index 1 is the search box, 2 its button (a no-op click: the form has no action target change), then list items.
        var click = new { room_name = room, action_type = "click", @params = new { index = 4 } };
        var type = new { room_name = room, action_type = "type", @params = new { index = 1, text = "hello" } };
        var shot = new { room_name = room, action_type = "screenshot", @params = new { format = "jpeg" } };
        if (manager is not null)
        {
            var dispatcher = await manager.RunAsync(room, (r, _) => Task.FromResult(r.Dispatcher!), requireHealthy: true, cancellationToken);
            var clickParams = JsonSerializer.SerializeToElement(new { index = 4 });
            var typeParams = JsonSerializer.SerializeToElement(new { index = 1, text = "hello" });
            var shotParams = JsonSerializer.SerializeToElement(new { format = "jpeg" });
            foreach (var (label, args, direct, target) in new (string, object, Func<Task>, double)[]
            {
                ("click by index", click, () => dispatcher.ExecuteAsync("click", clickParams, cancellationToken), 25),
                ("type", type, () => dispatcher.ExecuteAsync("type", typeParams, cancellationToken), 15),
                ("screenshot (jpeg)", shot, () => dispatcher.ExecuteAsync("screenshot", shotParams, cancellationToken), 40),
            })
            {
                var (viaMcp, inProcess) = await Samples.MeasurePairAsync($"{name} {label}", () => CallAsync(client, "execute_action", args), $"in-process {label}", direct, context.Iterations);
                table.Add($"{name}: execute_action {label} vs in-process", viaMcp, inProcess, target);
                table.AddValue($"{name}: execute_action {label} overhead", Ms(viaMcp.Median - inProcess.Median), target: "<= 3 ms",
                    verdict: viaMcp.Median - inProcess.Median <= 3 ? "PASS" : "MISS");
            }
        }
        else
        {
            foreach (var (label, args, target) in new (string, object, double)[] { ("click by index", click, 25), ("type", type, 15), ("screenshot (jpeg)", shot, 40) })
            {
                var samples = await Samples.MeasureAsync($"{name} {label}", context.Iterations, () => CallAsync(client, "execute_action", args));
                table.Add($"{name}: execute_action {label}", samples, null, target);
            }
        }

        await CallAsync(client, "close_browser_session", new { room_name = room });
    }

    private static async Task MeasureConcurrentRoomsAsync(McpClient client, string pageUrl, ResultTable table, BenchmarkContext context, CancellationToken cancellationToken)
    {
        var rooms = Enumerable.Range(0, ConcurrentRooms).Select(i => $"bench-room-{i}").ToList();
        await Task.WhenAll(rooms.Select(r => CallAsync(client, "start_browser_session", new { room_name = r, initial_url = pageUrl })));
        await Task.WhenAll(rooms.Select(r => CallAsync(client, "get_browser_context", new { room_name = r })));
        var latencies = new Samples("20 rooms");
        var errors = 0;
        var duration = TimeSpan.FromSeconds(Math.Clamp(context.Iterations / 3, 5, 20));
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var sync = new Lock();
        await Task.WhenAll(rooms.Select(async room =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var start = Stopwatch.GetTimestamp();
                var result = await client.CallToolAsync("execute_action", new Dictionary<string, object?>
                {
                    ["room_name"] = room,
                    ["action_type"] = "type",
                    ["params"] = new Dictionary<string, object?> { ["index"] = 1, ["text"] = room },
                }, cancellationToken: cancellationToken);
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                lock (sync)
                {
                    latencies.Add(ms);
                    if (result.IsError == true)
                    {
                        errors++;
                    }
                }
            }
        }));
        await Task.WhenAll(rooms.Select(r => CallAsync(client, "close_browser_session", new { room_name = r })));
        table.Add($"http: {ConcurrentRooms} rooms looping execute_action type", latencies, null, null);
        table.AddValue($"http: {ConcurrentRooms} rooms throughput",
            (latencies.Count / duration.TotalSeconds).ToString("0.0 calls/s", CultureInfo.InvariantCulture),
            target: "no errors", verdict: errors == 0 ? "PASS" : $"MISS ({errors} errors)");
    }

    internal static async Task CallAsync(McpClient client, string tool, object arguments)
    {
        var args = JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments))!;
        var result = await client.CallToolAsync(tool, args);
        if (result.IsError == true)
        {
            throw new InvalidOperationException($"{tool} failed: {result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text}");
        }
    }

    private static string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string MapPage(TestWebServer pages)
    {
        var html = new StringBuilder("<html><head><title>Bench page</title></head><body><h1>Shop</h1><form><input id=q name=q placeholder=Search><button>Go</button></form><ul>");
        for (var i = 0; i < 150; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li><a href='/bench/item/{i}'>Item {i}</a> <span>Some description of item {i} for sale.</span> <button>Add {i}</button></li>");
        }

        pages.MapHtml("/bench/page", html.Append("</ul></body></html>").ToString());
        return pages.Url("/bench/page");
    }

    /// <summary>The real app on a loopback port (Streamable HTTP at /mcp).</summary>
    internal static async Task<HttpServer> StartHttpServerAsync(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Server:Urls"] = "http://127.0.0.1:0",
            ["Sessions:MaxSessions"] = "32",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = NavigatorWebHost.Build(settings);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpServer(app, new Uri(address));
    }

    internal sealed record HttpServer(WebApplication App, Uri Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
