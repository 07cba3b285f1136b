using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using ModelContextProtocol.Client;
using Navigator.Browser;
using Navigator.Server.Tests.Infrastructure;
using Navigator.Testing;

namespace Navigator.Server.Tests;

/// <summary>
/// The live view as a person uses it: opened with the API key in a second headless Chromium, it
/// shows the room's frames and events; a takeover from it clicks and types in the session's page
/// while the agent gets human_in_control, and control returns on Hand back or when the page closes.
/// </summary>
[Trait("Step", "6")]
public sealed class LiveViewTests : IAsyncLifetime
{
    private const string Key = "live-view-test-key";

    // 640x360 viewport: the agent's green button top left, the person's button and field in the middle.
    private const string SessionPage = """
        <!doctype html><title>Live</title><body style="margin:0;background:rgb(204,51,51)">
        <button style="position:absolute;left:0;top:0;width:120px;height:60px" onclick="document.body.style.background='rgb(51,170,51)'">Green</button>
        <button style="position:absolute;left:200px;top:120px;width:200px;height:80px" onclick="this.textContent='Pressed by a person'">Press</button>
        <input aria-label="Field" style="position:absolute;left:200px;top:260px;width:200px;height:40px">
        </body>
        """;

    private TestWebServer _pages = null!;
    private NavigatorTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _pages = await TestWebServer.StartAsync();
        _pages.MapHtml("/live/session", SessionPage);
        _server = await NavigatorTestServer.StartAsync(new Dictionary<string, string?> { ["Server:ApiKey"] = Key });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _pages.DisposeAsync();
    }

    [Fact]
    public async Task A_person_watches_takes_control_clicks_and_types_then_hands_back_and_leaving_hands_back_too()
    {
        const string room = "live-room";
        await using var agent = await _server.ConnectAsync(Key);
        var started = await agent.CallOkAsync("start_browser_session", new { room_name = room, initial_url = _pages.Url("/live/session"), viewport_width = 640, viewport_height = 360, fps = 10 });
        var livePath = started.GetProperty("live_view_path").GetString()!;
        Assert.Equal("/rooms/live-room/live", livePath);
        await using var events = await EventStream.ConnectAsync(_server.EventsUri(room), bearer: Key);

        // A second Chromium plays the person's browser. Opened with the key in the URL, the page
        // trades it for a cookie and drops it from the address bar.
        await using var viewers = new BrowserPool(new BrowserPoolOptions());
        await using var viewer = await LiveViewPage.OpenAsync(viewers, new Uri(_server.BaseAddress, livePath + "?access_token=" + Key).ToString());
        Assert.Equal(new Uri(_server.BaseAddress, livePath).ToString(), viewer.Page.Url);
        await viewer.WaitUntilAsync("navigatorLive.connected && navigatorLive.framesShown > 0", "connected with a frame");
        Assert.Equal(204, (await viewer.PixelAsync(0.9, 0.9)).R);

        // The agent's click turns the page green: the picture changes and the event is listed.
        var framesBefore = (await viewer.EvalAsync("navigatorLive.framesShown")).GetInt32();
        await agent.CallOkAsync("execute_action", new { room_name = room, action_type = "click", @params = new { x = 60, y = 30 } });
        await viewer.WaitUntilAsync("navigatorLive.events.some(e => e.type === 'action_completed')", "the agent's action_completed");
        await viewer.WaitUntilAsync(
            "(() => { const d = document.getElementById('screen').getContext('2d').getImageData(Math.floor(document.getElementById('screen').width * 0.9), Math.floor(document.getElementById('screen').height * 0.9), 1, 1).data; return d[1] > 140 && d[0] < 100; })()",
            "the page turned green in the picture");
        Assert.True((await viewer.EvalAsync("navigatorLive.framesShown")).GetInt32() > framesBefore);

        // Take control: everyone hears control_changed; the agent is refused.
        await viewer.ClickElementAsync("take");
        await viewer.WaitUntilAsync("navigatorLive.inControl", "control granted");
        var taken = (await events.WaitForAsync("control_changed")).Match;
        Assert.Equal(("human", "taken"), (taken.GetProperty("holder").GetString(), taken.GetProperty("reason").GetString()));
        var refused = await agent.CallErrorAsync("execute_action", new { room_name = room, action_type = "click", @params = new { x = 60, y = 30 } }, "human_in_control");
        Assert.Contains("control_changed", refused, StringComparison.Ordinal);

        // A second viewer sees the same room but cannot take control while the first has it.
        await using (var second = await EventStream.ConnectAsync(LiveSocket(room), configure: o => o.SetRequestHeader("Authorization", "Bearer " + Key)))
        {
            var hello = (await second.WaitForAsync("viewer_hello")).Match;
            Assert.Equal("human", hello.GetProperty("holder").GetString());
            await second.SendAsync("""{"type":"take_control"}""");
            Assert.Equal("control_held", (await second.WaitForAsync("viewer_error")).Match.GetProperty("error_code").GetString());
            await second.SendAsync("""{"type":"pointer","action":"down","x":0.5,"y":0.5,"button":"left","buttons":1}""");
            Assert.Equal("not_in_control", (await second.WaitForAsync("viewer_error")).Match.GetProperty("error_code").GetString());
            await Eventually.TrueAsync(() => second.Frames > 0, TimeSpan.FromSeconds(10), "a frame for the second viewer");
            Assert.Equal([0xFF, 0xD8], second.LastFrame![..2]);
        }

        // The person's click and keys reach the session's page through the picture.
        await viewer.ClickScreenAsync(300.0 / 640, 160.0 / 360);
        await WaitForPageTextAsync(agent, room, "Pressed by a person");
        await viewer.ClickScreenAsync(300.0 / 640, 280.0 / 360);
        await viewer.TypeAsync("navigator");
        await WaitForPageTextAsync(agent, room, "navigator");

        // Hand back: the agent acts again.
        await viewer.ClickElementAsync("handback");
        var handedBack = (await events.WaitForAsync("control_changed")).Match;
        Assert.Equal(("agent", "handed_back"), (handedBack.GetProperty("holder").GetString(), handedBack.GetProperty("reason").GetString()));
        await viewer.WaitUntilAsync("!navigatorLive.inControl && navigatorLive.holder === 'agent'", "control handed back");
        await agent.CallOkAsync("execute_action", new { room_name = room, action_type = "click", @params = new { x = 60, y = 30 } });

        // Taking control and closing the page hands control back as well.
        await viewer.ClickElementAsync("take");
        await viewer.WaitUntilAsync("navigatorLive.inControl", "control granted again");
        Assert.Equal("human", (await events.WaitForAsync("control_changed")).Match.GetProperty("holder").GetString());
        await viewer.Page.CloseAsync();
        var left = (await events.WaitForAsync("control_changed")).Match;
        Assert.Equal(("agent", "viewer_left"), (left.GetProperty("holder").GetString(), left.GetProperty("reason").GetString()));
        await agent.CallOkAsync("execute_action", new { room_name = room, action_type = "click", @params = new { x = 60, y = 30 } });
    }

    [Fact]
    public async Task A_persons_clicks_are_reported_the_wheel_scrolls_and_a_dropped_page_reconnects_by_itself()
    {
        const string room = "wheel-room";
        _pages.MapHtml("/live/tall", """
            <!doctype html><title>Tall</title><body style="margin:0;height:4000px;background:rgb(204,51,51)">
            <button style="position:absolute;left:200px;top:120px;width:200px;height:80px" onclick="this.textContent='Pressed'">Press</button>
            </body>
            """);
        await using var agent = await _server.ConnectAsync(Key);
        await agent.CallOkAsync("start_browser_session", new { room_name = room, initial_url = _pages.Url("/live/tall"), viewport_width = 640, viewport_height = 360, fps = 10 });
        await using var events = await EventStream.ConnectAsync(_server.EventsUri(room), bearer: Key);
        await using var viewers = new BrowserPool(new BrowserPoolOptions());
        await using var viewer = await LiveViewPage.OpenAsync(viewers, new Uri(_server.BaseAddress, $"/rooms/{room}/live?access_token={Key}").ToString());
        await viewer.WaitUntilAsync("navigatorLive.connected && navigatorLive.framesShown > 0", "connected with a frame");
        await viewer.ClickElementAsync("take");
        await viewer.WaitUntilAsync("navigatorLive.inControl", "control granted");

        // The person's click reaches the page and the agent hears of it, marked as a person's.
        await viewer.ClickScreenAsync(300.0 / 640, 160.0 / 360);
        await WaitForPageTextAsync(agent, room, "Pressed");
        var click = (await events.WaitForAsync("action_completed")).Match;
        Assert.Equal("human", click.GetProperty("by").GetString());
        var parameters = click.GetProperty("action").GetProperty("params");
        Assert.Equal(("click", 300, 160, "left"), (
            click.GetProperty("action").GetProperty("action_type").GetString(),
            parameters.GetProperty("x").GetInt32(),
            parameters.GetProperty("y").GetInt32(),
            parameters.GetProperty("button").GetString()));
        await viewer.WaitUntilAsync("navigatorLive.events.some(e => e.type === 'action_completed' && e.by === 'human')", "the person's click in the log");

        // The wheel scrolls the session's page.
        await viewer.WheelScreenAsync(0.5, 0.5, 1500);
        await WaitForPageTextAsync(agent, room, "scroll 0,1500 ");

        // The connection drops: control returns to the agent and the page comes back by itself.
        var framesBefore = (await viewer.EvalAsync("navigatorLive.framesShown")).GetInt32();
        await viewer.EvalAsync("navigatorLive.socket.close()");
        await events.WaitForAsync("control_changed", e => e.GetProperty("reason").GetString() == "viewer_left");
        await viewer.WaitUntilAsync("navigatorLive.reconnects >= 1 && navigatorLive.connected", "reconnected");
        await agent.CallOkAsync("execute_action", new { room_name = room, action_type = "scroll", @params = new { direction = "up" } });
        await viewer.WaitUntilAsync($"navigatorLive.framesShown > {framesBefore}", "frames after the reconnect");
        await viewer.ClickElementAsync("take");
        await viewer.WaitUntilAsync("navigatorLive.inControl", "control granted after the reconnect");
    }

    [Fact]
    public async Task The_agent_asks_for_help_and_the_event_carries_the_reason_and_the_live_view_url()
    {
        const string room = "help-room";
        await using var agent = await _server.ConnectAsync(Key);
        await agent.CallOkAsync("start_browser_session", new { room_name = room, viewport_width = 320, viewport_height = 240 });
        await using var events = await EventStream.ConnectAsync(_server.EventsUri(room), bearer: Key);

        var asked = await agent.CallOkAsync("request_human_help", new { room_name = room, reason = "Please solve the captcha" });
        var url = new Uri(_server.BaseAddress, "/rooms/help-room/live").ToString();
        Assert.Equal((url, "agent"), (asked.GetProperty("live_view_url").GetString(), asked.GetProperty("holder").GetString()));
        var help = (await events.WaitForAsync("human_help_requested")).Match;
        Assert.Equal(("Please solve the captcha", url), (help.GetProperty("reason").GetString(), help.GetProperty("live_view_url").GetString()));

        await agent.CallErrorAsync("request_human_help", new { room_name = room, reason = "  " }, "invalid_parameter");
        await agent.CallErrorAsync("request_human_help", new { room_name = "no-such-room", reason = "help" }, "room_not_found");
    }

    [Fact]
    public async Task Bad_requests_get_clear_errors()
    {
        const string room = "guarded-room";
        await using var agent = await _server.ConnectAsync(Key);
        await agent.CallOkAsync("start_browser_session", new { room_name = room, viewport_width = 320, viewport_height = 240 });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _server.BaseAddress };

        // No key, a wrong key, an unknown room, a bad room name.
        await AssertErrorAsync(await http.GetAsync("/rooms/guarded-room/live"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertErrorAsync(await http.GetAsync("/rooms/guarded-room/live?access_token=wrong"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertErrorAsync(await http.GetAsync("/rooms/no-such-room/live?access_token=" + Key), HttpStatusCode.NotFound, "room_not_found");
        await AssertErrorAsync(await http.GetAsync("/rooms/bad%20name/live?access_token=" + Key), HttpStatusCode.BadRequest, "invalid_parameter");
        using (var plainGet = new HttpRequestMessage(HttpMethod.Get, "/rooms/guarded-room/live/socket"))
        {
            plainGet.Headers.Add("Authorization", "Bearer " + Key);
            await AssertErrorAsync(await http.SendAsync(plainGet), HttpStatusCode.BadRequest, "websocket_required");
        }

        // The key in the query is for the page only: other endpoints still want the header.
        await AssertErrorAsync(await http.GetAsync("/rooms/guarded-room/recordings?access_token=" + Key), HttpStatusCode.Unauthorized, "unauthorized");

        // The key buys a cookie for this room's live view only.
        using var exchange = await http.GetAsync("/rooms/guarded-room/live?access_token=" + Key);
        Assert.Equal(HttpStatusCode.Redirect, exchange.StatusCode);
        Assert.Equal("/rooms/guarded-room/live", exchange.Headers.Location?.ToString());
        var setCookie = Assert.Single(exchange.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/rooms/guarded-room/live", setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = setCookie.Split(';')[0];
        using (var page = new HttpRequestMessage(HttpMethod.Get, "/rooms/guarded-room/live"))
        {
            page.Headers.Add("Cookie", cookie);
            using var response = await http.SendAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("live/live.js", html, StringComparison.Ordinal);
            Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        using (var script = new HttpRequestMessage(HttpMethod.Get, "/rooms/guarded-room/live/live.js"))
        {
            script.Headers.Add("Cookie", cookie);
            using var response = await http.SendAsync(script);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("navigatorLive", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await agent.CallOkAsync("start_browser_session", new { room_name = "other-room", viewport_width = 320, viewport_height = 240 });
        using (var otherRoom = new HttpRequestMessage(HttpMethod.Get, "/rooms/other-room/live"))
        {
            otherRoom.Headers.Add("Cookie", cookie);
            await AssertErrorAsync(await http.SendAsync(otherRoom), HttpStatusCode.Unauthorized, "unauthorized");
        }

        // The cookie opens the socket from this server's own pages, not from another site's.
        var origin = _server.BaseAddress.GetLeftPart(UriPartial.Authority);
        await using (var fromPage = await EventStream.ConnectAsync(LiveSocket(room), configure: o => { o.SetRequestHeader("Cookie", cookie); o.SetRequestHeader("Origin", origin); }))
        {
            await fromPage.WaitForAsync("viewer_hello");
            await fromPage.SendAsync("not json");
            Assert.Equal("invalid_parameter", (await fromPage.WaitForAsync("viewer_error")).Match.GetProperty("error_code").GetString());
            await fromPage.SendAsync("""{"type":"hand_back"}""");
            Assert.Equal("not_in_control", (await fromPage.WaitForAsync("viewer_error")).Match.GetProperty("error_code").GetString());
            await fromPage.SendAsync("""{"type":"take_control"}""");
            await fromPage.WaitForAsync("control_granted");
            await fromPage.SendAsync("""{"type":"pointer","action":"down","x":2,"y":0.5}""");
            Assert.Equal("invalid_parameter", (await fromPage.WaitForAsync("viewer_error")).Match.GetProperty("error_code").GetString());
            await fromPage.SendAsync("""{"type":"key","action":"press","key":"a"}""");
            Assert.Equal("invalid_parameter", (await fromPage.WaitForAsync("viewer_error")).Match.GetProperty("error_code").GetString());
            await fromPage.SendAsync("""{"type":"dance"}""");
            Assert.Equal("invalid_parameter", (await fromPage.WaitForAsync("viewer_error")).Match.GetProperty("error_code").GetString());

            // Closing the room ends the page's socket after session_closed.
            await agent.CallOkAsync("close_browser_session", new { room_name = room });
            await fromPage.WaitForAsync("session_closed");
            await fromPage.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        }

        var crossSite = await Assert.ThrowsAsync<WebSocketException>(() => EventStream.ConnectAsync(
            LiveSocket("other-room"), configure: o => { o.SetRequestHeader("Cookie", cookie); o.SetRequestHeader("Origin", "http://evil.example"); }));
        Assert.Contains("401", crossSite.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<WebSocketException>(() => EventStream.ConnectAsync(LiveSocket("other-room")));
    }

    private Uri LiveSocket(string room) => new($"ws://{_server.BaseAddress.Authority}/rooms/{room}/live/socket");

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body}");
            using var json = JsonDocument.Parse(body);
            Assert.Equal(code, json.RootElement.GetProperty("error").GetString());
            Assert.True(json.RootElement.GetProperty("message").GetString()!.Length > 10, body);
        }
    }

    private static async Task WaitForPageTextAsync(McpClient agent, string room, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        string seen;
        do
        {
            seen = ToolCalls.Text(await agent.CallAsync("get_browser_context", new { room_name = room }));
            if (seen.Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        Assert.Fail($"The session's page never showed '{text}'; it read: {seen}");
    }
}
