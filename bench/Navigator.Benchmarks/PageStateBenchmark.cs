using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Navigator.Actions;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Browser.Launching;
using Navigator.Testing;

namespace Navigator.Benchmarks;

/// <summary>Page state of a 3000-element page (full page and viewport) against a bare DOMSnapshot capture.</summary>
internal sealed class PageStateBenchmark : IBenchmark
{
    private const int Sections = 100;

    public string Name => "state";

    public string Description => "page state of a 3000-element page vs bare DOMSnapshot.captureSnapshot (target p50 80 ms, text <= 114,000 chars); first vs repeat capture (<= 2x); navigate to it vs raw CDP and vs chrome-devtools-mcp's navigate_page in the same run (target: no slower)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var server = await TestWebServer.StartAsync();
        var html = BuildPage();
        server.MapHtml("/state/big", html);
        if (Environment.GetEnvironmentVariable("NAVIGATOR_BENCH_DUMP_HTML") is { Length: > 0 } htmlDump)
        {
            await File.WriteAllTextAsync(htmlDump, html, cancellationToken);
        }
        await using var pool = new BrowserPool(new BrowserPoolOptions());
        await using var session = await pool.CreateSessionAsync(new BrowserSessionOptions(), cancellationToken);
        await session.NavigateAsync(server.Url("/state/big"), cancellationToken: cancellationToken);
        var page = session.ActivePage;
        var builder = new PageStateBuilder();
        var fullPage = new PageStateOptions { Mode = PageStateMode.FullPage, MaxTextLength = 0 };
        var viewport = new PageStateOptions();
        var table = new ResultTable(context.Output, "state (3000 interactive elements; baselines, same page, same run: bare DOMSnapshot.captureSnapshot; repeat capture; raw CDP Page.navigate + load event)");

        var interactive = (await page.EvaluateAsync("document.querySelectorAll('a[href],button,input,select,textarea').length", cancellationToken: cancellationToken)).GetInt32();

        // Per round, on a new document: the navigate action an agent runs, the first capture of
        // that document, a repeat capture of it, and the baseline navigation (a raw CDP client in
        // its own browser: Page.navigate, then the load event), interleaved to share machine noise.
        await using var dispatcher = new ActionDispatcher(session, builder);
        await using var raw = await RawCdpClient.LaunchAsync(ChromiumLocator.Locate());
        var rawPage = await raw.OpenPageAsync();
        await using var peer = await ChromeDevToolsMcpPeer.StartAsync(ChromiumLocator.Locate(), cancellationToken);
        var navigate = new Samples("navigate action");
        var rawNavigate = new Samples("raw navigate");
        var peerNavigate = new Samples("chrome-devtools-mcp navigate_page");
        var cold = new Samples("first capture (full page)");
        var warm = new Samples("repeat capture (full page)");
        var rounds = Math.Clamp(context.Iterations / 3, 3, 10);
        for (var i = 0; i < rounds + 1; i++)
        {
            var url = server.Url(string.Create(CultureInfo.InvariantCulture, $"/state/big?round={i}"));
            var start = Stopwatch.GetTimestamp();
            var navigated = await dispatcher.ExecuteAsync("navigate", JsonSerializer.SerializeToElement(new { url }), cancellationToken);
            var navigateMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!navigated.Success)
            {
                throw new InvalidOperationException($"navigate failed: {navigated.ErrorCode} {navigated.Error}");
            }

