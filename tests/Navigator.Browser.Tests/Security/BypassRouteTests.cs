using Microsoft.AspNetCore.Http;
using Navigator.Browser.Security;

namespace Navigator.Browser.Tests.Security;

/// <summary>
/// Every way a page can try to leave the allowlist on its own. Each test proves the forbidden
/// server never saw a request and the tab stayed on its allowed page.
/// </summary>
[Collection(SecurityCollection.Name)]
[Trait("Step", "3")]
public sealed class BypassRouteTests(SecurityFixture fixture)
{
    private static readonly NavigationPolicy Policy = NavigationPolicy.Allow("allowed.test", "*.allowed.example");

    [Fact]
    public async Task MetaRefresh_ToForbiddenHost_IsBlocked()
    {
        var target = fixture.Url("evil.test", "/by/meta-target");
        await RunInPageBypassAsync("/by/meta", $"<meta http-equiv=refresh content=\"0;url={target}\"><title>meta</title>", script: null, "evil.test");
        Assert.Equal(0, fixture.Server.Hits("evil.test", "/by/meta-target"));
    }

    [Fact]
    public async Task ScriptLocationAssignment_IsBlocked() =>
        await RunInPageBypassAsync("/by/script", "<title>script</title>", $"location = '{fixture.Url("evil.test", "/by/script-target")}'", "evil.test");

    [Fact]
    public async Task LinkClick_IsBlocked() =>
        await RunInPageBypassAsync(
            "/by/link",
            $"<title>link</title><a id=go href=\"{fixture.Url("evil.test", "/by/link-target")}\">go</a>",
            "document.getElementById('go').click()",
            "evil.test");

    [Fact]
    public async Task FormPost_IsBlocked() =>
        await RunInPageBypassAsync(
            "/by/form",
            $"<title>form</title><form id=f method=post action=\"{fixture.Url("evil.test", "/by/form-target")}\"><input name=secret value=s3cret></form>",
            "document.getElementById('f').submit()",
            "evil.test");

    [Fact]
    public async Task UserInfoTrick_BlocksTheRealHost() =>
        await RunInPageBypassAsync(
            "/by/userinfo",
            "<title>userinfo</title>",
            $"location = 'http://allowed.test@evil.test:{fixture.Server.Port}/by/userinfo-target'",
            "evil.test");

    [Fact]
    public async Task WindowOpen_PopupToForbiddenHost_IsBlocked()
    {
        fixture.Server.MapHtml("/by/popup", "<title>popup opener</title>");
        await using var session = await fixture.NewSessionAsync(Policy);
        using var blocks = new BlockRecorder(session);
        var start = fixture.Url("allowed.test", "/by/popup");
        await session.NavigateAsync(start);
        var opener = session.ActivePage;
        var popupOpened = new TaskCompletionSource<BrowserPage>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.PageOpened += (_, page) => popupOpened.TrySetResult(page);

        await opener.EvaluateAsync($"void window.open('{fixture.Url("evil.test", "/by/popup-target")}')");

        var blocked = await blocks.WaitForHostAsync("evil.test");
        var popup = await popupOpened.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(blocked.IsMainFrame);
        Assert.Equal(popup.TargetId, blocked.TargetId);
        Assert.Equal(0, fixture.Server.HostHits("evil.test"));
        Assert.DoesNotContain("evil.test", popup.Url, StringComparison.Ordinal);
        Assert.Equal(start, opener.Url);
    }

    [Fact]
    public async Task Iframe_ToForbiddenHost_IsBlocked_AndCountedAsFrame()
    {
        fixture.Server.MapHtml("/by/iframe", $"<title>frames</title><iframe src=\"{fixture.Url("evil.test", "/by/iframe-target")}\"></iframe>");
        await using var session = await fixture.NewSessionAsync(Policy);
        using var blocks = new BlockRecorder(session);

        await session.NavigateAsync(fixture.Url("allowed.test", "/by/iframe"));

        var blocked = await blocks.WaitForHostAsync("evil.test");
        Assert.False(blocked.IsMainFrame);
        Assert.Equal("Document", blocked.ResourceType);
        Assert.Equal(1, session.BlockedRequests.Frames);
        Assert.Equal(0, fixture.Server.HostHits("evil.test"));
        Assert.Equal("frames", await session.GetTitleAsync());
    }

