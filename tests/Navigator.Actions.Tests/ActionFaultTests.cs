using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Navigator.Browser;
using Navigator.Browser.Diagnostics;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

/// <summary>
/// Faults during an action, with real Chromium: a renderer crash or a dead browser ends the action
/// at once with browser_crashed, a page stuck in a loop ends it with timeout, and an action does
/// not wait for a load it did not start.
/// </summary>
[Collection(DispatcherCollection.Name)]
[Trait("Step", "16")]
public sealed class ActionFaultTests(SharedBrowserFixture fixture, OwnBrowserFixture own) : IClassFixture<OwnBrowserFixture>
{
    // Each test has its own paths, so hit counts of one are not another's.
    private readonly string _prefix = $"/fault/{Guid.NewGuid():N}/";

    private const string FaultPage = """
        <html><head><title>Fault page</title></head><body>
        <a id="held" href="held">Held link</a>
        <form id="f" action="held" method="get"><input id="q" name="q"></form>
        <p>present</p>
        </body></html>
        """;

    // Every action in flight has a bound of 20 s or more of its own, so an answer well under it
    // can only come from the fault.
    private static readonly ActionDispatcherOptions Slow = new() { NavigationSettleTimeout = TimeSpan.FromSeconds(20) };

    public static TheoryData<string, string> ActionsInFlight => new()
    {
        { "wait", """{"text":"never-appears","timeout_ms":20000}""" },
        { "wait", """{"selector":"#never","timeout_ms":20000}""" },
        { "wait", """{"seconds":20}""" },
        { "navigate", """{"url":"/fault/held","timeout_ms":20000}""" },
        { "click", """{"index":0}""" },
        { "type", """{"index":1,"text":"x","press_enter":true}""" },
    };

    [Theory]
    [MemberData(nameof(ActionsInFlight))]
    public async Task RendererKilled_DuringAction_EndsItAtOnceWithBrowserCrashed(string action, string parameters)
    {
        var session = await own.Pool.CreateSessionAsync(new BrowserSessionOptions());
        await using var t = await OpenAsync(session);
        var running = t.RunJsonAsync(action, Absolute(parameters));
        await InFlightAsync(action);

        KillRenderers(session);
        var result = await running.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.False(result.Success, $"{action} succeeded after its renderer died");
        Assert.True(result.ErrorCode == ActionErrorCodes.BrowserCrashed, $"{action}: {result.ErrorCode} {result.Error}");
        Assert.True(result.DurationMs < 10_000, $"{action} took {result.DurationMs} ms to notice the crash");

        var next = await t.RunAsync("wait", new { text = "present" });
        Assert.Equal(ActionErrorCodes.BrowserCrashed, next.ErrorCode);
    }

