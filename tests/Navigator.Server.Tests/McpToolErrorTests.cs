using System.Text.Json;
using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

[Collection(ServerCollection.Name)]
[Trait("Step", "10")]
public sealed class McpToolErrorTests(ServerFixture fixture)
{
    public static TheoryData<string, string, string> MalformedStarts => new()
    {
        { "{}", "missing_parameter", "room_name is required" },
        { """{"room_name": null}""", "missing_parameter", "room_name is required" },
        { """{"room_name": ""}""", "missing_parameter", "room_name is required" },
        { """{"room_name": 42}""", "invalid_parameter", "room_name must be a string" },
        { """{"room_name": "has spaces"}""", "invalid_parameter", "room_name may contain" },
        { """{"room_name": "../etc"}""", "invalid_parameter", "room_name may contain" },
        { """{"room_name": "ok", "viewport_width": "wide"}""", "invalid_parameter", "viewport_width must be an integer" },
        { """{"room_name": "ok", "viewport_width": 12.5}""", "invalid_parameter", "viewport_width must be an integer" },
        { """{"room_name": "ok", "viewport_width": 10}""", "invalid_parameter", "viewport_width must be between 200 and 7680" },
        { """{"room_name": "ok", "viewport_height": 99999999999}""", "invalid_parameter", "viewport_height" },
        { """{"room_name": "ok", "fps": 0}""", "invalid_parameter", "fps must be between 1 and 30" },
        { """{"room_name": "ok", "fps": 500}""", "invalid_parameter", "fps must be between 1 and 30" },
        { """{"room_name": "ok", "initial_url": "file:///etc/passwd"}""", "invalid_parameter", "initial_url must be an absolute http" },
        { """{"room_name": "ok", "initial_url": "not a url"}""", "invalid_parameter", "initial_url must be an absolute http" },
        { """{"room_name": "ok", "headless": "yes"}""", "invalid_parameter", "headless must be a boolean" },
        { """{"room_name": "ok", "headless": false}""", "invalid_parameter", "headless=false is not available" },
        { """{"room_name": "ok", "allowed_domains": "example.com"}""", "invalid_parameter", "allowed_domains must be an array" },
        { """{"room_name": "ok", "allowed_domains": ["not a domain!"]}""", "invalid_parameter", "allowed_domains[0] 'not a domain!' is not a valid domain pattern" },
        { """{"room_name": "ok", "allowed_domains": ["example.com", "*"]}""", "invalid_parameter", "allowed_domains[1] '*' is not a valid domain pattern" },
        { """{"room_name": "ok", "allowed_domains": [""]}""", "invalid_parameter", "allowed_domains entries must be non-empty" },
        { """{"room_name": "ok", "allowed_domains": ["example.com"], "initial_url": "https://evil.test/"}""", "navigation_blocked", "evil.test is not in the allowed domains" },
        { """{"room_name": "ok", "livekit_url": "ftp://x"}""", "invalid_parameter", "livekit_url must be" },
        { """{"room_name": "ok", "surprise": 1}""", "invalid_parameter", "Unknown argument 'surprise'" },
        { """{"room_name": "ok\n"}""", "invalid_parameter", "room_name may contain" },
        { """{"room_name": "ok", "allowed_domains": [1]}""", "invalid_parameter", "allowed_domains[0] must be a string" },
        { """{"room_name": "ok", "allowed_domains": ["example.com", {"a": 1}]}""", "invalid_parameter", "allowed_domains[1] must be a string" },
    };

    [Fact]
    public async Task AnUnknownTool_IsAToolError_ThatDoesNotEchoAHugeName()
    {
        await using var client = await fixture.Server.ConnectAsync();

        var error = await client.CallErrorAsync("no_such_tool", new { room_name = "x" }, "unknown_tool");
        var huge = await client.CallErrorAsync(new string('t', 20_000), null, "unknown_tool");

        Assert.Contains("no_such_tool", error, StringComparison.Ordinal);
        Assert.True(huge.Length < 2000, "the error must not echo the huge name");
    }

    [Theory]
    [MemberData(nameof(MalformedStarts))]
    public async Task StartWithMalformedArguments_IsAClearToolError_AndStartsNothing(string arguments, string code, string message)
    {
        await using var client = await fixture.Server.ConnectAsync();

        var error = await client.CallErrorAsync("start_browser_session", JsonDocument.Parse(arguments).RootElement, code);

        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Server.Sessions.List(), s => s.RoomName == "ok");
    }

    [Fact]
    public async Task HugeStrings_AreRejectedQuickly()
    {
        await using var client = await fixture.Server.ConnectAsync();
        var huge = new string('a', 1_000_000);

        var room = await client.CallErrorAsync("start_browser_session", new { room_name = huge }, "invalid_parameter");
        var url = await client.CallErrorAsync("start_browser_session", new { room_name = "huge", initial_url = "https://example.com/" + huge }, "invalid_parameter");
        var context = await client.CallErrorAsync("get_browser_context", new { room_name = huge }, "invalid_parameter");

        Assert.Contains("at most", room, StringComparison.Ordinal);
        Assert.Contains("at most", url, StringComparison.Ordinal);
        Assert.True(room.Length < 2000, "the error must not echo the huge value");
        Assert.True(context.Length < 2000, "the error must not echo the huge value");
    }

    [Theory]
    [InlineData("get_browser_context")]
    [InlineData("pause_browser_session")]
    [InlineData("resume_browser_session")]
    [InlineData("close_browser_session")]
    [InlineData("recover_browser_session")]
    public async Task RoomToolsOnAnUnknownRoom_AreRoomNotFound(string tool)
    {
        await using var client = await fixture.Server.ConnectAsync();

        var error = await client.CallErrorAsync(tool, new { room_name = "nobody-here" }, "room_not_found");

        Assert.Contains("nobody-here", error, StringComparison.Ordinal);
        Assert.Contains("start_browser_session", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterABarrageOfBadCalls_TheServerKeepsServing()
    {
        await using var client = await fixture.Server.ConnectAsync();
        var bad = new List<Task>();
        for (var i = 0; i < 20; i++)
        {
            bad.Add(client.CallAsync("start_browser_session", new { room_name = i }));
            bad.Add(client.CallAsync("get_browser_context", new { room_name = "missing-" + i }));
            bad.Add(client.CallAsync("close_browser_session", new { }));
        }

        await Task.WhenAll(bad);
        var url = fixture.Pages.MapSearchFlow("barrage");

        var started = await client.CallOkAsync("start_browser_session", new { room_name = "barrage-room", initial_url = url });
        await client.CallOkAsync("close_browser_session", new { room_name = "barrage-room" });

        Assert.Equal("active", started.GetProperty("status").GetString());
        await using var another = await fixture.Server.ConnectAsync();
        Assert.NotEmpty(await another.ListToolsAsync());
    }

    [Fact]
    public async Task StartWithAnUnreachableInitialUrl_StartsTheSessionAndSaysWhy()
    {
        await using var client = await fixture.Server.ConnectAsync();
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var started = await client.CallOkAsync("start_browser_session", new { room_name = "unreachable", initial_url = $"http://127.0.0.1:{closedPort}/nothing" });
        try
        {
            Assert.Equal("active", started.GetProperty("status").GetString());
            Assert.Contains("ERR_CONNECTION_REFUSED", started.GetProperty("warning").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "unreachable" });
        }
    }
}
