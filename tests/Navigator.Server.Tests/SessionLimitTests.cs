using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

[Trait("Step", "10")]
public sealed class SessionLimitTests
{
    [Fact]
    public async Task AFullServer_SaysCapacityReached_UntilASessionCloses()
    {
        await using var server = await NavigatorTestServer.StartAsync(new Dictionary<string, string?> { ["Sessions:MaxSessions"] = "2" });
        await using var client = await server.ConnectAsync();

        await client.CallOkAsync("start_browser_session", new { room_name = "cap-1" });
        await client.CallOkAsync("start_browser_session", new { room_name = "cap-2" });
        var full = await client.CallErrorAsync("start_browser_session", new { room_name = "cap-3" }, "capacity_reached");
        Assert.Contains("2 browser sessions", full, StringComparison.Ordinal);

        await client.CallOkAsync("close_browser_session", new { room_name = "cap-1" });
        await client.CallOkAsync("start_browser_session", new { room_name = "cap-3" });
        Assert.Equal(2, server.Sessions.Count);
    }

    [Fact]
    public async Task AnIdleRoom_IsClosedAfterTheTimeout_AndItsClientsHearWhy()
    {
        await using var server = await NavigatorTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Sessions:IdleTimeout"] = "00:00:01",
            ["Sessions:IdleSweepInterval"] = "00:00:00.2",
        });
        await using var events = await EventStream.ConnectAsync(server.EventsUri("idle-room"));
        await using var client = await server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "idle-room" });
        await client.CallOkAsync("start_browser_session", new { room_name = "busy-room" });

        // Keep one room busy past the timeout; only the other may be closed.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(1.6);
        while (DateTime.UtcNow < deadline)
        {
            await client.CallOkAsync("get_browser_context", new { room_name = "busy-room" });
        }

        var (closed, _) = await events.WaitForAsync("session_closed", timeout: TimeSpan.FromSeconds(10));
        Assert.Equal("idle_timeout", closed.GetProperty("reason").GetString());
        await client.CallErrorAsync("get_browser_context", new { room_name = "idle-room" }, "room_not_found");
        Assert.Contains(server.Sessions.List(), s => s.RoomName == "busy-room");
    }

    [Fact]
    public async Task Shutdown_ClosesEveryRoom_TellsTheirClients_AndStopsChromium()
    {
        var server = await NavigatorTestServer.StartAsync();
        await using var events = await EventStream.ConnectAsync(server.EventsUri("shutdown-room"));
        await using (var client = await server.ConnectAsync())
        {
            await client.CallOkAsync("start_browser_session", new { room_name = "shutdown-room" });
        }

        var pids = server.Sessions.Pool.ProcessIds.SelectMany(Navigator.Browser.Diagnostics.ProcessTree.Descendants).ToList();
        Assert.NotEmpty(pids);

        await server.DisposeAsync();

        var (closed, _) = await events.WaitForAsync("session_closed");
        Assert.Equal("server_shutdown", closed.GetProperty("reason").GetString());
        await events.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, events.CloseStatus);
        await Navigator.Testing.Eventually.TrueAsync(() => pids.All(p => !Directory.Exists($"/proc/{p}")), TimeSpan.FromSeconds(10), "every chromium process to exit");
    }
}