    [Fact]
    public async Task CrossSiteIframe_OutOfProcess_CannotReachForbiddenHost()
    {
        // allowed.test and frame.allowed.example are different sites, so the frame runs in its own
        // renderer (an OOPIF target) whose requests the page's interception does not see.
        fixture.Server.MapHtml("/by/oopif-child", $$"""
            <title>child</title>
            <script>
              fetch('{{fixture.Url("evil.test", "/by/oopif-fetch")}}').catch(() => {});
              setTimeout(() => location = '{{fixture.Url("evil.test", "/by/oopif-nav")}}', 0);
            </script>
            """);
        fixture.Server.MapHtml("/by/oopif", $"<title>outer</title><iframe src=\"{fixture.Url("frame.allowed.example", "/by/oopif-child")}\"></iframe>");
        await using var session = await fixture.NewSessionAsync(Policy);
        using var blocks = new BlockRecorder(session);

        await session.NavigateAsync(fixture.Url("allowed.test", "/by/oopif"));

        var fetchBlock = await blocks.WaitAsync(e => e.Url.EndsWith("/by/oopif-fetch", StringComparison.Ordinal));
        var navBlock = await blocks.WaitAsync(e => e.Url.EndsWith("/by/oopif-nav", StringComparison.Ordinal));
        Assert.Equal(1, fixture.Server.Hits("frame.allowed.example", "/by/oopif-child"));
        Assert.NotEqual(session.ActivePage.TargetId, fetchBlock.TargetId);
        Assert.False(navBlock.IsMainFrame);
        Assert.Equal(0, fixture.Server.HostHits("evil.test"));
    }

    [Fact]
    public async Task MixedCaseAndTrailingDotHosts_AreNormalised()
    {
        var policy = new NavigationPolicy { AllowedDomains = ["*.allowed.test"], BlockedDomains = ["evil.allowed.test"] };
        fixture.Server.MapHtml("/by/case", "<title>case</title>");
        await using var session = await fixture.NewSessionAsync(policy);
        using var blocks = new BlockRecorder(session);

        // Allowed despite odd spelling.
        await session.NavigateAsync($"http://WWW.Allowed.TEST.:{fixture.Server.Port}/by/case");
        Assert.Equal("case", await session.GetTitleAsync());

        // Blocked host spelled differently, typed and from the page.
        var typed = await Assert.ThrowsAsync<NavigationBlockedException>(() => session.NavigateAsync($"http://EVIL.allowed.Test.:{fixture.Server.Port}/by/case-typed"));
        Assert.Equal("evil.allowed.test", typed.BlockedHost);
        Assert.Equal("evil.allowed.test", typed.Rule);
        await session.ActivePage.EvaluateAsync($"location = 'http://Evil.ALLOWED.test.:{fixture.Server.Port}/by/case-script'");
        var scripted = await blocks.WaitAsync(e => e.Url.Contains("/by/case-script", StringComparison.Ordinal));
        Assert.Equal(BlockReason.BlockedDomain, scripted.Reason);
        Assert.Equal(0, fixture.Server.HostHits("evil.allowed.test") + fixture.Server.HostHits("evil.allowed.test."));
    }

