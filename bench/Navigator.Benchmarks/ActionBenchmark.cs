using Navigator.Actions;
using Navigator.Actions.Commands;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Cdp.Protocol;
using Navigator.Testing;

namespace Navigator.Benchmarks;

/// <summary>
/// Click-by-index and type through the dispatcher (resolve, actionability checks, input,
/// smart settle) against the bare CDP input commands on the same page, in the same run.
/// </summary>
internal sealed class ActionBenchmark : IBenchmark
{
    private const string Page = """
        <html><head><title>Bench</title></head><body>
        <button id="b" onclick="window.clicks = (window.clicks || 0) + 1">Count</button>
        <button id="c" style="margin-left:200px" onclick="window.clicks = (window.clicks || 0) + 1">Other</button>
        <input id="field" placeholder="Type here">
        </body></html>
        """;

    public string Name => "actions";

    public string Description => "click-by-index and type p50 incl. settle vs bare Input.dispatchMouseEvent / insertText (target 15 ms)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var server = await TestWebServer.StartAsync();
        server.MapHtml("/bench/actions", Page);
        await using var pool = new BrowserPool(new BrowserPoolOptions());
        await using var session = await pool.CreateSessionAsync(new BrowserSessionOptions(), cancellationToken);
        await session.NavigateAsync(server.Url("/bench/actions"), cancellationToken: cancellationToken);
        await using var dispatcher = new ActionDispatcher(session, new PageStateBuilder());
        var snapshot = await dispatcher.GetContextAsync(PageStateOptions.Default, cancellationToken);
        var button = snapshot.Elements.First(e => e.Name.Contains("Count", StringComparison.Ordinal));
        var other = snapshot.Elements.First(e => e.Name.Contains("Other", StringComparison.Ordinal));
        var field = snapshot.Elements.First(e => e.Tag == "input");
        var click = new ClickCommand { Index = button.Index };
        var type = new TypeCommand { Index = field.Index, Text = "hello world" };
        var cdp = session.ActivePage.Cdp;
        var point = button.ClickPoint;
        var iterations = Math.Max(context.Iterations, 50);

        async Task Ours(ActionCommand command)
        {
            var result = await dispatcher.ExecuteAsync(command, cancellationToken);
            if (!result.Success)
            {
                throw new InvalidOperationException($"{command.ActionType} failed: {result.Error}");
            }
        }

        var (oursClick, rawClick) = await Samples.MeasurePairAsync(
            "click by index",
            () => Ours(click),
            "raw press+release",
            () => Task.WhenAll(
                cdp.SendAsync(new InputDispatchMouseEventRequest { Type = "mousePressed", X = point.X, Y = point.Y, Button = "left", Buttons = 1, ClickCount = 1 }, cancellationToken),
                cdp.SendAsync(new InputDispatchMouseEventRequest { Type = "mouseReleased", X = point.X, Y = point.Y, Button = "left", ClickCount = 1 }, cancellationToken)),
            iterations,
            warmup: 10);

        // Alternating targets: every click also moves the pointer (mouseMoved, hover updates).
        var toggle = false;
        var (oursMoveClick, rawMoveClick) = await Samples.MeasurePairAsync(
            "click alternating",
            () => Ours(new ClickCommand { Index = (toggle = !toggle) ? button.Index : other.Index }),
            "raw move+press+release",
            () =>
            {
                var at = toggle ? other.ClickPoint : point;
                return Task.WhenAll(
                    cdp.SendAsync(new InputDispatchMouseEventRequest { Type = "mouseMoved", X = at.X, Y = at.Y }, cancellationToken),
                    cdp.SendAsync(new InputDispatchMouseEventRequest { Type = "mousePressed", X = at.X, Y = at.Y, Button = "left", Buttons = 1, ClickCount = 1 }, cancellationToken),
                    cdp.SendAsync(new InputDispatchMouseEventRequest { Type = "mouseReleased", X = at.X, Y = at.Y, Button = "left", ClickCount = 1 }, cancellationToken));
            },
            iterations,
            warmup: 10);

        await session.ActivePage.EvaluateAsync("document.getElementById('field').focus()", cancellationToken: cancellationToken);
        var (oursType, rawType) = await Samples.MeasurePairAsync(
            "type",
            () => Ours(type),
            "raw insertText",
            () => cdp.SendAsync(new InputInsertTextRequest { Text = "hello world" }, cancellationToken),
            iterations,
            warmup: 10);

        var clicks = (await session.ActivePage.EvaluateAsync("window.clicks", cancellationToken: cancellationToken)).GetInt32();
        var table = new ResultTable(context.Output, $"actions (p50 over {iterations} samples; baseline = bare CDP input on the same page, interleaved; {clicks} clicks counted by the page)");
        table.Add("click by index (incl. settle)", oursClick, rawClick, 15);
        table.Add("click, pointer moving between 2 buttons", oursMoveClick, rawMoveClick, 15);
        table.Add("type 11 chars (incl. settle)", oursType, rawType, 15);
        table.AddValue("peers: click", "Playwright MCP 543 ms, chrome-devtools-mcp 244 ms (over MCP)");
        table.AddValue("peers: type", "Playwright MCP 18 ms, chrome-devtools-mcp 247 ms (over MCP)");
        table.Print();
    }
}
