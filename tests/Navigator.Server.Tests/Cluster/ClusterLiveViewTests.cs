using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using Navigator.Server.Tests.Infrastructure;
using Navigator.Testing;

namespace Navigator.Server.Tests.Cluster;

/// <summary>The live view's WebSocket for a room on node A, opened on node B: proxied to A, both ways, refusals included.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterLiveViewTests(ClusterFixture fixture)
{
    private const string ApiKey = "cluster-live-view-key";

    [Fact]
    public async Task TheLiveSocketOfARoomOnA_OpenedOnB_ShowsFramesAndEvents_TakesControl_AndRefusesAsAWould()
    {
        const string room = "cluster-live";
        await using var a = await NavigatorTestServer.StartAsync(Settings());
        await using var b = await NavigatorTestServer.StartAsync(Settings());
        await ClusterFixture.WaitForNodesAsync(a, 2);
        await ClusterFixture.WaitForNodesAsync(b, 2);
        fixture.Pages.MapHtml("/cluster/live", "<title>live</title><p style=\"font-size:40px\">watched</p>");
        await using var agent = await a.ConnectAsync(ApiKey);
        await agent.CallOkAsync("start_browser_session", new { room_name = room, initial_url = fixture.Pages.Url("/cluster/live"), fps = 10 });
        try
        {
            Assert.True(a.Sessions.Holds(room));
            await using var events = await EventStream.ConnectAsync(a.EventsUri(room), bearer: ApiKey);
            var path = $"/rooms/{room}/live/socket";

            await using (var viewer = await EventStream.ConnectAsync(new Uri($"ws://{b.BaseAddress.Authority}{path}"), bearer: ApiKey))
            {
                Assert.Equal("agent", (await viewer.WaitForAsync("viewer_hello")).Match.GetProperty("holder").GetString());
                await Eventually.TrueAsync(() => viewer.Frames > 0, TimeSpan.FromSeconds(15), "a frame through B");
                Assert.Equal([0xFF, 0xD8], viewer.LastFrame![..2]);

                await viewer.SendAsync("""{"type":"take_control"}""");
                await viewer.WaitForAsync("control_granted");
                var taken = (await events.WaitForAsync("control_changed")).Match;
                Assert.Equal(("human", "taken"), (taken.GetProperty("holder").GetString(), taken.GetProperty("reason").GetString()));
                Assert.False(b.Sessions.Holds(room));

                // A's refusals reach a client of B unchanged: too many viewers (A's limit is one), a wrong key.
                var onA = await UpgradeAsync(a, path, Bearer(ApiKey));
                Assert.Equal(HttpStatusCode.TooManyRequests, onA.Status);
                Assert.Contains("too_many_viewers", onA.Body, StringComparison.Ordinal);
                Assert.Equal(onA, await UpgradeAsync(b, path, Bearer(ApiKey)));
                var wrongOnA = await UpgradeAsync(a, path, Bearer("not-the-key"));
                Assert.Equal(HttpStatusCode.Unauthorized, wrongOnA.Status);
                Assert.Equal(wrongOnA, await UpgradeAsync(b, path, Bearer("not-the-key")));

                // A WebSocket client refused through B fails its connect with the status; it is not left hanging.
                using var refused = new ClientWebSocket();
                refused.Options.SetRequestHeader("Authorization", "Bearer " + ApiKey);
                refused.Options.CollectHttpResponseDetails = true;
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await Assert.ThrowsAsync<WebSocketException>(() => refused.ConnectAsync(new Uri($"ws://{b.BaseAddress.Authority}{path}"), timeout.Token));
                Assert.Equal(HttpStatusCode.TooManyRequests, refused.HttpStatusCode);
            }

            // The viewer on B closed: A hears it left and gives control back to the agent.
            var left = (await events.WaitForAsync("control_changed")).Match;
            Assert.Equal(("agent", "viewer_left"), (left.GetProperty("holder").GetString(), left.GetProperty("reason").GetString()));

            // A browser opens the page on B (served by A) and its socket with the ticket cookie A issued:
            // tickets hold on every node, and the cookie still needs the page's own origin.
            var cookie = await TicketCookieAsync(b, room);
            var otherSite = await UpgradeAsync(b, path, headers =>
            {
                headers.Add("Cookie", cookie);
                headers.Add("Origin", "http://elsewhere.example");
            });
            Assert.Equal(HttpStatusCode.Unauthorized, otherSite.Status);
            await using var page = await EventStream.ConnectAsync(new Uri($"ws://{b.BaseAddress.Authority}{path}"), configure: o =>
            {
                o.SetRequestHeader("Cookie", cookie);
                o.SetRequestHeader("Origin", $"http://{b.BaseAddress.Authority}");
            });
            await page.WaitForAsync("viewer_hello");
        }
        finally
        {
            await agent.CallAsync("close_browser_session", new { room_name = room });
        }
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = ClusterFixture.NodeSettings(fixture.Redis, RedisProcess.FreePort(), "live:");
        settings["Server:ApiKey"] = ApiKey;
        settings["Sessions:WarmUpOnStart"] = "false";
        settings["LiveView:MaxViewersPerRoom"] = "1";
        return settings;
    }

    private static Action<HttpRequestHeaders> Bearer(string key) => headers => headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

    /// <summary>The <c>navigator_live=...</c> cookie the live view page sets when opened with the API key.</summary>
    private static async Task<string> TicketCookieAsync(NavigatorTestServer node, string room)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync(new Uri(node.BaseAddress, $"/rooms/{room}/live?access_token={ApiKey}"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    /// <summary>A WebSocket upgrade that is expected to be refused: the status and body of the refusal.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> UpgradeAsync(NavigatorTestServer node, string path, Action<HttpRequestHeaders> credentials)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.BaseAddress, path));
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
        credentials(request.Headers);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.NotEqual(HttpStatusCode.SwitchingProtocols, response.StatusCode);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
