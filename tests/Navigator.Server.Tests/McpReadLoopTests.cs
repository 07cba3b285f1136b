using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

/// <summary>The agent's basic loop through the real MCP server: navigate, then read, many times.</summary>
[Collection(ServerCollection.Name)]
[Trait("Step", "10")]
[Trait("Step", "Soak")]
public sealed class McpReadLoopTests(ServerFixture fixture)
{
    // Issue 12's reproduction: the inline script's listener made the listener scan break the
    // renderer (element_count 0, then "renderer crashed, code 11") within a few cycles.
    private const string FormPage = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Form page</title></head>
        <body><h1>Form page</h1>
        <form id="f"><label>First name <input id="first" name="first"></label>
        <label>Country <select id="country"><option value="">Choose...</option><option value="fr">France</option></select></label>
        <label><input id="s" type="checkbox"> Subscribe</label><button type="submit">Submit</button></form>
        <p id="result" role="status">Not submitted</p>
        <script>document.getElementById('f').addEventListener('submit', (e) => { e.preventDefault(); });</script>
        </body></html>
        """;

    [Fact]
    public async Task NavigateThenRead_OnTheFormPage_HundredCycles_NoCrashAndSameElementCount()
    {
        fixture.Pages.MapHtml("/loop/form", FormPage);
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
