using System.Globalization;
using System.Text.Json;
using Navigator.Actions;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Testing;

namespace Navigator.Benchmarks;

/// <summary>
/// Reading and clicking a form inside a cross-site (out-of-process) iframe against the same form
/// in the page itself, and a click on a page with an infinite spinner (settle must not wait for it).
/// </summary>
internal sealed class FrameBenchmark : IBenchmark
{
    private const string Form = """
        <h2>Payment</h2><label>Card number <input id="card"></label><label>Name <input id="name"></label>
        <button onclick="document.getElementById('out').textContent = 'Paid ' + (++window.paid || (window.paid = 1))">Pay now</button><p id="out">Not paid</p>
        """;

    public string Name => "frames";

    public string Description => "page state and click of a form in a cross-site iframe vs the same form inline (baseline, same run); click next to a spinner";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var server = await TestWebServer.StartAsync();
        await using var remote = await TestWebServer.StartAsync("127.0.0.2");
        remote.MapHtml("/frames/form", $"<html><body>{Form}</body></html>");
        server.MapHtml("/frames/inline", $"<html><head><title>Inline</title></head><body><p>Checkout</p>{Form}</body></html>");
        server.MapHtml("/frames/framed", $"<html><head><title>Framed</title></head><body><p>Checkout</p><iframe src=\"{remote.Url("/frames/form")}\" style=\"width:500px;height:300px\"></iframe></body></html>");
        server.MapHtml("/frames/spinner", """
            <html><head><title>Spinner</title><style>@keyframes spin { to { transform: rotate(360deg); } }
            .spinner { width: 20px; height: 20px; background: red; animation: spin 800ms linear infinite; }</style></head>
            <body><div class="spinner"></div><button onclick="document.getElementById('out').textContent = 'Clicked ' + (++window.n || (window.n = 1))">Press</button><p id="out"></p></body></html>
            """);
        await using var pool = new BrowserPool(new BrowserPoolOptions());
        var table = new ResultTable(context.Output, "frames (baseline = the same form inline in the page, same run)");
        var viewport = PageStateOptions.Default;

        await using var inlineSession = await pool.CreateSessionAsync(new BrowserSessionOptions(), cancellationToken);
        await using var framedSession = await pool.CreateSessionAsync(new BrowserSessionOptions(), cancellationToken);
        await using var inline = new ActionDispatcher(inlineSession, new PageStateBuilder(), new ActionDispatcherOptions { ReportElementChanges = false });
        await using var framed = new ActionDispatcher(framedSession, new PageStateBuilder(), new ActionDispatcherOptions { ReportElementChanges = false });
        await RunAsync(inline, "navigate", new { url = server.Url("/frames/inline") });
        await RunAsync(framed, "navigate", new { url = server.Url("/frames/framed") });

        var (framedRead, inlineRead) = await Samples.MeasurePairAsync(
            "framed", () => framed.GetContextAsync(viewport, cancellationToken),
            "inline", () => inline.GetContextAsync(viewport, cancellationToken),
            context.Iterations);
        table.Add("get state, viewport (repeat)", framedRead, inlineRead, null);

        var inlinePay = (await inline.GetContextAsync(viewport, cancellationToken)).Elements.Single(e => e.Name == "Pay now").Index;
        var framedPay = (await framed.GetContextAsync(viewport, cancellationToken)).Elements.Single(e => e.Name == "Pay now").Index;
        var (framedClick, inlineClick) = await Samples.MeasurePairAsync(
            "framed", () => RunAsync(framed, "click", new { index = framedPay }),
            "inline", () => RunAsync(inline, "click", new { index = inlinePay }),
            context.Iterations);
        table.Add("click by index", framedClick, inlineClick, null);

        var first = new Samples("framed first read");
        var firstInline = new Samples("inline first read");
        for (var i = 0; i < Math.Clamp(context.Iterations / 3, 3, 10); i++)
        {
            await RunAsync(framed, "navigate", new { url = server.Url("/frames/framed?i=" + i.ToString(CultureInfo.InvariantCulture)) });
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await framed.GetContextAsync(viewport, cancellationToken);
            first.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await RunAsync(inline, "navigate", new { url = server.Url("/frames/inline?i=" + i.ToString(CultureInfo.InvariantCulture)) });
            started = System.Diagnostics.Stopwatch.GetTimestamp();
            await inline.GetContextAsync(viewport, cancellationToken);
            firstInline.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        table.Add("get state, viewport (first on a new document)", first, firstInline, null);

        await RunAsync(inline, "navigate", new { url = server.Url("/frames/spinner") });
        var press = (await inline.GetContextAsync(viewport, cancellationToken)).Elements.Single(e => e.Name == "Press").Index;
        var spinner = await Samples.MeasureAsync("spinner click", context.Iterations, () => RunAsync(inline, "click", new { index = press }));
        table.Add("click next to an infinite spinner (baseline: inline form click)", spinner, inlineClick, null);
        table.Print();
    }

    private static async Task RunAsync(ActionDispatcher dispatcher, string type, object parameters)
    {
        var result = await dispatcher.ExecuteAsync(type, JsonSerializer.SerializeToElement(parameters));
        if (!result.Success)
        {
            throw new InvalidOperationException($"{type} failed: {result.ErrorCode} {result.Error}");
        }
    }
}
