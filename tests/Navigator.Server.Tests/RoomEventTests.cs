using System.Net;
using System.Text.Json;
using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

[Collection(ServerCollection.Name)]
[Trait("Step", "10")]
public sealed class RoomEventTests(ServerFixture fixture)
{
    [Fact]
    public async Task TwoClientsOfARoom_ReceiveTheSameEventsInTheSameOrder_WithTheSeedShapes()
    {
        var url = fixture.Pages.MapSearchFlow("events");
        await using var first = await EventStream.ConnectAsync(fixture.Server.EventsUri("events-room"));
        await using var second = await EventStream.ConnectAsync(fixture.Server.EventsUri("events-room"));
        await using var client = await fixture.Server.ConnectAsync();
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

        await client.CallOkAsync("start_browser_session", new { room_name = "events-room", initial_url = url });
        await client.CallOkAsync("close_browser_session", new { room_name = "events-room" });

        var (firstClosed, firstBefore) = await first.WaitForAsync("session_closed");
        var (secondClosed, secondBefore) = await second.WaitForAsync("session_closed");
        var firstAll = firstBefore.Append(firstClosed).ToList();
        var secondAll = secondBefore.Append(secondClosed).ToList();
        Assert.Equal(firstAll.Select(e => e.GetRawText()), secondAll.Select(e => e.GetRawText()));

        var types = firstAll.Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["session_started", "page_navigation", "page_load_complete", "session_closed"], types);

        var started = firstAll[0];
        Assert.Equal("events-room", started.GetProperty("room_name").GetString());
        var navigation = firstAll[1];
        Assert.Equal(["type", "url", "timestamp"], navigation.EnumerateObject().Select(p => p.Name));
        Assert.Equal(url, navigation.GetProperty("url").GetString());
        var loaded = firstAll[2];
        Assert.Equal(["type", "url", "timestamp"], loaded.EnumerateObject().Select(p => p.Name));
        Assert.Equal(url, loaded.GetProperty("url").GetString());
        Assert.Equal("requested", firstClosed.GetProperty("reason").GetString());

        var timestamps = firstAll.Select(e => e.GetProperty("timestamp").GetDouble()).ToList();
        Assert.All(timestamps, t => Assert.InRange(t, before - 1, before + 120));
        Assert.Equal(timestamps.Order(), timestamps);
    }

    [Fact]
    public async Task TwoRooms_NeverSeeEachOthersEvents()
    {
        var url = fixture.Pages.MapSearchFlow("iso");
        await using var alpha = await EventStream.ConnectAsync(fixture.Server.EventsUri("iso-alpha"));
        await using var beta = await EventStream.ConnectAsync(fixture.Server.EventsUri("iso-beta"));
        await using var client = await fixture.Server.ConnectAsync();

        await client.CallOkAsync("start_browser_session", new { room_name = "iso-alpha", initial_url = url });
        await client.CallOkAsync("start_browser_session", new { room_name = "iso-beta" });
        await client.CallOkAsync("recover_browser_session", new { room_name = "iso-alpha", force = true });
        await client.CallOkAsync("close_browser_session", new { room_name = "iso-alpha" });
        await client.CallOkAsync("close_browser_session", new { room_name = "iso-beta" });

        var (_, alphaEvents) = await alpha.WaitForAsync("session_closed");
        var (_, betaEvents) = await beta.WaitForAsync("session_closed");
        Assert.Contains(alphaEvents, e => e.GetProperty("type").GetString() == "page_navigation");
        Assert.Equal(2, alphaEvents.Count(e => e.GetProperty("type").GetString() == "session_started"));
        Assert.Equal(["session_started"], betaEvents.Select(e => e.GetProperty("type").GetString()));
        Assert.All(betaEvents, e => Assert.Equal("iso-beta", e.GetProperty("room_name").GetString()));
        Assert.Empty(beta.Drain());
    }

    [Fact]
    public async Task ConnectionCounts_FollowClientsAndDisconnectedSocketsAreCleanedUp()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        async Task<int> CountAsync() =>
            JsonDocument.Parse(await http.GetStringAsync("/rooms/count-room/connections")).RootElement.GetProperty("connections").GetInt32();

        Assert.Equal(0, await CountAsync());
        var first = await EventStream.ConnectAsync(fixture.Server.EventsUri("count-room"));
        await using var second = await EventStream.ConnectAsync(fixture.Server.EventsUri("count-room"));
        Assert.Equal(2, await CountAsync());

        await first.DisposeAsync();
        await Navigator.Testing.Eventually.TrueAsync(() => CountAsync().Result == 1, TimeSpan.FromSeconds(5), "the closed socket to be removed");

        var health = JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement;
        Assert.True(health.GetProperty("event_connections").GetInt32() >= 1);
    }

    [Fact]
    public async Task EventsEndpoint_RejectsPlainHttpAndBadRoomNames()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };

        var plain = await http.GetAsync("/mcp/events/some-room");
        var badName = await http.GetAsync("/rooms/bad%20name/connections");

        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Equal("websocket_required", JsonDocument.Parse(await plain.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
    }

    [Fact]
    public async Task Health_ReportsSessionsPoolAndVersion()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        await using var client = await fixture.Server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "health-room" });
        try
        {
            var health = JsonDocument.Parse(await http.GetStringAsync("/health")).RootElement;

            Assert.Equal("ok", health.GetProperty("status").GetString());
            Assert.Equal("0.1.0", health.GetProperty("version").GetString());
            Assert.True(health.GetProperty("sessions").GetProperty("active").GetInt32() >= 1);
            Assert.Equal(20, health.GetProperty("sessions").GetProperty("max").GetInt32());
            Assert.Equal("ready", health.GetProperty("browser_pool").GetProperty("state").GetString());
            Assert.True(health.GetProperty("browser_pool").GetProperty("browsers").GetInt32() >= 1);
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "health-room" });
        }
    }
}
