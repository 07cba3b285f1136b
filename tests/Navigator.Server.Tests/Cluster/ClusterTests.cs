using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Navigator.Cluster;
using Navigator.Server.Tests.Infrastructure;
using Navigator.Testing;
using StackExchange.Redis;

namespace Navigator.Server.Tests.Cluster;

/// <summary>Three nodes sharing rooms through a real Redis: routing, placement, events across nodes, one session per room, a Redis restart.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTests(ClusterFixture fixture)
{
    [Fact]
    public async Task RoomStartedThroughA_IsUsedThroughB_WhileAWebSocketOnCGetsItsEventsInOrder()
    {
        const string room = "cluster-abc";
        fixture.Pages.MapHtml("/cluster/one", "<title>one</title><p>first page</p>");
        fixture.Pages.MapHtml("/cluster/two", "<title>two</title><p>second page</p>");
        var second = fixture.Pages.Url("/cluster/two");
        await using var events = await EventStream.ConnectAsync(fixture.C.EventsUri(room));
        await using var a = await fixture.A.ConnectAsync();
        await using var b = await fixture.B.ConnectAsync();

        var started = await a.CallOkAsync("start_browser_session", new { room_name = room, initial_url = fixture.Pages.Url("/cluster/one") });
        try
        {
            // All nodes empty: A keeps the room (least loaded, itself on a tie) and says so.
            Assert.Equal(fixture.A.BaseAddress.ToString().TrimEnd('/'), started.GetProperty("node_url").GetString());
            Assert.True(fixture.A.Sessions.Holds(room));

            var context = await b.CallOkAsync("get_browser_context", new { room_name = room });
            Assert.Equal("one", context.GetProperty("title").GetString());
            await b.CallOkAsync("execute_action", new { room_name = room, action_type = "navigate", @params = new { url = second } });
            Assert.Equal("two", (await b.CallOkAsync("get_browser_context", new { room_name = room })).GetProperty("title").GetString());
            Assert.False(fixture.B.Sessions.Holds(room));

            var (sessionStarted, _) = await events.WaitForAsync("session_started");
            Assert.Equal(room, sessionStarted.GetProperty("room_name").GetString());
            var (navigated, between) = await events.WaitForAsync("action_completed", e => e.GetProperty("action").GetProperty("action_type").GetString() == "navigate");
            Assert.Contains(between, e => e.GetProperty("type").GetString() == "page_navigation" && e.GetProperty("url").GetString() == second);
            var stamps = new[] { sessionStarted }.Concat(between).Append(navigated).Select(e => e.GetProperty("timestamp").GetDouble()).ToList();
            Assert.Equal(stamps.Order(), stamps);

            // A second room started through A goes to a less loaded node.
            var other = await a.CallOkAsync("start_browser_session", new { room_name = room + "-2" });
            Assert.NotEqual(started.GetProperty("node_url").GetString(), other.GetProperty("node_url").GetString());
            await a.CallOkAsync("close_browser_session", new { room_name = room + "-2" });
        }
        finally
        {
            await b.CallAsync("close_browser_session", new { room_name = room });
        }

        await events.WaitForAsync("session_closed");
        Assert.DoesNotContain(fixture.Nodes, n => n.Sessions.Holds(room));
    }

    [Fact]
    public async Task ConcurrentStartsOfOneRoomOnTwoNodes_GiveOneSession_AndRoomExists()
    {
        const string room = "cluster-race";
        await using var a = await fixture.A.ConnectAsync();
        await using var b = await fixture.B.ConnectAsync();
        var results = await Task.WhenAll(
            a.CallAsync("start_browser_session", new { room_name = room }),
            b.CallAsync("start_browser_session", new { room_name = room }));
        try
        {
            Assert.Single(results, r => r.IsError != true);
            var refused = Assert.Single(results, r => r.IsError == true);
            Assert.StartsWith("Error room_exists: ", ToolCalls.Text(refused), StringComparison.Ordinal);
            Assert.Single(fixture.Nodes, n => n.Sessions.Holds(room));
        }
        finally
        {
            await a.CallAsync("close_browser_session", new { room_name = room });
        }
    }

    [Fact]
    public async Task ANodeAtItsLimit_TakesNoNewRoom_AndAFullClusterSaysCapacityReached()
    {
        Dictionary<string, string?> Settings()
        {
            var settings = ClusterFixture.NodeSettings(fixture.Redis, RedisProcess.FreePort(), "full:");
            settings["Sessions:MaxSessions"] = "1";
            settings["Sessions:WarmUpOnStart"] = "false";
            return settings;
        }

        await using var first = await NavigatorTestServer.StartAsync(Settings());
        await using var second = await NavigatorTestServer.StartAsync(Settings());
        await ClusterFixture.WaitForNodesAsync(first, 2);
        await using var client = await first.ConnectAsync();

        var one = await client.CallOkAsync("start_browser_session", new { room_name = "cluster-full-1" });
        var two = await client.CallOkAsync("start_browser_session", new { room_name = "cluster-full-2" });
        Assert.Equal(first.BaseAddress.ToString().TrimEnd('/'), one.GetProperty("node_url").GetString());
        Assert.Equal(second.BaseAddress.ToString().TrimEnd('/'), two.GetProperty("node_url").GetString());

        // Both nodes full: the start is refused before any browser work, with the cluster-wide reason.
        await ClusterFixture.WaitForNodesAsync(first, 2);
        var refused = await client.CallErrorAsync("start_browser_session", new { room_name = "cluster-full-3" }, "capacity_reached");
        Assert.Contains("Every node", refused, StringComparison.Ordinal);

        await client.CallOkAsync("close_browser_session", new { room_name = "cluster-full-1" });
        await client.CallOkAsync("close_browser_session", new { room_name = "cluster-full-2" });
    }

    [Fact]
    public async Task ARequestBetweenNodesWithAWrongClusterKey_IsRefused()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        const string call = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_browser_sessions","arguments":{}}}""";

        using var wrong = McpPost(fixture.B.McpEndpoint, call, "not-the-cluster-key-at-all");
        using var refused = await http.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("cluster_key_invalid", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        using var wrongGet = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.B.BaseAddress, "/rooms/any-room/connections"));
        wrongGet.Headers.Add("X-Navigator-Cluster-Key", "not-the-cluster-key-at-all");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(wrongGet)).StatusCode);

        using var right = McpPost(fixture.B.McpEndpoint, call, ClusterFixture.Key);
        using var served = await http.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("\"result\"", await served.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARedisRestart_LosesNoRoom()
    {
        const string room = "cluster-redis-restart";
        await using var a = await fixture.A.ConnectAsync();
        var started = await a.CallOkAsync("start_browser_session", new { room_name = room });
        try
        {
            var owner = fixture.Nodes.Single(n => n.Sessions.Holds(room));
            var elsewhere = fixture.Nodes.First(n => n != owner);
            await using var events = await EventStream.ConnectAsync(elsewhere.EventsUri(room));

            await fixture.Redis.RestartAsync(TimeSpan.FromSeconds(1));

            // The owner writes its room back into the empty Redis, and the other nodes find it again.
            await Until.TrueAsync(() => RoomRecordedAsync("main:", room), TimeSpan.FromSeconds(30), "the room written back into Redis");
            foreach (var node in fixture.Nodes)
            {
                await ClusterFixture.WaitForNodesAsync(node, 3);
            }

            Assert.Equal(owner.Services.GetRequiredService<ClusterConnection>().NodeId, await OwnerOfAsync("main:", room));
            fixture.Pages.MapHtml("/cluster/after-restart", "<title>after</title>");
            await using var client = await elsewhere.ConnectAsync();
            await client.CallOkAsync("execute_action", new { room_name = room, action_type = "navigate", @params = new { url = fixture.Pages.Url("/cluster/after-restart") } });
            Assert.Equal("after", (await client.CallOkAsync("get_browser_context", new { room_name = room })).GetProperty("title").GetString());
            Assert.True(owner.Sessions.Holds(room));
            Assert.Equal(owner.BaseAddress.ToString().TrimEnd('/'), started.GetProperty("node_url").GetString());

            // Event subscriptions came back with Redis: the other node's WebSocket hears the action.
            await events.WaitForAsync("action_completed");
        }
        finally
        {
            await a.CallAsync("close_browser_session", new { room_name = room });
        }
    }

    private async Task<bool> RoomRecordedAsync(string prefix, string room) => await OwnerOfAsync(prefix, room) is not null;

    private async Task<string?> OwnerOfAsync(string prefix, string room)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.ConnectionString);
        return await redis.GetDatabase().HashGetAsync(prefix + "room:" + room, "owner");
    }

    private static HttpRequestMessage McpPost(Uri endpoint, string json, string clusterKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Accept", "application/json, text/event-stream");
        request.Headers.Add("X-Navigator-Cluster-Key", clusterKey);
        return request;
    }
}