            start = Stopwatch.GetTimestamp();
            await builder.CaptureAsync(session, fullPage, cancellationToken);
            var firstMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            await builder.CaptureAsync(session, fullPage, cancellationToken);
            var repeatMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            await raw.NavigateAsync(rawPage, url);
            var rawMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var peerMs = await peer.NavigateAsync(url, cancellationToken);
            if (i > 0)
            {
                // The first round warms the JIT and both browsers' caches.
                navigate.Add(navigateMs);
                cold.Add(firstMs);
                warm.Add(repeatMs);
                rawNavigate.Add(rawMs);
                peerNavigate.Add(peerMs);
            }
        }

        var snapshotSize = 0;
        var snapshotParameters = JsonSerializer.SerializeToElement(new { computedStyles = Array.Empty<string>() });
        BrowserContextSnapshot? full = null;
        var (oursFull, rawSnapshot) = await Samples.MeasurePairAsync(
            "full page",
            async () => full = await builder.CaptureAsync(session, fullPage, cancellationToken),
            "DOMSnapshot.captureSnapshot",
            async () => snapshotSize = (await page.Cdp.SendRawAsync("DOMSnapshot.captureSnapshot", snapshotParameters, cancellationToken: cancellationToken)).GetRawText().Length,
            context.Iterations);

        BrowserContextSnapshot? visible = null;
        var oursViewport = await Samples.MeasureAsync("viewport", context.Iterations, async () => visible = await builder.CaptureAsync(session, viewport, cancellationToken));

        var culture = CultureInfo.InvariantCulture;
        table.Add("capture, full page (repeat)", oursFull, rawSnapshot, 80);
        table.Add("capture, viewport (repeat)", oursViewport, rawSnapshot, null);
        table.Add("first capture of a new document (full page)", cold, warm, null);
        var firstRatio = cold.Median / warm.Median;
        table.AddValue("first / repeat capture, same rounds", firstRatio.ToString("0.00x", culture), warm.Median.ToString("0.000", culture) + " (repeat p50)", "2.00x", firstRatio <= 2 ? "PASS" : "MISS");
        table.Add("navigate action to the page (until loaded)", navigate, rawNavigate, null);
        var peerRatio = navigate.Median / peerNavigate.Median;
        table.AddValue("navigate vs chrome-devtools-mcp navigate_page", peerRatio.ToString("0.00x", culture), peerNavigate.Median.ToString("0.000", culture) + " (its p50)", "1.00x", peerRatio <= 1 ? "PASS" : "MISS");
        table.AddValue("interactive elements on the page", interactive.ToString(culture));
        table.AddValue("indexed elements, full page", full!.Elements.Count.ToString(culture));
        table.AddValue("text chars, full page", full.Text.Length.ToString("N0", culture), snapshotSize.ToString("N0", culture) + " (snapshot JSON)", "114,000", full.Text.Length <= 114_000 ? "PASS" : "MISS");
        if (Environment.GetEnvironmentVariable("NAVIGATOR_BENCH_DUMP") is { Length: > 0 } dump)
        {
            await File.WriteAllTextAsync(dump, full.Text, cancellationToken);
        }

        table.AddValue("indexed elements, viewport", visible!.Elements.Count.ToString(culture));
        table.AddValue("text chars, viewport (with header)", visible.ToModelText().Length.ToString("N0", culture));
        table.Print();
        context.Output.WriteLine();
        context.Output.WriteLine("viewport state as an agent sees it (first 1,500 chars):");
        var shown = visible.ToModelText();
        context.Output.WriteLine(shown[..Math.Min(shown.Length, 1500)]);
    }

    /// <summary>
    /// 100 sections of 30 interactive elements each: an inline link in a paragraph, a 5-row table
    /// (button, input and link per row), a 5-item list of links, a select, 5 labelled checkboxes
    /// and a 3-button toolbar, with text around them as a real app page has.
    /// </summary>
    internal static string BuildPage()
    {
        var html = new StringBuilder(1 << 20);
        html.Append("<!doctype html><html><head><title>Orders dashboard</title><style>")
            .Append("body{font:14px sans-serif;margin:16px} table{border-collapse:collapse} td,th{border:1px solid #ccc;padding:2px 6px}")
            .Append(".toolbar button{margin-right:4px}</style></head><body><h1>Orders dashboard</h1>");
        for (var s = 0; s < Sections; s++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section><h2>Region {s}</h2>");
            html.Append(CultureInfo.InvariantCulture, $"<p>Orders shipped from warehouse {s} this week, see the <a href=\"/help/{s}\">shipping policy</a> for details on delays.</p>");
            html.Append("<table><tr><th>Order</th><th>Customer</th><th>Total</th><th>Action</th><th>Note</th><th>Link</th></tr>");
            for (var r = 0; r < 5; r++)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>#{s * 100 + r}</td><td>Customer {s}-{r}</td><td>{(s * 7 + r * 13) % 500}.00 EUR</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td><button>Refund</button></td><td><input aria-label=\"Note {s}-{r}\" value=\"n{r}\"></td><td><a href=\"/orders/{s}/{r}\">Details</a></td></tr>");
            }

            html.Append("</table><ul>");
            for (var r = 0; r < 5; r++)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/products/{s}/{r}\">Product {s}.{r}</a> in stock: {r * 3}</li>");
            }

            html.Append(CultureInfo.InvariantCulture, $"</ul><label>Status <select><option>Open</option><option selected>Shipped {s}</option><option>Closed</option></select></label><div>");
            for (var r = 0; r < 5; r++)
            {
                html.Append(CultureInfo.InvariantCulture, $"<label><input type=\"checkbox\"{(r % 2 == 0 ? " checked" : string.Empty)}> Flag {r}</label> ");
            }

            html.Append("</div><div class=\"toolbar\"><button>Export</button><button>Print</button><button>Archive</button></div></section>");
        }

        return html.Append("</body></html>").ToString();
    }
}
