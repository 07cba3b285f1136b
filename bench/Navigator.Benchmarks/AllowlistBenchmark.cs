using System.Text;
using Microsoft.AspNetCore.Http;
using Navigator.Browser;
using Navigator.Browser.Security;
using Navigator.Testing;

namespace Navigator.Benchmarks;

/// <summary>
/// Cost of the navigation policy: the same navigations in a session without host rules (no
/// interception, no proxy) and in one with an allowlist (every request paused and decided over
/// CDP, every connection made through the session's SOCKS5 egress proxy). WebSockets bypass the
/// Fetch guard, so their row is the proxy's cost alone; the raw rows time the proxy without a
/// browser (fresh tunnel + HTTP GET, and bulk throughput).
/// </summary>
internal sealed class AllowlistBenchmark : IBenchmark
{
    private const int Subresources = 20;
    private const int BulkBytes = 16 * 1024 * 1024;

    public string Name => "allowlist";

    public string Description => "navigation time with vs without the domain allowlist (Fetch interception + SOCKS5 egress proxy)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var server = await TestWebServer.StartAsync();
        server.MapHtml("/plain", "<title>plain</title><p>hello</p>");
        var images = new StringBuilder("<title>images</title>");
        for (var i = 0; i < Subresources; i++)
        {
            images.Append(System.Globalization.CultureInfo.InvariantCulture, $"<img src=\"/pixel.gif?{i}\">");
        }

        server.MapHtml("/images", images.ToString());
        server.Map("/pixel.gif", c =>
        {
            // no-store so every navigation pays for every request, as an uncached page would.
            c.Response.Headers.CacheControl = "no-store";
            c.Response.ContentType = "image/gif";
            return c.Response.Body.WriteAsync(Convert.FromBase64String("R0lGODlhAQABAAAAACw=")).AsTask();
        });
        server.MapWebSocketEcho("/echo");
        server.MapHtml("/ws", "<title>ws</title><script>window.echo = url => new Promise((resolve, reject) => { const ws = new WebSocket(url); ws.onopen = () => ws.send('x'); ws.onmessage = e => { ws.close(); resolve(e.data); }; ws.onerror = reject; });</script>");
        var bulk = new byte[BulkBytes];
        server.Map("/bulk", c => c.Response.Body.WriteAsync(bulk).AsTask());
        server.Map("/redirect", c =>
        {
            c.Response.StatusCode = StatusCodes.Status302Found;
            c.Response.Headers.Location = server.Url("evil.test", "/plain");
            return Task.CompletedTask;
        });

        var options = new BrowserPoolOptions();
        options.Chromium.ExtraArguments.Add("--host-resolver-rules=MAP *.test 127.0.0.1");
        await using var pool = new BrowserPool(options);
        await pool.WarmUpAsync(cancellationToken);
        await using var open = await pool.CreateSessionAsync(new BrowserSessionOptions(), cancellationToken);
        await using var guarded = await pool.CreateSessionAsync(new BrowserSessionOptions { NavigationPolicy = NavigationPolicy.Allow("allowed.test") }, cancellationToken);

        var plainUrl = server.Url("allowed.test", "/plain");
        var imagesUrl = server.Url("allowed.test", "/images");
        var n = context.Iterations;

        var (plainGuarded, plainOpen) = await MeasurePairAsync(n, () => guarded.NavigateAsync(plainUrl, cancellationToken: cancellationToken), () => open.NavigateAsync(plainUrl, cancellationToken: cancellationToken));
        var (imagesGuarded, imagesOpen) = await MeasurePairAsync(n, () => guarded.NavigateAsync(imagesUrl, cancellationToken: cancellationToken), () => open.NavigateAsync(imagesUrl, cancellationToken: cancellationToken));
        var refused = await Samples.MeasureAsync("refused typed", n, () => ExpectBlockedAsync(guarded, server.Url("evil.test", "/plain"), cancellationToken));
        var redirected = await Samples.MeasureAsync("refused redirect", n, () => ExpectBlockedAsync(guarded, server.Url("allowed.test", "/redirect"), cancellationToken));

        await guarded.NavigateAsync(server.Url("allowed.test", "/ws"), cancellationToken: cancellationToken);
        await open.NavigateAsync(server.Url("allowed.test", "/ws"), cancellationToken: cancellationToken);
        var echoCall = $"echo('{server.Url("allowed.test", "/echo").Replace("http:", "ws:", StringComparison.Ordinal)}')";
        var (wsGuarded, wsOpen) = await MeasurePairAsync(n, () => guarded.ActivePage.EvaluateAsync(echoCall, awaitPromise: true, cancellationToken), () => open.ActivePage.EvaluateAsync(echoCall, awaitPromise: true, cancellationToken));