    [Fact]
    public async Task PunycodeLookalike_IsNotTheAllowedHost()
    {
        var policy = NavigationPolicy.Allow("apple.test", "bücher.test");
        fixture.Server.MapHtml("/by/idn", "<title>idn</title>");
        await using var session = await fixture.NewSessionAsync(policy);

        // Unicode in the pattern matches the punycode host Chromium requests.
        await session.NavigateAsync($"http://xn--bcher-kva.test:{fixture.Server.Port}/by/idn");
        Assert.Equal("idn", await session.GetTitleAsync());

        // Cyrillic "а" in place of Latin "a".
        var error = await Assert.ThrowsAsync<NavigationBlockedException>(() => session.NavigateAsync($"http://\u0430pple.test:{fixture.Server.Port}/by/idn"));
        Assert.Equal("xn--pple-43d.test", error.BlockedHost);
        using var blocks = new BlockRecorder(session);
        await session.ActivePage.EvaluateAsync($"location = 'http://\u0430pple.test:{fixture.Server.Port}/by/idn-script'");
        await blocks.WaitForHostAsync("xn--pple-43d.test");
        Assert.Equal(0, fixture.Server.HostHits("xn--pple-43d.test"));
    }

    [Fact]
    public async Task IpLiteralOfForbiddenHost_IsBlocked()
    {
        fixture.Server.MapHtml("/by/ip", "<title>ip</title>");
        await using var session = await fixture.NewSessionAsync(Policy);
        using var blocks = new BlockRecorder(session);
        await session.NavigateAsync(fixture.Url("allowed.test", "/by/ip"));

        var typed = await Assert.ThrowsAsync<NavigationBlockedException>(() => session.NavigateAsync($"http://2130706433:{fixture.Server.Port}/by/ip-typed"));
        Assert.Equal("127.0.0.1", typed.BlockedHost);
        await session.ActivePage.EvaluateAsync($"location = 'http://0x7f.1:{fixture.Server.Port}/by/ip-script'");
        await blocks.WaitAsync(e => e.Url.Contains("/by/ip-script", StringComparison.Ordinal));

        Assert.Equal(0, fixture.Server.HostHits("127.0.0.1"));
        Assert.Equal("ip", await session.GetTitleAsync());
    }

    [Fact]
    public async Task Subresources_ToForbiddenHost_AreBlockedAndCounted()
    {
        var evil = (string path) => fixture.Url("evil.test", path);
        fixture.Server.MapHtml("/by/sub", $$"""
            <title>sub</title>
            <img src="{{evil("/by/sub-img")}}">
            <script src="{{evil("/by/sub-script")}}"></script>
            <script>
              fetch('{{evil("/by/sub-fetch")}}').catch(() => {});
              const x = new XMLHttpRequest(); x.open('GET', '{{evil("/by/sub-xhr")}}'); x.send();
            </script>
            """);
        await using var session = await fixture.NewSessionAsync(Policy);
        using var blocks = new BlockRecorder(session);

        await session.NavigateAsync(fixture.Url("allowed.test", "/by/sub"));

        foreach (var path in new[] { "/by/sub-img", "/by/sub-script", "/by/sub-fetch", "/by/sub-xhr" })
        {
            await blocks.WaitAsync(e => e.Url.EndsWith(path, StringComparison.Ordinal));
        }

        Assert.Equal(0, fixture.Server.HostHits("evil.test"));
        Assert.True(session.BlockedRequests.Subresources >= 4, $"{session.BlockedRequests.Subresources} subresources counted");
        Assert.Equal(0, session.BlockedRequests.Navigations);
    }

    [Fact]
    public async Task Subresources_AreLeftAlone_WhenCheckingIsOff()
    {
        // A host of its own: this test lets a request through on purpose.
        fixture.Server.MapHtml("/by/sub-off", $"<title>sub-off</title><img id=i src=\"{fixture.Url("cdn.tracker.test", "/by/sub-off-img")}\">");
        await using var session = await fixture.NewSessionAsync(Policy with { CheckSubresources = false });

        await session.NavigateAsync(fixture.Url("allowed.test", "/by/sub-off"));

        Assert.Equal(1, fixture.Server.Hits("cdn.tracker.test", "/by/sub-off-img"));
        Assert.Equal(0, session.BlockedRequests.Total);
        var nav = await Assert.ThrowsAsync<NavigationBlockedException>(() => session.NavigateAsync(fixture.Url("cdn.tracker.test", "/by/sub-off-nav")));
        Assert.Equal("cdn.tracker.test", nav.BlockedHost);
        Assert.Equal(0, fixture.Server.Hits("cdn.tracker.test", "/by/sub-off-nav"));
    }

