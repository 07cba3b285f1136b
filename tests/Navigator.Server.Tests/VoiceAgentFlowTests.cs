using System.Text.Json;
using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

[Collection(ServerCollection.Name)]
[Trait("Step", "10")]
public sealed class VoiceAgentFlowTests(ServerFixture fixture)
{
    public static int IndexOf(JsonElement context, string name) =>
        context.GetProperty("elements").EnumerateArray().First(e => e.GetProperty("name").GetString() == name).GetProperty("index").GetInt32();

    [Fact]
    public async Task FullFlow_StartReadTypeClickNavigateClose_WithEventsInOrderOnTwoClients()
    {
        var url = fixture.Pages.MapSearchFlow("flow");
        await using var first = await EventStream.ConnectAsync(fixture.Server.EventsUri("flow-room"));
        await using var second = await EventStream.ConnectAsync(fixture.Server.EventsUri("flow-room"));
        await using var client = await fixture.Server.ConnectAsync();

        await client.CallOkAsync("start_browser_session", new { room_name = "flow-room", initial_url = url });
        var context = await client.CallOkAsync("get_browser_context", new { room_name = "flow-room", include_elements = true });
        var query = IndexOf(context, "Query");
        var search = IndexOf(context, "Search");

        var typed = await client.CallOkAsync("execute_action", new { room_name = "flow-room", action_type = "type", @params = new { index = query, text = "blue shoes" } });
        Assert.True(typed.GetProperty("success").GetBoolean());
        var clicked = await client.CallOkAsync("execute_action", new { room_name = "flow-room", action_type = "click", @params = new { index = search } });
        Assert.True(clicked.GetProperty("navigated").GetBoolean());
        Assert.Equal("Results for blue shoes", clicked.GetProperty("title").GetString());
        Assert.Equal(1, fixture.Pages.Hits("/flow/result"));

        var other = fixture.Pages.Url("/flow/other");
        var navigated = await client.CallOkAsync("execute_action", new { room_name = "flow-room", action_type = "navigate", @params = new { url = other } });
        Assert.Equal(other, navigated.GetProperty("url").GetString());
        var after = await client.CallOkAsync("get_browser_context", new { room_name = "flow-room" });
        Assert.Equal("Other page", after.GetProperty("title").GetString());
        await client.CallOkAsync("close_browser_session", new { room_name = "flow-room" });

        var (_, firstEvents) = await first.WaitForAsync("session_closed");
        var (_, secondEvents) = await second.WaitForAsync("session_closed");
        Assert.Equal(firstEvents.Select(e => e.GetRawText()), secondEvents.Select(e => e.GetRawText()));

        // dom_change may interleave; the rest must come in this order.
        var main = firstEvents.Where(e => e.GetProperty("type").GetString() != "dom_change")
            .Select(e => (e.GetProperty("type").GetString(), e.TryGetProperty("url", out var u) ? u.GetString() : e.GetProperty("action").GetProperty("action_type").GetString()))
            .ToList();
        var result = fixture.Pages.Url("/flow/result") + "?q=blue+shoes";
        Assert.Equal<(string?, string?)>(
        [
            ("session_started", url), ("page_navigation", url), ("page_load_complete", url),
            ("action_completed", url),
            ("page_navigation", result), ("page_load_complete", result), ("action_completed", result),
            ("page_navigation", other), ("page_load_complete", other), ("action_completed", other),
        ], main);
        var typedEvent = firstEvents.First(e => e.GetProperty("type").GetString() == "action_completed");
        Assert.Equal("type", typedEvent.GetProperty("action").GetProperty("action_type").GetString());
        Assert.Equal("blue shoes", typedEvent.GetProperty("action").GetProperty("params").GetProperty("text").GetString());
    }

