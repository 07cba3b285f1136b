using System.Diagnostics;
using Navigator.Cdp.Protocol;
using Microsoft.AspNetCore.Http;
using Navigator.Testing;

namespace Navigator.Browser.Tests;

[Collection(BrowserCollection.Name)]
[Trait("Step", "1")]
public sealed class SessionTests(SharedBrowserFixture fixture)
{
    [Fact]
    public async Task Headless_AndViewport_AreAppliedToThePage()
    {
        fixture.Server.MapHtml("/session/viewport", "<title>vp</title>");
        await using var session = await fixture.NewSessionAsync(new BrowserSessionOptions { ViewportWidth = 1024, ViewportHeight = 600 });
        await session.NavigateAsync(fixture.Server.Url("/session/viewport"));

        var size = await session.ActivePage.EvaluateAsync("[innerWidth, innerHeight, navigator.userAgent, navigator.webdriver]");

        Assert.Equal(1024, size[0].GetInt32());
        Assert.Equal(600, size[1].GetInt32());
        Assert.Contains("HeadlessChrome", size[2].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserAgent_Locale_AndTimezone_AreApplied()
    {
        await using var session = await fixture.NewSessionAsync(new BrowserSessionOptions
        {
            UserAgent = "NavigatorTest/1.0",
            Locale = "fr-FR",
            TimezoneId = "Asia/Tokyo",
        });
        fixture.Server.Map("/session/headers", context => context.Response.WriteAsync(context.Request.Headers.AcceptLanguage.ToString()));
        await session.NavigateAsync(fixture.Server.Url("/session/headers"));

        var values = await session.ActivePage.EvaluateAsync("[navigator.userAgent, navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone, document.body.innerText]");

        Assert.Equal("NavigatorTest/1.0", values[0].GetString());
        Assert.Equal("fr-FR", values[1].GetString());
        Assert.Equal("Asia/Tokyo", values[2].GetString());
        Assert.StartsWith("fr-FR", values[3].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrameTree_AndRawCdp_AreAvailable()
    {
        fixture.Server.MapHtml("/session/frames", "<iframe src='/session/inner'></iframe>");
        fixture.Server.MapHtml("/session/inner", "inner");
        await using var session = await fixture.NewSessionAsync();
        await session.NavigateAsync(fixture.Server.Url("/session/frames"));

        var tree = await session.ActivePage.GetFrameTreeAsync();
        var raw = await session.ActivePage.Cdp.SendRawAsync("Runtime.evaluate", System.Text.Json.JsonDocument.Parse("""{"expression":"location.pathname","returnByValue":true}""").RootElement);

        Assert.Single(tree.ChildFrames!);
        Assert.Equal("/session/frames", raw.GetProperty("result").GetProperty("value").GetString());
    }

    [Fact]
    public async Task LoadState_DistinguishesNavigatingFromComplete()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Server.Map("/session/slow", async context =>
        {
            await release.Task;
            await context.Response.WriteAsync("<title>slow</title>");
        });
        await using var session = await fixture.NewSessionAsync();
        var page = session.ActivePage;
        var states = new List<PageLoadState>();
        page.LoadStateChanged += (_, state) => { lock (states) { states.Add(state); } };

        var navigation = session.NavigateAsync(fixture.Server.Url("/session/slow"));
        await Eventually.TrueAsync(() => fixture.Server.Hits("/session/slow") > 0, TimeSpan.FromSeconds(5), "the request to arrive");
        Assert.Equal(PageLoadState.Navigating, page.LoadState);

        release.SetResult();
        await navigation;

        Assert.Equal(PageLoadState.Complete, page.LoadState);
        lock (states)
        {
            Assert.Equal(PageLoadState.Navigating, states[0]);
            Assert.Equal(PageLoadState.Complete, states[^1]);
        }
    }

    [Fact]
    public async Task SameDocumentNavigation_UpdatesUrl()
    {
        fixture.Server.MapHtml("/session/hash", "<title>hash</title>");
        await using var session = await fixture.NewSessionAsync();
        await session.NavigateAsync(fixture.Server.Url("/session/hash"));

        await session.NavigateAsync(fixture.Server.Url("/session/hash#part"));

        Assert.EndsWith("#part", session.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NavigationToClosedPort_FailsWithNetworkReason()
    {
        await using var session = await fixture.NewSessionAsync();

        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<NavigationException>(() => session.NavigateAsync($"http://127.0.0.1:{port}/"));

        Assert.Contains("ERR_CONNECTION_REFUSED", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NavigationThatNeverLoads_TimesOut()
    {
        fixture.Server.Map("/session/hang", _ => Task.Delay(Timeout.Infinite));
        await using var session = await fixture.NewSessionAsync(new BrowserSessionOptions { NavigationTimeout = TimeSpan.FromMilliseconds(500) });
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAsync<NavigationTimeoutException>(() => session.NavigateAsync(fixture.Server.Url("/session/hang")));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Popup_OpensAsNewTab_InTheSameSession()
    {
        fixture.Server.MapHtml("/session/opener", "<a id=a href='/session/popup' target=_blank>open</a>");
        fixture.Server.MapHtml("/session/popup", "<title>popup</title>");
        await using var session = await fixture.NewSessionAsync();
        await session.NavigateAsync(fixture.Server.Url("/session/opener"));
        var opened = new TaskCompletionSource<BrowserPage>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.PageOpened += (_, page) => opened.TrySetResult(page);

        await session.ActivePage.EvaluateAsync("document.getElementById('a').click()");
        var popup = await opened.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, session.Pages.Count);
        Assert.Same(popup, session.ActivePage);
        await Eventually.TrueAsync(() => popup.Url.EndsWith("/session/popup", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the popup to load");
    }

    [Fact]
    public async Task RendererCrash_IsReportedAsEvent()
    {
        await using var session = await fixture.NewSessionAsync();
        var crashed = new TaskCompletionSource<BrowserCrashedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Crashed += (_, e) => crashed.TrySetResult(e);

        _ = session.ActivePage.SendAsync(new PageCrashRequest());
        var crash = await crashed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(BrowserCrashKind.Renderer, crash.Kind);
        Assert.Equal(session.ActivePage.TargetId, crash.TargetId);
    }

    [Fact]
    public async Task ClosedSession_RejectsCalls()
    {
        var session = await fixture.NewSessionAsync();
        await session.DisposeAsync();

        await Assert.ThrowsAsync<BrowserSessionClosedException>(() => session.NavigateAsync(fixture.Server.Url("/session/closed")));
    }
}
