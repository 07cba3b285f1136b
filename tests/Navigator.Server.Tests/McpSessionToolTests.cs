using System.Text.Json;
using ModelContextProtocol.Protocol;
using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

[Collection(ServerCollection.Name)]
[Trait("Step", "10")]
public sealed class McpSessionToolTests(ServerFixture fixture)
{
    private static readonly string[] LifecycleTools =
    [
        "start_browser_session", "get_browser_context", "pause_browser_session", "resume_browser_session",
        "close_browser_session", "recover_browser_session", "list_browser_sessions", "execute_action",
    ];

    [Fact]
    public async Task ToolsList_NamesEveryToolWithDescriptionsOnToolsAndParameters()
    {
        await using var client = await fixture.Server.ConnectAsync();

        var tools = await client.ListToolsAsync();

        var names = tools.Select(t => t.Name).ToList();
        foreach (var expected in LifecycleTools)
        {
            Assert.Contains(expected, names);
        }

        foreach (var tool in tools)
        {
            Assert.False(string.IsNullOrWhiteSpace(tool.Description), $"{tool.Name} has no description");
            var schema = tool.ProtocolTool.InputSchema;
            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in properties.EnumerateObject())
                {
                    Assert.True(property.Value.TryGetProperty("description", out var d) && d.GetString()!.Length > 10, $"{tool.Name}.{property.Name} has no description");
                }
            }
        }

        var start = tools.Single(t => t.Name == "start_browser_session").ProtocolTool.InputSchema;
        var parameters = start.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            ["room_name", "initial_url", "viewport_width", "viewport_height", "fps", "allowed_domains", "headless", "livekit_url", "livekit_token", "self_correct"],
            parameters);
        Assert.Equal(["room_name"], start.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Lifecycle_StartReadPauseResumeClose_ReflectsThePage()
    {
        var url = fixture.Pages.MapSearchFlow("life");
        await using var client = await fixture.Server.ConnectAsync();
        const string room = "life-room";

        var started = await client.CallOkAsync("start_browser_session", new
        {
            room_name = room,
            initial_url = url,
            viewport_width = 1024,
            viewport_height = 600,
            fps = 5,
            livekit_url = "wss://livekit.example.test",
            livekit_token = "secret-token-value",
        });
        Assert.Equal(room, started.GetProperty("room_name").GetString());
        Assert.Equal("active", started.GetProperty("status").GetString());
        Assert.Equal(1024, started.GetProperty("viewport_width").GetInt32());
        Assert.Equal(5, started.GetProperty("fps").GetInt32());
        Assert.True(started.GetProperty("has_livekit_token").GetBoolean());
        Assert.DoesNotContain("secret-token-value", started.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("/mcp/events/life-room", started.GetProperty("events_path").GetString());
        Assert.Equal(1, fixture.Pages.Hits("/life/form"));

        var context = await client.CallOkAsync("get_browser_context", new { room_name = room });
        Assert.Equal(url, context.GetProperty("url").GetString());
        Assert.Equal("Search form", context.GetProperty("title").GetString());
        Assert.Equal("complete", context.GetProperty("ready_state").GetString());
        Assert.Equal(1, context.GetProperty("tabs").GetArrayLength());
        var text = context.GetProperty("text").GetString()!;
        Assert.Contains("Find something", text, StringComparison.Ordinal);
        Assert.Matches(@"\[\d+\][^\n]*Search", text);
        Assert.Matches(@"\[\d+\][^\n]*Query", text);
        Assert.True(context.GetProperty("element_count").GetInt32() >= 3);
        Assert.False(context.TryGetProperty("elements", out _));
        var withElements = await client.CallOkAsync("get_browser_context", new { room_name = room, include_elements = true, mode = "full_page" });
        Assert.Contains(withElements.GetProperty("elements").EnumerateArray(), e => e.GetProperty("name").GetString() == "Search");
        await client.CallErrorAsync("get_browser_context", new { room_name = room, mode = "everything" }, "invalid_parameter");

        var listed = await client.CallOkAsync("list_browser_sessions");
        var entry = listed.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("room_name").GetString() == room);
        Assert.Equal(url, entry.GetProperty("url").GetString());
        Assert.DoesNotContain("secret-token-value", listed.GetRawText(), StringComparison.Ordinal);

        var paused = await client.CallOkAsync("pause_browser_session", new { room_name = room });
        Assert.True(paused.GetProperty("paused").GetBoolean());
        Assert.Equal("paused", paused.GetProperty("status").GetString());
        var resumed = await client.CallOkAsync("resume_browser_session", new { room_name = room });
        Assert.False(resumed.GetProperty("paused").GetBoolean());
        Assert.Equal("active", resumed.GetProperty("status").GetString());

        var browserSession = await fixture.Server.Sessions.RunAsync(room, (r, _) => Task.FromResult(r.Browser!), requireHealthy: true, CancellationToken.None);
        var contextsBefore = browserSession.Browser.SessionCount;
        var closed = await client.CallOkAsync("close_browser_session", new { room_name = room });
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.True(browserSession.IsClosed);
        Assert.Equal(contextsBefore - 1, browserSession.Browser.SessionCount);

        var after = await client.CallOkAsync("list_browser_sessions");
        Assert.DoesNotContain(after.GetProperty("sessions").EnumerateArray(), s => s.GetProperty("room_name").GetString() == room);
        await client.CallErrorAsync("get_browser_context", new { room_name = room }, "room_not_found");
        await client.CallErrorAsync("close_browser_session", new { room_name = room }, "room_not_found");
    }

    [Fact]
    public async Task GetBrowserContext_WithScreenshot_ReturnsJpegImageContent()
    {
        var url = fixture.Pages.MapSearchFlow("shot");
        await using var client = await fixture.Server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "shot-room", initial_url = url, viewport_width = 800, viewport_height = 600 });
        try
        {
            var result = await client.CallAsync("get_browser_context", new { room_name = "shot-room", include_screenshot = true });

            Assert.NotEqual(true, result.IsError);
            var image = Assert.Single(result.Content.OfType<ImageContentBlock>());
            Assert.Equal("image/jpeg", image.MimeType);
            var bytes = image.DecodedData.ToArray();
            Assert.True(bytes.Length > 1000);
            Assert.Equal(0xFF, bytes[0]);
            Assert.Equal(0xD8, bytes[1]);
            Assert.True(ToolCalls.Json(result).GetProperty("screenshot").GetBoolean());
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "shot-room" });
        }
    }

    [Fact]
    public async Task Recover_LeavesAHealthySessionAlone_AndRebuildsOnForceWithUrlAndCookies()
    {
        fixture.Pages.Map("/recover/page", context =>
        {
            context.Response.Headers.SetCookie = "agent=remembered; Path=/; Max-Age=3600";
            context.Response.ContentType = "text/html";
            var cookie = context.Request.Headers.Cookie.ToString();
            return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, $"<title>cookie:{cookie}</title>");
        });
        var url = fixture.Pages.Url("/recover/page");
        await using var client = await fixture.Server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "recover-room", initial_url = url });
        try
        {
            var healthy = await client.CallOkAsync("recover_browser_session", new { room_name = "recover-room" });
            Assert.False(healthy.GetProperty("rebuilt").GetBoolean());
            var oldBrowser = fixture.Server.Sessions.GetState("recover-room");

            // Give the cookie snapshot taken after load a moment to land, as a crash would find it.
            await Navigator.Testing.Eventually.TrueAsync(
                () => fixture.Server.Sessions.GetState("recover-room").Cookies.Any(c => c.Name == "agent"),
                TimeSpan.FromSeconds(5), "the cookie snapshot");
            var rebuilt = await client.CallOkAsync("recover_browser_session", new { room_name = "recover-room", force = true });

            Assert.True(rebuilt.GetProperty("rebuilt").GetBoolean());
            Assert.Equal(1, rebuilt.GetProperty("session").GetProperty("recoveries").GetInt32());
            Assert.Equal(url, rebuilt.GetProperty("session").GetProperty("url").GetString());
            var context = await client.CallOkAsync("get_browser_context", new { room_name = "recover-room" });
            Assert.Equal("cookie:agent=remembered", context.GetProperty("title").GetString());
            Assert.Equal(2, fixture.Pages.Hits("/recover/page"));
            Assert.Equal(oldBrowser.CreatedAt, fixture.Server.Sessions.GetState("recover-room").CreatedAt);
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "recover-room" });
        }
    }

    [Fact]
    public async Task SecondStartForTheSameRoom_IsRoomExists_AndTheFirstSessionKeepsWorking()
    {
        var url = fixture.Pages.MapSearchFlow("dup");
        await using var client = await fixture.Server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "dup-room", initial_url = url });
        try
        {
            var error = await client.CallErrorAsync("start_browser_session", new { room_name = "dup-room" }, "room_exists");
            Assert.Contains("dup-room", error, StringComparison.Ordinal);

            var context = await client.CallOkAsync("get_browser_context", new { room_name = "dup-room" });
            Assert.Equal(url, context.GetProperty("url").GetString());
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "dup-room" });
        }
    }

    [Fact]
    public async Task ParallelStarts_OfDifferentRooms_AllSucceed_AndConcurrentStartsOfOneRoomYieldOneSession()
    {
        var url = fixture.Pages.MapSearchFlow("par");
        await using var client = await fixture.Server.ConnectAsync();
        var rooms = Enumerable.Range(0, 5).Select(i => $"par-{i}").ToList();

        var results = await Task.WhenAll(rooms.Select(r => client.CallAsync("start_browser_session", new { room_name = r, initial_url = url })));
        var sameRoom = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.CallAsync("start_browser_session", new { room_name = "par-same" })));
        try
        {
            Assert.All(results, r => Assert.NotEqual(true, r.IsError));
            Assert.Single(sameRoom, r => r.IsError != true);
            Assert.All(sameRoom.Where(r => r.IsError == true), r => Assert.StartsWith("Error room_exists: ", ToolCalls.Text(r), StringComparison.Ordinal));
            var listed = await client.CallOkAsync("list_browser_sessions");
            var names = listed.GetProperty("sessions").EnumerateArray().Select(s => s.GetProperty("room_name").GetString()).ToList();
            Assert.All(rooms.Append("par-same"), r => Assert.Contains(r, names));
        }
        finally
        {
            await Task.WhenAll(rooms.Append("par-same").Select(r => client.CallAsync("close_browser_session", new { room_name = r })));
        }

        Assert.Equal(0, fixture.Pages.Hits("/par/other"));
        Assert.Equal(5, fixture.Pages.Hits("/par/form"));
    }
}