    [Fact]
    public async Task WebSocket_ToForbiddenHost_IsBlocked()
    {
        // WebSocket handshakes bypass CDP Fetch interception; the session's egress proxy refuses them.
        fixture.Server.MapWebSocketEcho("/by/ws");
        fixture.Server.MapHtml("/by/ws-page", "<title>ws</title>" + WebSocketProbe.Script);
        await using var session = await fixture.NewSessionAsync(Policy);
        using var blocks = new BlockRecorder(session);
        await session.NavigateAsync(fixture.Url("allowed.test", "/by/ws-page"));

        // The same socket to the allowed host opens, so this test can fail.
        Assert.Equal("open", await WebSocketProbe.OpenAsync(session, fixture.Url("allowed.test", "/by/ws")));
        Assert.Equal("error", await WebSocketProbe.OpenAsync(session, fixture.Url("evil.test", "/by/ws")));

        var blocked = await blocks.WaitForHostAsync("evil.test");
        Assert.Equal($"evil.test:{fixture.Server.Port}", blocked.Url);
        Assert.Equal(BlockReason.NotAllowed, blocked.Reason);
        Assert.False(blocked.IsMainFrame);
        Assert.Equal(1, fixture.Server.Hits("allowed.test", "/by/ws"));
        Assert.Equal(0, fixture.Server.HostHits("evil.test"));
        Assert.Equal(1, session.BlockedRequests.Subresources);
        Assert.Equal(1, session.EgressProxy!.RefusedConnections);
    }

    [Fact]
    public async Task DedicatedWorker_CannotReachForbiddenHost()
    {
        fixture.Server.Map("/by/worker.js", c =>
        {
            c.Response.ContentType = "text/javascript";
            return c.Response.WriteAsync($"fetch('{fixture.Url("evil.test", "/by/worker-fetch")}').catch(() => {{}}).finally(() => postMessage('done'));");
        });
        fixture.Server.MapHtml("/by/worker", "<title>worker</title><script>window.workerDone = new Promise(r => new Worker('/by/worker.js').onmessage = () => r(true));</script>");
        await using var session = await fixture.NewSessionAsync(Policy);
        using var blocks = new BlockRecorder(session);

        await session.NavigateAsync(fixture.Url("allowed.test", "/by/worker"));
        await session.ActivePage.EvaluateAsync("window.workerDone", awaitPromise: true);

        await blocks.WaitAsync(e => e.Url.EndsWith("/by/worker-fetch", StringComparison.Ordinal));
        Assert.Equal(1, fixture.Server.Hits("allowed.test", "/by/worker.js"));
        Assert.Equal(0, fixture.Server.HostHits("evil.test"));
    }

    /// <summary>Loads an allowed page, lets it try to leave, waits for the block and checks nothing leaked.</summary>
    private async Task RunInPageBypassAsync(string path, string html, string? script, string forbiddenHost)
    {
        fixture.Server.MapHtml(path, html);
        await using var session = await fixture.NewSessionAsync(Policy);
        using var blocks = new BlockRecorder(session);
        var start = fixture.Url("allowed.test", path);

        await session.NavigateAsync(start);
        if (script is not null)
        {
            await session.ActivePage.EvaluateAsync(script);
        }

        var blocked = await blocks.WaitForHostAsync(forbiddenHost);
        Assert.True(blocked.IsMainFrame);
        Assert.Equal("Document", blocked.ResourceType);
        Assert.Equal(0, fixture.Server.HostHits(forbiddenHost));
        Assert.Equal(start, session.Url);
        Assert.Equal(1, session.BlockedRequests.Navigations);
        Assert.Equal(1, fixture.Server.Hits("allowed.test", path));

        // Chromium preconnects to the target through the egress proxy, which refuses it too;
        // that is the same request and must not be counted again (closing reports held refusals).
        await session.DisposeAsync();
        Assert.Equal(1, session.BlockedRequests.Total);
    }
}
