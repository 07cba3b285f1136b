using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Navigator.Browser.Security;
using Navigator.Testing;

namespace Navigator.Browser.Tests.Security;

/// <summary>
/// The session's SOCKS5 egress proxy with real Chromium: it carries every connection of a
/// restricted session (loopback and *.test included) and refuses what the Fetch guard cannot see.
/// </summary>
[Collection(SecurityCollection.Name)]
[Trait("Step", "3")]
public sealed class EgressProxyBrowserTests(SecurityFixture fixture)
{
    private static readonly NavigationPolicy Policy = NavigationPolicy.Allow("allowed.test", "*.allowed.example");

    [Fact]
    public async Task AllowedWebSocket_EchoesThroughTheProxy()
    {
        fixture.Server.MapWebSocketEcho("/ep/echo");
        fixture.Server.MapHtml("/ep/echo-page", "<title>echo</title>" + WebSocketProbe.Script);
        await using var session = await fixture.NewSessionAsync(Policy);
        var proxy = session.EgressProxy!;
        await session.NavigateAsync(fixture.Url("allowed.test", "/ep/echo-page"));
        var tunnelsBefore = proxy.TunnelsOpened;

        var echoed = await WebSocketProbe.OpenAsync(session, fixture.Url("ws.allowed.example", "/ep/echo"), "ping through socks");

        Assert.Equal("ping through socks", echoed);
        Assert.Equal(1, fixture.Server.Hits("ws.allowed.example", "/ep/echo"));
        Assert.True(proxy.TunnelsOpened > tunnelsBefore, "the WebSocket went through the proxy");
        Assert.Equal(0, session.BlockedRequests.Total);
    }