        await using var proxy = EgressProxy.Start(
            NavigationPolicy.Allow("allowed.test").Compile(),
            new EgressProxyOptions { HostResolverRules = HostResolverRules.Parse("MAP *.test 127.0.0.1") });
        var (getProxied, getDirect) = await MeasurePairAsync(n, () => RawGetAsync(proxy.EndPoint, server, "/plain", cancellationToken), () => RawGetAsync(null, server, "/plain", cancellationToken));
        var bulkRuns = Math.Max(5, n / 3);
        var (bulkProxied, bulkDirect) = await MeasurePairAsync(bulkRuns, () => RawGetAsync(proxy.EndPoint, server, "/bulk", cancellationToken), () => RawGetAsync(null, server, "/bulk", cancellationToken));

        var table = new ResultTable(context.Output, "allowlist: ours = with allowlist, baseline = same navigation without policy");
        table.Add("navigate plain page", plainGuarded, plainOpen, null);
        table.Add($"navigate page + {Subresources} images", imagesGuarded, imagesOpen, null);
        var perSubresource = ((imagesGuarded.Median - imagesOpen.Median) - (plainGuarded.Median - plainOpen.Median)) / Subresources;
        table.AddValue("overhead per subresource (p50)", perSubresource.ToString("0.000 ms", System.Globalization.CultureInfo.InvariantCulture));
        table.Add("refuse forbidden host (typed)", refused, null, 100);
        table.Add("refuse redirect to forbidden host", redirected, null, 100);
        table.Add("WebSocket connect + echo (proxy only)", wsGuarded, wsOpen, null);
        table.Add("raw: fresh tunnel + HTTP GET vs direct", getProxied, getDirect, null);
        table.Add($"raw: {BulkBytes / (1024 * 1024)} MiB download vs direct", bulkProxied, bulkDirect, null);
        table.AddValue("raw: proxy throughput (p50)", (BulkBytes / (1024.0 * 1024.0) / (bulkProxied.Median / 1000)).ToString("0 MiB/s", System.Globalization.CultureInfo.InvariantCulture), (BulkBytes / (1024.0 * 1024.0) / (bulkDirect.Median / 1000)).ToString("0 MiB/s", System.Globalization.CultureInfo.InvariantCulture));
        table.Print();
    }

    // Alternating the two sides spreads machine noise (shared cores) evenly over both.
    private static async Task<(Samples Ours, Samples Baseline)> MeasurePairAsync(int count, Func<Task> ours, Func<Task> baseline)
    {
        for (var i = 0; i < 3; i++)
        {
            await ours();
            await baseline();
        }

        var oursSamples = new Samples("ours");
        var baselineSamples = new Samples("baseline");
        for (var i = 0; i < count; i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await ours();
            oursSamples.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            start = System.Diagnostics.Stopwatch.GetTimestamp();
            await baseline();
            baselineSamples.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return (oursSamples, baselineSamples);
    }

    /// <summary>One HTTP/1.1 GET on a fresh connection, through the SOCKS5 proxy when one is given, read to the end.</summary>
    private static async Task RawGetAsync(System.Net.IPEndPoint? proxy, TestWebServer server, string path, CancellationToken cancellationToken)
    {
        using var client = new System.Net.Sockets.TcpClient { NoDelay = true };
        var buffer = new byte[64 * 1024];
        if (proxy is null)
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, server.Port, cancellationToken);
        }
        else
        {
            await client.ConnectAsync(proxy, cancellationToken);
            var host = "allowed.test"u8.ToArray();
            byte[] request = [0x05, 0x01, 0x00, 0x05, 0x01, 0x00, 0x03, (byte)host.Length, .. host, (byte)(server.Port >> 8), (byte)server.Port];
            await client.Client.SendAsync(request, cancellationToken);
            var replyLength = 2 + 10;
            for (var read = 0; read < replyLength;)
            {
                var got = await client.Client.ReceiveAsync(buffer.AsMemory(read, replyLength - read), cancellationToken);
                read += got > 0 ? got : throw new InvalidOperationException("the proxy closed the connection");
            }

            if (buffer[3] != 0x00)
            {
                throw new InvalidOperationException($"the proxy replied {buffer[3]}");
            }
        }

        await client.Client.SendAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: allowed.test\r\nConnection: close\r\n\r\n"), cancellationToken);
        while (await client.Client.ReceiveAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    private static async Task ExpectBlockedAsync(BrowserSession session, string url, CancellationToken cancellationToken)
    {
        try
        {
            await session.NavigateAsync(url, cancellationToken: cancellationToken);
        }
        catch (NavigationBlockedException)
        {
            return;
        }

        throw new InvalidOperationException($"{url} was not blocked");
    }
}
