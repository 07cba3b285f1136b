using System.Text.Json;
using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

/// <summary>Self-correction over MCP: the session policy, the per-call policy, the text and structured result, and the room events.</summary>
[Collection(ServerCollection.Name)]
[Trait("Step", "9")]
public sealed class SelfCorrectionToolTests(ServerFixture fixture)
{
    private const string CookiePage = """
        <html><head><title>Shop</title></head><body style="margin:0;font-family:sans-serif">
        <button id="buy" style="position:absolute;left:100px;top:1500px" onclick="document.title = 'bought'">Buy now</button>
        <div id="cookie-banner" style="position:fixed;inset:0;background:rgba(0,0,0,.4);z-index:10">
          <div style="position:absolute;left:0;right:0;bottom:0;background:#fff;padding:20px">
            We use cookies. <button onclick="document.getElementById('cookie-banner').remove()">Accept all</button>
          </div>
        </div></body></html>
        """;

    [Fact]
    public async Task A_session_in_auto_dismisses_the_banner_and_says_so_in_the_result_and_the_event()
    {
        fixture.Pages.MapHtml("/correct/auto", CookiePage);
        await using var client = await fixture.Server.ConnectAsync();
        await using var events = await EventStream.ConnectAsync(fixture.Server.EventsUri("correct-auto"));
        await client.CallOkAsync("start_browser_session", new { room_name = "correct-auto", initial_url = fixture.Pages.Url("/correct/auto"), self_correct = "auto" });
        try
        {
            var buy = await IndexOfAsync(client, "correct-auto", "Buy now");

            var call = await client.CallAsync("execute_action", new { room_name = "correct-auto", action_type = "click", @params = new { index = buy } });

            Assert.NotEqual(true, call.IsError);
            Assert.Contains("self-corrected after element_obscured: clicked \"Accept all\" (accept)", ToolCalls.Text(call), StringComparison.Ordinal);
            var correction = ToolCalls.Json(call).GetProperty("correction");
            Assert.Equal("dismiss_overlay", correction.GetProperty("succeeded").GetString());
            var (completed, _) = await events.WaitForAsync("action_completed");
            Assert.Equal("dismiss_overlay", completed.GetProperty("correction").GetProperty("succeeded").GetString());
            var context = await client.CallOkAsync("get_browser_context", new { room_name = "correct-auto" });
            Assert.Equal("bought", context.GetProperty("title").GetString());
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "correct-auto" });
        }
    }

    [Fact]
    public async Task A_call_in_suggest_fails_with_suggestions_in_the_text_and_the_action_error_event()
    {
        fixture.Pages.MapHtml("/correct/suggest", CookiePage);
        await using var client = await fixture.Server.ConnectAsync();
        await using var events = await EventStream.ConnectAsync(fixture.Server.EventsUri("correct-suggest"));
        await client.CallOkAsync("start_browser_session", new { room_name = "correct-suggest", initial_url = fixture.Pages.Url("/correct/suggest"), self_correct = "auto" });
        try
        {
            var buy = await IndexOfAsync(client, "correct-suggest", "Buy now");

            var text = await client.CallErrorAsync("execute_action", new { room_name = "correct-suggest", action_type = "click", @params = new { index = buy, self_correct = "suggest" } }, "element_obscured");

            Assert.Contains("Self-correction (suggest):", text, StringComparison.Ordinal);
            Assert.Contains("Suggestions:\n- click {\"index\": ", text, StringComparison.Ordinal);
            Assert.Contains("button \"Accept all\": dismisses the cookie/consent banner", text, StringComparison.Ordinal);
            var (error, _) = await events.WaitForAsync("action_error");
            var correction = error.GetProperty("correction");
            Assert.Contains("covered by the cookie/consent banner", correction.GetProperty("state_summary").GetString(), StringComparison.Ordinal);
            var suggestion = correction.GetProperty("suggestions")[0];
            Assert.Equal("Accept all", suggestion.GetProperty("name").GetString());
            Assert.Equal(JsonValueKind.Number, suggestion.GetProperty("index").ValueKind);
            var context = await client.CallOkAsync("get_browser_context", new { room_name = "correct-suggest" });
            Assert.Equal("Shop", context.GetProperty("title").GetString());

            await client.CallErrorAsync("execute_action", new { room_name = "correct-suggest", action_type = "click", @params = new { index = buy, self_correct = "sometimes" } }, "invalid_parameter");
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "correct-suggest" });
        }
    }

    [Fact]
    public async Task An_unknown_session_policy_is_refused()
    {
        await using var client = await fixture.Server.ConnectAsync();

        var text = await client.CallErrorAsync("start_browser_session", new { room_name = "correct-bad", self_correct = "maybe" }, "invalid_parameter");

        Assert.Contains("off, suggest, auto", text, StringComparison.Ordinal);
    }

    private static async Task<int> IndexOfAsync(ModelContextProtocol.Client.McpClient client, string room, string name)
    {
        var context = await client.CallOkAsync("get_browser_context", new { room_name = room, include_elements = true, mode = "full_page" });
        return context.GetProperty("elements").EnumerateArray().First(e => e.GetProperty("name").GetString() == name).GetProperty("index").GetInt32();
    }
}
