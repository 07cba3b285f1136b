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
                var onA = await UpgradeAsync(a, path, ApiKey);
                Assert.Equal(HttpStatusCode.TooManyRequests, onA.Status);
                Assert.Contains("too_many_viewers", onA.Body, StringComparison.Ordinal);
                Assert.Equal(onA, await UpgradeAsync(b, path, ApiKey));
                var wrongOnA = await UpgradeAsync(a, path, "not-the-key");
                Assert.Equal(HttpStatusCode.Unauthorized, wrongOnA.Status);
                Assert.Equal(wrongOnA, await UpgradeAsync(b, path, "not-the-key"));

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

    /// <summary>A WebSocket upgrade that is expected to be refused: the status and body of the refusal.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> UpgradeAsync(NavigatorTestServer node, string path, string apiKey)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.BaseAddress, path));
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.NotEqual(HttpStatusCode.SwitchingProtocols, response.StatusCode);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