    [Fact]
    public async Task PageTraffic_GoesThroughTheProxy()
    {
        fixture.Server.MapHtml("/ep/via", "<title>via</title>");
        await using var session = await fixture.NewSessionAsync(Policy);
        var proxy = session.EgressProxy!;
        Assert.Equal($"socks5://127.0.0.1:{proxy.EndPoint.Port}", proxy.ProxyServer);

        await session.NavigateAsync(fixture.Url("allowed.test", "/ep/via"));

        Assert.Equal("via", await session.GetTitleAsync());
        Assert.True(proxy.TunnelsOpened >= 1, "the navigation went through the proxy");
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    public async Task LoopbackWebSocket_IsNotExemptFromTheProxy(string host)
    {
        fixture.Server.MapWebSocketEcho("/ep/loop");
        fixture.Server.MapHtml("/ep/loop-page", "<title>loop</title>" + WebSocketProbe.Script);
        await using var session = await fixture.NewSessionAsync(Policy);
        using var blocks = new BlockRecorder(session);
        await session.NavigateAsync(fixture.Url("allowed.test", "/ep/loop-page"));

        Assert.Equal("error", await WebSocketProbe.OpenAsync(session, fixture.Url(host, "/ep/loop")));

        var blocked = await blocks.WaitForHostAsync(host.Trim('[', ']'));
        Assert.Equal(BlockReason.NotAllowed, blocked.Reason);
        Assert.Equal(0, fixture.Server.Hits(host, "/ep/loop") + fixture.Server.Hits(host.Trim('[', ']'), "/ep/loop"));
        Assert.Equal(1, session.EgressProxy!.RefusedConnections);
    }

    [Fact]
    public async Task FetchEventSourceAndWebSocket_ToForbiddenPortsAndHosts_AreEachRefusedOnce()
    {
        // A second server on another port: the policy allows allowed.test only on the fixture's port.
        await using var other = await TestWebServer.StartAsync();
        other.Map("/ep/events", c =>
        {
            c.Response.ContentType = "text/event-stream";
            return c.Response.WriteAsync("data: hello\n\n");
        });
        other.MapHtml("/ep/data", "secret");
        other.MapWebSocketEcho("/ep/socket");
        var fetchUrl = other.Url("evil.test", "/ep/data");
        var eventsUrl = other.Url("allowed.test", "/ep/events");
        var socketUrl = other.Url("allowed.test", "/ep/socket");
        fixture.Server.MapHtml("/ep/ports", "<title>ports</title>" + WebSocketProbe.Script + $$"""
            <script>
              window.tryAll = () => Promise.all([
                fetch({{JsonSerializer.Serialize(fetchUrl)}}).then(() => 'ok', () => 'error'),
                new Promise(r => {
                  const es = new EventSource({{JsonSerializer.Serialize(eventsUrl)}});
                  es.onmessage = () => { es.close(); r('message'); };
                  es.onerror = () => { es.close(); r('error'); };
                }),
                openSocket({{JsonSerializer.Serialize(socketUrl.Replace("http:", "ws:", StringComparison.Ordinal))}}),
              ]);
            </script>
            """);
        await using var session = await fixture.NewSessionAsync(NavigationPolicy.Allow($"allowed.test:{fixture.Server.Port}"));
        using var blocks = new BlockRecorder(session);
        await session.NavigateAsync(fixture.Url("allowed.test", "/ep/ports"));

        var outcomes = await session.ActivePage.EvaluateAsync("tryAll()", awaitPromise: true);

        Assert.Equal(["error", "error", "error"], outcomes.EnumerateArray().Select(e => e.GetString()));
        var fetchBlock = await blocks.WaitAsync(e => e.Url == fetchUrl);
        var eventsBlock = await blocks.WaitAsync(e => e.Url == eventsUrl);
        var socketBlock = await blocks.WaitAsync(e => e.Url == $"allowed.test:{other.Port}");

        // The guard saw fetch and EventSource (Chromium labels both XHR in Fetch.requestPaused);
        // only the proxy saw the WebSocket.
        Assert.Contains(fetchBlock.ResourceType, new[] { "Fetch", "XHR" });
        Assert.Contains(eventsBlock.ResourceType, new[] { "EventSource", "XHR" });
        Assert.Equal("Other", socketBlock.ResourceType);
        Assert.Equal(0, other.HostHits("evil.test") + other.HostHits("allowed.test"));

        // Fetch and EventSource were refused by the guard and never connected; the WebSocket only
        // by the proxy. Closing the session reports anything still held: three refusals in all.
        await session.DisposeAsync();
        Assert.Equal(3, session.BlockedRequests.Subresources);
        Assert.Equal(3, session.BlockedRequests.Total);
        Assert.Equal(3, blocks.Events.Count);
    }

    [Fact]
    public async Task AllowedName_ResolvingToBlockedAddress_CannotBeReached()
    {
        // allowed.test resolves to 127.0.0.1 (host resolver rules), which the policy blocks.
        fixture.Server.MapHtml("/ep/resolved", "<title>resolved</title>");
        await using var session = await fixture.NewSessionAsync(new NavigationPolicy { AllowedDomains = ["allowed.test"], BlockedDomains = ["127.0.0.1"] });
        using var blocks = new BlockRecorder(session);

        var error = await Assert.ThrowsAnyAsync<NavigationException>(() => session.NavigateAsync(fixture.Url("allowed.test", "/ep/resolved")));

        Assert.Contains("SOCKS", error.Reason, StringComparison.Ordinal);
        var blocked = await blocks.WaitForHostAsync("allowed.test");
        Assert.Equal("127.0.0.1", blocked.Rule);
        Assert.Equal(BlockReason.BlockedDomain, blocked.Reason);
        Assert.Equal(0, fixture.Server.Hits("allowed.test", "/ep/resolved"));
    }

    [Fact]
    public async Task Proxy_ExistsOnlyForRestrictedSessions_AndClosesWithTheSession()
    {
        await using (var open = await fixture.NewSessionAsync())
        {
            Assert.Null(open.EgressProxy);
        }

        await using (var documentsOnly = await fixture.NewSessionAsync(Policy with { CheckSubresources = false }))
        {
            Assert.Null(documentsOnly.EgressProxy);
        }

        var session = await fixture.NewSessionAsync(new NavigationPolicy { BlockedDomains = ["evil.test"] });
        var endPoint = session.EgressProxy!.EndPoint;

        await session.DisposeAsync();

        await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endPoint);
        });
    }
}
