using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

[Collection(ServerCollection.Name)]
[Trait("Step", "10")]
public sealed class AllowlistTests(ServerFixture fixture)
{
    [Fact]
    public async Task AllowedDomains_BlockAPageLeavingThem_AndTheRoomHearsNavigationBlocked()
    {
        var port = fixture.Pages.Port;
        fixture.Pages.MapHtml("/allow/start", $"""
            <html><head><title>Start</title></head><body>
            <script>window.addEventListener('load', () => setTimeout(() => location.href = 'http://localhost:{port}/allow/elsewhere', 50));</script>
            </body></html>
            """);
        fixture.Pages.MapHtml("/allow/elsewhere", "<title>Elsewhere</title>");
        await using var events = await EventStream.ConnectAsync(fixture.Server.EventsUri("allow-room"));
        await using var client = await fixture.Server.ConnectAsync();

        var started = await client.CallOkAsync("start_browser_session", new
        {
            room_name = "allow-room",
            initial_url = fixture.Pages.Url("/allow/start"),
            allowed_domains = new[] { "127.0.0.1" },
        });
        try
        {
            Assert.Equal(["127.0.0.1"], started.GetProperty("allowed_domains").EnumerateArray().Select(d => d.GetString()));
            var (blocked, _) = await events.WaitForAsync("navigation_blocked");
            Assert.Equal($"http://localhost:{port}/allow/elsewhere", blocked.GetProperty("url").GetString());
            Assert.Equal("localhost", blocked.GetProperty("host").GetString());
            Assert.Contains("not in the allowed domains", blocked.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.True(blocked.GetProperty("is_main_frame").GetBoolean());
            Assert.Equal(0, fixture.Pages.HostHits("localhost"));

            // A rebuild keeps the policy.
            await client.CallOkAsync("recover_browser_session", new { room_name = "allow-room", force = true });
            await events.WaitForAsync("navigation_blocked");
            Assert.Equal(0, fixture.Pages.HostHits("localhost"));
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "allow-room" });
        }
    }
}
