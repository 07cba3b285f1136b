using System.Text;
using Microsoft.AspNetCore.Http;
using Navigator.Browser;
using Navigator.Browser.Security;
using Navigator.Testing;

namespace Navigator.Benchmarks;

/// <summary>
/// Cost of the navigation policy: the same navigations in a session without host rules (no
/// interception) and in one with an allowlist (every request paused and decided over CDP).
/// </summary>
internal sealed class AllowlistBenchmark : IBenchmark
{
    private const int Subresources = 20;

    public string Name => "allowlist";

    public string Description => "navigation time with vs without the domain allowlist (Fetch interception)";

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

        var table = new ResultTable(context.Output, "allowlist: ours = with allowlist, baseline = same navigation without policy");
        table.Add("navigate plain page", plainGuarded, plainOpen, null);
        table.Add($"navigate page + {Subresources} images", imagesGuarded, imagesOpen, null);
        var perSubresource = ((imagesGuarded.Median - imagesOpen.Median) - (plainGuarded.Median - plainOpen.Median)) / Subresources;
        table.AddValue("overhead per subresource (p50)", perSubresource.ToString("0.000 ms", System.Globalization.CultureInfo.InvariantCulture));
        table.Add("refuse forbidden host (typed)", refused, null, 100);
        table.Add("refuse redirect to forbidden host", redirected, null, 100);
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
