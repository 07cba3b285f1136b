using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using Navigator.Testing;
using Navigator.Tools.Events;

namespace Navigator.Benchmarks;

/// <summary>
/// Several nodes sharing rooms through a real redis-server: a call forwarded to the room's node
/// against the same call on that node, an event delivered to a WebSocket on another node against a
/// single node's in-memory delivery, how long a SIGKILLed node's rooms take to come back, and
/// 3 nodes x 10 rooms against 1 node x 10 rooms.
/// </summary>
internal sealed class ClusterBenchmark : IBenchmark
{
    private const string Key = "bench-cluster-key-0123456789";
    private const int Rooms = 10;

    public string Name => "cluster";

    public string Description => "Redis cluster: forwarded call overhead (<= 2 ms), cross-node event (<= 5 ms), dead-node recovery, 3x10 vs 1x10 rooms";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var redis = await RedisProcess.StartAsync();
        await using var pages = await TestWebServer.StartAsync();
        pages.MapHtml("/bench/cluster", "<title>cluster</title><p>a small page</p>");
        var pageUrl = pages.Url("/bench/cluster");
        var table = new ResultTable(context.Output, "cluster (p50; machine shared with other builds and tests)");

        await using var single = await McpBenchmark.StartHttpServerAsync(new Dictionary<string, string?> { ["Sessions:WarmUpOnStart"] = "false" });
        var nodes = new List<McpBenchmark.HttpServer>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(await McpBenchmark.StartHttpServerAsync(NodeSettings(redis, RedisProcess.FreePort(), "bench:")));
            }

            var (a, b) = (nodes[0], nodes[1]);
            await using var viaA = await ConnectAsync(a.Address);
            await using var viaB = await ConnectAsync(b.Address);
            await McpBenchmark.CallAsync(viaA, "start_browser_session", new { room_name = "bench-forward", initial_url = pageUrl });
            var (forwarded, direct) = await Samples.MeasurePairAsync(
                "forwarded",
                () => McpBenchmark.CallAsync(viaB, "resume_browser_session", new { room_name = "bench-forward" }),
                "direct",
                () => McpBenchmark.CallAsync(viaA, "resume_browser_session", new { room_name = "bench-forward" }),
                context.Iterations);
            table.Add("resume_browser_session via another node vs on the room's node", forwarded, direct, null);
            table.AddValue("forwarded call overhead", Ms(forwarded.Median - direct.Median), target: "<= 2 ms", verdict: forwarded.Median - direct.Median <= 2 ? "PASS" : "MISS");

            var crossNode = await MeasureEventsAsync(a, b.Address, "bench-forward", context.Iterations, cancellationToken);
            var inMemory = await MeasureEventsAsync(single, single.Address, "bench-single", context.Iterations, cancellationToken);
            table.Add("event published on the room's node -> WebSocket on another node", crossNode, inMemory, 5);
            await McpBenchmark.CallAsync(viaA, "close_browser_session", new { room_name = "bench-forward" });

            await MeasureRecoveryAsync(redis, a, pageUrl, table, cancellationToken);

            var addresses = nodes.Select(n => n.Address).ToList();
            var spread = await MeasureThroughputAsync(addresses, pageUrl, context.Iterations, toOwner: false);
            var toOwner = await MeasureThroughputAsync(addresses, pageUrl, context.Iterations, toOwner: true);
            var alone = await MeasureThroughputAsync([single.Address], pageUrl, context.Iterations, toOwner: false);
            var baseline = alone.ToString("0.0", CultureInfo.InvariantCulture) + " (1 node)";
            table.AddValue($"get_browser_context calls/s, {Rooms} rooms, 3 nodes, calls spread over nodes", spread.ToString("0.0", CultureInfo.InvariantCulture), baseline);
            table.AddValue($"get_browser_context calls/s, {Rooms} rooms, 3 nodes, calls sent to node_url", toOwner.ToString("0.0", CultureInfo.InvariantCulture), baseline);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }

        table.Print();
    }

    private static Dictionary<string, string?> NodeSettings(RedisProcess redis, int port, string prefix) => new()
    {
        ["Server:Urls"] = $"http://127.0.0.1:{port}",
        ["Cluster:Redis"] = redis.ConnectionString,
        ["Cluster:NodeUrl"] = $"http://127.0.0.1:{port}",
        ["Cluster:Key"] = Key,
        ["Cluster:KeyPrefix"] = prefix,
        ["Cluster:Lease"] = "00:00:02",
        ["Cluster:HeartbeatInterval"] = "00:00:00.500",
        ["Cluster:RecoveryInterval"] = "00:00:00.250",
        ["Cluster:MaxCpu"] = "1",
    };

    private static Task<McpClient> ConnectAsync(Uri node, string? clusterKey = null) => McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
    {
        Endpoint = new Uri(node, "/mcp"),
        TransportMode = HttpTransportMode.StreamableHttp,
        AdditionalHeaders = clusterKey is null ? null : new Dictionary<string, string> { ["X-Navigator-Cluster-Key"] = clusterKey },
    }));

    /// <summary>From Publish on the room's node to the message read by a WebSocket client of <paramref name="listener"/>.</summary>
    private static async Task<Samples> MeasureEventsAsync(McpBenchmark.HttpServer publisher, Uri listener, string room, int iterations, CancellationToken cancellationToken)
    {
        var events = publisher.App.Services.GetRequiredService<IRoomEventBroadcaster>();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{listener.Authority}/mcp/events/{room}"), cancellationToken);
        var buffer = new byte[4096];
        var samples = new Samples("event");
        for (var i = 0; i < iterations + 3; i++)
        {
            var marker = $"bench://{i}";
            var start = Stopwatch.GetTimestamp();
            events.Publish(room, new PageNavigationEvent { Url = marker, Timestamp = 0 });
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken);
                if (Encoding.UTF8.GetString(buffer, 0, received.Count).Contains(marker, StringComparison.Ordinal))
                {
                    break;
                }
            }

            if (i >= 3)
            {
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cancellationToken);
        return samples;
    }

    /// <summary>A navigator process with 3 rooms is SIGKILLed; time until all three are back elsewhere (session_started recovered).</summary>
    private static async Task MeasureRecoveryAsync(RedisProcess redis, McpBenchmark.HttpServer survivor, string pageUrl, ResultTable table, CancellationToken cancellationToken)
    {
        var port = RedisProcess.FreePort();
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "navigator")) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("serve");
        foreach (var (key, value) in NodeSettings(redis, port, "bench:"))
        {
            info.Environment["NAVIGATOR_" + key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()] = value;
        }

        info.Environment["NAVIGATOR_LOGGING__LOGLEVEL__DEFAULT"] = "Warning";
        info.Environment["NAVIGATOR_CLUSTER__MAXLOAD"] = "1";
        using var doomed = Process.Start(info)!;
        doomed.OutputDataReceived += (_, _) => { };
        doomed.ErrorDataReceived += (_, _) => { };
        doomed.BeginOutputReadLine();
        doomed.BeginErrorReadLine();
        try
        {
            var address = new Uri($"http://127.0.0.1:{port}/");
            using var http = new HttpClient();
            while (true)
            {
                try
                {
                    if ((await http.GetStringAsync(new Uri(address, "/health"), cancellationToken)).Contains("\"redis\":\"connected\"", StringComparison.Ordinal))
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Still starting.
                }

                await Task.Delay(100, cancellationToken);
            }

            // With the cluster key a request counts as forwarded by a node, so the process keeps the rooms it is asked to start.
            await using var direct = await ConnectAsync(address, Key);
            var rooms = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                var room = $"bench-recover-{i}";
                var started = await direct.CallToolAsync("start_browser_session", new Dictionary<string, object?> { ["room_name"] = room, ["initial_url"] = pageUrl }, cancellationToken: cancellationToken);
                if (started.StructuredContent is { } session && session.TryGetProperty("node_url", out var node) && node.GetString() == $"http://127.0.0.1:{port}")
                {
                    rooms.Add(room);
                }
            }

            var listeners = new List<ClientWebSocket>();
            foreach (var room in rooms)
            {
                var socket = new ClientWebSocket();
                await socket.ConnectAsync(new Uri($"ws://{survivor.Address.Authority}/mcp/events/{room}"), cancellationToken);
                listeners.Add(socket);
            }

            var killed = Stopwatch.GetTimestamp();
            doomed.Kill();
            await Task.WhenAll(listeners.Select(s => WaitForRecoveredAsync(s, cancellationToken)));
            var elapsed = Stopwatch.GetElapsedTime(killed).TotalMilliseconds;
            table.AddValue($"SIGKILLed node: {rooms.Count} room(s) back on other nodes", Ms(elapsed), "lease 2000 + scan 250", "lease + recovery");
            foreach (var socket in listeners)
            {
                socket.Dispose();
            }

            await using var client = await ConnectAsync(survivor.Address);
            foreach (var room in rooms)
            {
                await McpBenchmark.CallAsync(client, "close_browser_session", new { room_name = room });
            }
        }
        finally
        {
            if (!doomed.HasExited)
            {
                doomed.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task WaitForRecoveredAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            var text = Encoding.UTF8.GetString(buffer, 0, received.Count);
            if (text.Contains("\"session_started\"", StringComparison.Ordinal) && text.Contains("\"recovered\":true", StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Calls per second of get_browser_context over <see cref="Rooms"/> rooms at once: calls spread over the
    /// nodes as a load balancer would, or each sent to its room's node (<c>node_url</c>).
    /// </summary>
    private static async Task<double> MeasureThroughputAsync(IReadOnlyList<Uri> nodes, string pageUrl, int callsPerRoom, bool toOwner)
    {
        var clients = new List<McpClient>();
        foreach (var node in nodes)
        {
            clients.Add(await ConnectAsync(node));
        }

        try
        {
            var rooms = Enumerable.Range(0, Rooms).Select(i => $"bench-load-{i}").ToList();
            var owners = new int[rooms.Count];
            for (var i = 0; i < rooms.Count; i++)
            {
                var started = await clients[i % clients.Count].CallToolAsync("start_browser_session", new Dictionary<string, object?> { ["room_name"] = rooms[i], ["initial_url"] = pageUrl });
                var nodeUrl = started.StructuredContent is { } session && session.TryGetProperty("node_url", out var node) ? node.GetString() : null;
                owners[i] = Math.Max(0, nodes.ToList().FindIndex(n => n.ToString().TrimEnd('/') == nodeUrl));
            }

            var start = Stopwatch.GetTimestamp();
            await Task.WhenAll(rooms.Select(async (room, i) =>
            {
                for (var call = 0; call < callsPerRoom; call++)
                {
                    var client = toOwner ? clients[owners[i]] : clients[(i + call) % clients.Count];
                    await McpBenchmark.CallAsync(client, "get_browser_context", new { room_name = room });
                }
            }));
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            foreach (var room in rooms)
            {
                await McpBenchmark.CallAsync(clients[0], "close_browser_session", new { room_name = room });
            }

            return rooms.Count * callsPerRoom / seconds;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
