using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Navigator.Browser.Security;

namespace Navigator.Browser.Tests.Security;

/// <summary>Typed navigation and redirects against a session allowlist, on real Chromium.</summary>
[Collection(SecurityCollection.Name)]
[Trait("Step", "3")]
public sealed class NavigationPolicyBrowserTests(SecurityFixture fixture)
{
    private static readonly NavigationPolicy AllowedOnly = NavigationPolicy.Allow("allowed.test");

    [Fact]
    public async Task AllowedNavigation_Succeeds()
    {
        fixture.Server.MapHtml("/np/ok", "<title>fine</title><p>ok</p>");
        await using var session = await fixture.NewSessionAsync(AllowedOnly);

        var url = fixture.Url("allowed.test", "/np/ok");
        await session.NavigateAsync(url);

        Assert.Equal(url, session.Url);
        Assert.Equal("fine", await session.GetTitleAsync());
        Assert.Equal(1, fixture.Server.Hits("allowed.test", "/np/ok"));
        Assert.Equal(0, session.BlockedRequests.Total);
    }

    [Fact]
    public async Task ForbiddenNavigation_IsRefusedAtOnce_WithoutReachingTheServer()
    {
        fixture.Server.MapHtml("/np/start", "<title>start</title>");
        fixture.Server.MapHtml("/np/forbidden", "<title>secret</title>");
        await using var session = await fixture.NewSessionAsync(AllowedOnly);
        using var blocks = new BlockRecorder(session);
        var start = fixture.Url("allowed.test", "/np/start");
        await session.NavigateAsync(start);

        // "At once" means before any round trip to the browser: the call has failed when it returns.
        var refusal = session.NavigateAsync(fixture.Url("evil.test", "/np/forbidden"));
        Assert.True(refusal.IsFaulted, "the refusal waited on something");
        var error = await Assert.ThrowsAsync<NavigationBlockedException>(() => refusal);

        Assert.Equal("evil.test", error.BlockedHost);
        Assert.Equal(BlockReason.NotAllowed, error.BlockReason);
        Assert.Contains("net::ERR_BLOCKED_BY_CLIENT", error.Reason, StringComparison.Ordinal);
        Assert.Contains("evil.test", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Server.HostHits("evil.test"));
        Assert.Equal(start, session.Url);
        Assert.Equal("start", await session.GetTitleAsync());
        var blocked = Assert.Single(blocks.Events);
        Assert.True(blocked.IsMainFrame);
        Assert.Equal("evil.test", blocked.Host);
        Assert.Equal(1, session.BlockedRequests.Navigations);
    }

    [Fact]
    public async Task RedirectChain_ToForbiddenHost_IsBlockedAtTheNetworkLayer()
    {
        var evil = fixture.Url("evil.test", "/np/redirect-target");
        fixture.Server.MapHtml("/np/redirect-start", "<title>before</title>");
        fixture.Server.Map("/np/redirect-1", c => Redirect(c, fixture.Url("allowed.test", "/np/redirect-2")));
        fixture.Server.Map("/np/redirect-2", c => Redirect(c, evil));
        fixture.Server.MapHtml("/np/redirect-target", "<title>evil</title>");
        await using var session = await fixture.NewSessionAsync(AllowedOnly);
        using var blocks = new BlockRecorder(session);
        var start = fixture.Url("allowed.test", "/np/redirect-start");
        await session.NavigateAsync(start);

        var error = await Assert.ThrowsAsync<NavigationBlockedException>(() => session.NavigateAsync(fixture.Url("allowed.test", "/np/redirect-1")));

        Assert.Equal(evil, error.BlockedUrl);
        Assert.Equal("evil.test", error.BlockedHost);
        Assert.Contains("net::ERR_BLOCKED_BY_CLIENT", error.Reason, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Server.Hits("allowed.test", "/np/redirect-2"));
        Assert.Equal(0, fixture.Server.HostHits("evil.test"));
        Assert.Equal(start, session.Url);
        Assert.Equal("before", await session.GetTitleAsync());
    }

    private static Task Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}
