using Microsoft.AspNetCore.Http;
using Navigator.Cdp.Protocol;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

[Collection(DispatcherCollection.Name)]
[Trait("Step", "2")]
public sealed class ActionNavigationTests(SharedBrowserFixture fixture)
{
    private const string Start = "<html><head><title>Start</title></head><body>start</body></html>";

    [Fact]
    public async Task Navigate_LoadsThePageAndReportsUrlAndTitle()
    {
        fixture.Server.MapHtml("/nav/target", "<html><head><title>Target</title></head><body>target</body></html>");
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/nav/start1", Start);

        var result = await t.RunAsync("navigate", new { url = fixture.Server.Url("/nav/target") });

        Assert.True(result.Success, result.Error);
        Assert.True(result.Navigated);
        Assert.Equal("Target", result.Title);
        Assert.Equal(fixture.Server.Url("/nav/target"), result.Url);
        Assert.Equal("target", await t.EvalStringAsync("document.body.textContent"));
    }

    [Fact]
    public async Task Navigate_ToAPageWithACrossSiteFrame_DoesNotWaitForTheFramesRequestToReportBack()
    {
        // The cross-site frame's document request starts in this tab but finishes in the frame's own
        // process: it never reports back here, and the network wait used to run to its bound.
        await using var remote = await TestWebServer.StartAsync("127.0.0.2");
        remote.MapHtml("/nav/widget", "<html><body><button>Widget</button></body></html>");
        fixture.Server.MapHtml("/nav/with-widget", $"<html><head><title>With widget</title></head><body><iframe src=\"{remote.Url("/nav/widget")}\"></iframe></body></html>");
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/nav/start-widget", Start, new ActionDispatcherOptions { NetworkSettleTimeout = TimeSpan.FromSeconds(60) });

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await t.RunAsync("navigate", new { url = fixture.Server.Url("/nav/with-widget") });

        Assert.True(result.Success, result.Error);
        Assert.Equal("With widget", result.Title);
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30), "navigate waited for the network bound");
    }

    [Fact]
    public async Task GoBack_GoForward_AndRefresh_MoveThroughHistory()
    {
        fixture.Server.MapHtml("/nav/second", "<html><head><title>Second</title></head><body><script>window.loadedAt = performance.timeOrigin</script></body></html>");
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/nav/first", Start);
        await t.RunAsync("navigate", new { url = fixture.Server.Url("/nav/second") });

        var back = await t.RunAsync("go_back");
        Assert.True(back.Success, back.Error);
        Assert.Equal("Start", back.Title);
        Assert.Equal(fixture.Server.Url("/nav/first"), t.Page.Url);

        var forward = await t.RunAsync("go_forward");
        Assert.True(forward.Success, forward.Error);
        Assert.Equal("Second", forward.Title);

        var hitsBefore = fixture.Server.Hits("/nav/second");
        var firstLoad = (await t.EvalAsync("window.loadedAt")).GetDouble();
        var refresh = await t.RunAsync("refresh");
        Assert.True(refresh.Success, refresh.Error);
        Assert.True(refresh.Navigated);
        Assert.Equal(hitsBefore + 1, fixture.Server.Hits("/nav/second"));
        Assert.NotEqual(firstLoad, (await t.EvalAsync("window.loadedAt")).GetDouble());
    }

    [Fact]
    public async Task GoBack_AtTheStartOfHistory_IsNoHistory()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/nav/nohistory", Start);
        await t.RunAsync("go_back");

        var result = await t.RunAsync("go_back");
        var forward = await t.RunAsync("go_forward");

        // The session's first entry is about:blank, so one step back is possible; the second is not.
        Assert.Equal(ActionErrorCodes.NoHistory, result.ErrorCode);
        Assert.True(forward.Success, forward.Error);
    }

    [Fact]
    public async Task Navigate_Failures_MapToCodes()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/nav/failures", Start);

        var refused = await t.RunAsync("navigate", new { url = "http://127.0.0.1:1/nothing" });
        var invalid = await t.RunAsync("navigate", new { url = "not a url" });
        var missing = await t.RunAsync("navigate", new { });

        Assert.Equal(ActionErrorCodes.NavigationFailed, refused.ErrorCode);
        Assert.Contains("net::ERR_", refused.Error, StringComparison.Ordinal);
        Assert.Equal(ActionErrorCodes.InvalidParameter, invalid.ErrorCode);
        Assert.Equal(ActionErrorCodes.MissingParameter, missing.ErrorCode);
    }

    [Fact]
    public async Task Navigate_SlowPage_TimesOut()
    {
        fixture.Server.Map("/nav/slow", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>slow", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(5000, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/nav/slowstart", Start);

        var result = await t.RunAsync("navigate", new { url = fixture.Server.Url("/nav/slow"), timeout_ms = 300 });

        Assert.Equal(ActionErrorCodes.Timeout, result.ErrorCode);
    }

    [Fact]
    public async Task Navigate_BlockedByClient_IsNavigationBlocked()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/nav/blockstart", Start);

        // The security layer blocks with net::ERR_BLOCKED_BY_CLIENT; fail the request the same way here.
        using var paused = t.Page.Cdp.On<FetchRequestPausedEvent>(e =>
            _ = t.Page.Cdp.SendAsync(new FetchFailRequestRequest { RequestId = e.RequestId, ErrorReason = "BlockedByClient" }));
        await t.Page.SendAsync(new FetchEnableRequest { Patterns = [new FetchRequestPattern { UrlPattern = "*/nav/forbidden*" }] });
        var result = await t.RunAsync("navigate", new { url = fixture.Server.Url("/nav/forbidden") });

        Assert.Equal(ActionErrorCodes.NavigationBlocked, result.ErrorCode);
        Assert.Equal(0, fixture.Server.Hits("/nav/forbidden"));
    }

    [Fact]
    public async Task Navigate_NewTab_OpensAndActivatesATab()
    {
        fixture.Server.MapHtml("/nav/newtab", "<html><head><title>New tab</title></head><body></body></html>");
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/nav/tabstart", Start);

        var result = await t.RunAsync("navigate", new { url = fixture.Server.Url("/nav/newtab"), new_tab = true });

        Assert.True(result.Success, result.Error);
        Assert.Equal(2, t.Session.Pages.Count);
        Assert.Equal("New tab", result.Title);
        Assert.Equal(fixture.Server.Url("/nav/newtab"), t.Session.ActivePage.Url);
    }

    [Fact]
    public async Task Wait_Seconds_Text_Selector_Navigation()
    {
        fixture.Server.MapHtml("/nav/waited", "<html><head><title>Waited</title></head><body></body></html>");
        const string page = """
            <html><body><button id="later" onclick="setTimeout(() => { document.body.insertAdjacentHTML('beforeend', '<p class=ready>All set</p>') }, 150)">Later</button>
            <button id="go" onclick="setTimeout(() => location.href = '/nav/waited', 150)">Go</button></body></html>
            """;
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/nav/wait", page);

        var pause = await t.RunAsync("wait", new { seconds = 0.2 });
        Assert.True(pause.Success, pause.Error);
        Assert.True(pause.Data!.Value.GetProperty("waited_ms").GetDouble() >= 190);

        await t.EvalAsync("document.getElementById('later').click()");
        Assert.True((await t.RunAsync("wait", new { text = "All set", timeout_ms = 3000 })).Success);
        Assert.True((await t.RunAsync("wait", new { selector = "p.ready" })).Success);

        var missing = await t.RunAsync("wait", new { text = "Never shown", timeout_ms = 200 });
        Assert.Equal(ActionErrorCodes.Timeout, missing.ErrorCode);
        var badSelector = await t.RunAsync("wait", new { selector = "p[", timeout_ms = 200 });
        Assert.Equal(ActionErrorCodes.InvalidParameter, badSelector.ErrorCode);

        await t.EvalAsync("document.getElementById('go').click()");
        var navigation = await t.RunAsync("wait", new { navigation = true, timeout_ms = 5000 });
        Assert.True(navigation.Success, navigation.Error);
        Assert.Equal("Waited", navigation.Title);
    }
}