    [Fact]
    public async Task PageCrash_DuringWaitForText_EndsItAtOnceWithBrowserCrashed()
    {
        await using var t = await OpenAsync(session: null);
        var running = t.RunAsync("wait", new { text = "never-appears", timeout_ms = 20_000 });
        await InFlightAsync("wait");

        // Page.crash is refused while a navigation is pending, so it serves the idle waits only.
        _ = t.Page.Cdp.SendAsync(new PageCrashRequest()).ContinueWith(task => _ = task.Exception, TaskScheduler.Default);
        var result = await running.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ActionErrorCodes.BrowserCrashed, result.ErrorCode);
        Assert.True(result.DurationMs < 10_000, $"the wait took {result.DurationMs} ms to notice the crash");
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ActionsInFlight))]
    public async Task BrowserKilled_DuringAction_EndsItAtOnceWithBrowserCrashed(string action, string parameters)
    {
        var session = await own.Pool.CreateSessionAsync(new BrowserSessionOptions());
        await using var t = await OpenAsync(session);
        var running = t.RunJsonAsync(action, Absolute(parameters));
        await InFlightAsync(action);

        Process.GetProcessById(session.Browser.Process.ProcessId).Kill(entireProcessTree: true);
        var result = await running.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.False(result.Success, $"{action} succeeded after the browser died");
        Assert.Equal(ActionErrorCodes.BrowserCrashed, result.ErrorCode);
        Assert.True(result.DurationMs < 10_000, $"{action} took {result.DurationMs} ms to notice the browser died");
    }

    [Fact]
    public async Task RendererKilled_WhileThePageLoops_EndsTheActionWithBrowserCrashed()
    {
        var session = await own.Pool.CreateSessionAsync(new BrowserSessionOptions());
        await using var t = await OpenAsync(session, new ActionDispatcherOptions { PageResponseTimeout = TimeSpan.FromSeconds(20) });
        await t.EvalAsync("document.getElementById('held').onclick = (e) => { e.preventDefault(); for (;;) { } }");
        var running = t.RunAsync("click", new { index = 0 });
        await Task.Delay(500);

        KillRenderers(session);
        var result = await running.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ActionErrorCodes.BrowserCrashed, result.ErrorCode);
        Assert.True(result.DurationMs < 15_000, $"the click took {result.DurationMs} ms to notice the renderer died");
    }

    [Theory]
    [InlineData("click", """{"index":0}""")]
    [InlineData("wait", """{"text":"never-appears","timeout_ms":40000}""")]
    [InlineData("navigate", """{"url":"/fault/loop","timeout_ms":40000}""")]
    public async Task PageStuckInALoop_EndsTheActionWithTimeout_BeforeTheCdpTimeout(string action, string parameters)
    {
        fixture.Server.MapHtml(_prefix + "loop", "<html><body><p>looping</p><script>for (;;) { }</script></body></html>");
        await using var t = await OpenAsync(session: null, new ActionDispatcherOptions { PageResponseTimeout = TimeSpan.FromSeconds(3) });
        if (action != "navigate")
        {
            await t.EvalAsync("setTimeout(() => { for (;;) { } }, 300)");
        }

        var result = await t.RunJsonAsync(action, Absolute(parameters)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ActionErrorCodes.Timeout, result.ErrorCode);
        Assert.Contains("stopped responding", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        Assert.True(result.DurationMs < 20_000, $"{action} on a looping page took {result.DurationMs} ms");
    }

    [Fact]
    public async Task Click_OnAPageThatNeverFinishesLoading_DoesNotWaitForThatLoad()
    {
        // The document itself never ends: the page stays "loading" for as long as the test runs.
        fixture.Server.Map(_prefix + "endless", async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<html><head><title>Endless</title></head><body><button id='b' onclick=\"this.textContent='clicked'\">Press</button>", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        });
        var session = await fixture.NewSessionAsync();
        await using var t = new DispatcherTestContext(fixture, session, new ActionDispatcher(session, capture: null, Slow));
        await session.ActivePage.NavigateAsync(fixture.Server.Url(_prefix + "endless"), NavigationWaitUntil.Commit);
        while (await t.EvalIntAsync("document.querySelectorAll('#b').length") == 0)
        {
            await Task.Delay(50);
        }

        Assert.NotEqual(PageLoadState.Complete, t.Page.LoadState);
        await t.IndexAsync("document.getElementById('b')");

        var result = await t.RunAsync("click", new { index = 0 });

        Assert.True(result.Success, result.Error);
        Assert.Null(result.Data);
        Assert.True(result.DurationMs < 10_000, $"the click waited {result.DurationMs} ms for a load it did not start");
        Assert.Equal("clicked", await t.EvalStringAsync("document.getElementById('b').textContent"));
    }

    /// <summary>SIGKILL of the browser's renderer processes, as the OOM killer would do it.</summary>
    private static void KillRenderers(BrowserSession session)
    {
        var renderers = ProcessTree.Descendants(session.Browser.Process.ProcessId).Where(IsRenderer).ToList();
        Assert.NotEmpty(renderers);
        foreach (var pid in renderers)
        {
            Process.GetProcessById(pid).Kill();
        }
    }

    private static bool IsRenderer(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("--type=renderer", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private string Absolute(string parameters) => parameters.Replace("\"/fault/", $"\"{fixture.Server.Url(_prefix)}", StringComparison.Ordinal);

    /// <summary>Lets the action reach its waiting step (its outcome must be the same whenever the fault hits).</summary>
    private async Task InFlightAsync(string action)
    {
        if (action is "navigate" or "click" or "type")
        {
            await Eventually.TrueAsync(() => fixture.Server.Hits(_prefix + "held") > 0, TimeSpan.FromSeconds(10), "the held request reached the server");
        }
        else
        {
            await Task.Delay(500);
        }
    }

    private async Task<DispatcherTestContext> OpenAsync(BrowserSession? session, ActionDispatcherOptions? options = null)
    {
        fixture.Server.Map(_prefix + "held", async context =>
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing));
        fixture.Server.MapHtml(_prefix + "page", FaultPage);
        session ??= await fixture.NewSessionAsync();
        var t = new DispatcherTestContext(fixture, session, new ActionDispatcher(session, capture: null, options ?? Slow));
        await session.NavigateAsync(fixture.Server.Url(_prefix + "page"));
        await t.IndexAsync("document.getElementById('held')", "document.getElementById('q')");
        return t;
    }
}
