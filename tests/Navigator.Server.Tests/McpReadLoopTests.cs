using Navigator.Testing;
using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

/// <summary>The agent's basic loop through the real MCP server: navigate, then read, many times.</summary>
[Collection(ServerCollection.Name)]
[Trait("Step", "10")]
[Trait("Step", "Soak")]
public sealed class McpReadLoopTests(ServerFixture fixture)
{
    [Fact]
    public async Task NavigateThenRead_OnTheFormPage_HundredCycles_NoCrashAndSameElementCount()
    {
        fixture.Pages.MapHtml("/loop/form", ReproductionPages.ListenerForm);
        await using var client = await fixture.Server.ConnectAsync();
        const string room = "read-loop-room";
        await client.CallOkAsync("start_browser_session", new { room_name = room });
        try
        {
            int? expected = null;
            for (var i = 0; i < 100; i++)
            {
                await client.CallOkAsync("execute_action", new { room_name = room, action_type = "navigate", @params = new { url = fixture.Pages.Url($"/loop/form?i={i}") } });
                var context = await client.CallOkAsync("get_browser_context", new { room_name = room, mode = i % 2 == 0 ? "viewport" : "full_page" });
                var count = context.GetProperty("element_count").GetInt32();
                expected ??= count;
                Assert.True(count == expected && count > 0, $"cycle {i}: element_count {count}, first {expected}");
            }
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = room });
        }
    }
}