    [Fact]
    public async Task ActionFailures_AreToolErrorsWithCodes_AndActionErrorEvents()
    {
        var url = fixture.Pages.MapSearchFlow("fail");
        await using var events = await EventStream.ConnectAsync(fixture.Server.EventsUri("fail-room"));
        await using var client = await fixture.Server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "fail-room", initial_url = url });
        await client.CallOkAsync("get_browser_context", new { room_name = "fail-room" });
        try
        {
            var missing = await client.CallErrorAsync("execute_action", new { room_name = "fail-room", action_type = "click", @params = new { index = 999 } }, "element_not_found");
            Assert.Contains("Page: " + url, missing, StringComparison.Ordinal);
            var (error, _) = await events.WaitForAsync("action_error");
            Assert.Equal("element_not_found", error.GetProperty("error_code").GetString());
            Assert.Equal(999, error.GetProperty("action").GetProperty("params").GetProperty("index").GetInt32());

            var unknown = await client.CallErrorAsync("execute_action", new { room_name = "fail-room", action_type = "teleport" }, "unknown_action");
            Assert.Contains("navigate", unknown, StringComparison.Ordinal);
            await client.CallErrorAsync("execute_action", new { room_name = "fail-room", action_type = "click", @params = "index 5" }, "invalid_parameter");
            await client.CallErrorAsync("execute_action", new { room_name = "fail-room", action_type = "type", @params = new { index = 1 } }, "missing_parameter");
            await client.CallErrorAsync("execute_action", new { room_name = "fail-room", @params = new { } }, "missing_parameter");
            await client.CallErrorAsync("execute_action", new { room_name = "fail-room", action_type = "type", @params = new { index = 1, text = new string('x', 2_000_000) } }, "invalid_parameter");
            await client.CallErrorAsync("execute_action", new { room_name = "nobody", action_type = "refresh" }, "room_not_found");
            await client.CallErrorAsync("execute_action", new { room_name = "fail-room", action_type = "navigate", @params = new { url = "file:///etc/passwd" } }, "navigation_blocked");

            // After all that, the room still works.
            var ok = await client.CallOkAsync("execute_action", new { room_name = "fail-room", action_type = "refresh" });
            Assert.True(ok.GetProperty("success").GetBoolean());
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "fail-room" });
        }

        await client.CallErrorAsync("execute_action", new { room_name = "fail-room", action_type = "refresh" }, "room_not_found");
    }

    [Fact]
    public async Task ScreenshotAction_ReturnsImageContent_NotBase64InTheJson()
    {
        var url = fixture.Pages.MapSearchFlow("shotaction");
        await using var client = await fixture.Server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "shot-action", initial_url = url });
        try
        {
            var result = await client.CallAsync("execute_action", new { room_name = "shot-action", action_type = "screenshot" });

            Assert.NotEqual(true, result.IsError);
            var image = Assert.Single(result.Content.OfType<ModelContextProtocol.Protocol.ImageContentBlock>());
            Assert.Equal("image/png", image.MimeType);
            Assert.Equal(0x89, image.DecodedData.Span[0]);
            Assert.False(ToolCalls.Json(result).TryGetProperty("screenshot_base64", out _));
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "shot-action" });
        }
    }

    [Fact]
    public async Task ActionsOfOneRoomRunInOrder_WhileRoomsRunInParallel()
    {
        var url = fixture.Pages.MapSearchFlow("serial");
        await using var client = await fixture.Server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "serial-a", initial_url = url });
        await client.CallOkAsync("start_browser_session", new { room_name = "serial-b", initial_url = url });
        try
        {
            var calls = new List<Task<ModelContextProtocol.Protocol.CallToolResult>>();
            for (var i = 0; i < 3; i++)
            {
                calls.Add(client.CallAsync("execute_action", new { room_name = "serial-a", action_type = "wait", @params = new { seconds = 0.5 } }));
                calls.Add(client.CallAsync("execute_action", new { room_name = "serial-b", action_type = "wait", @params = new { seconds = 0.5 } }));
            }

            var started = DateTime.UtcNow;
            var results = await Task.WhenAll(calls);
            var elapsed = DateTime.UtcNow - started;

            Assert.All(results, r => Assert.NotEqual(true, r.IsError));

            // Three 0.5 s waits per room serialised (>= 1.5 s); the two rooms overlapping (all six in a row would be >= 3 s).
            Assert.InRange(elapsed.TotalSeconds, 1.45, 2.9);
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "serial-a" });
            await client.CallOkAsync("close_browser_session", new { room_name = "serial-b" });
        }
    }
}
