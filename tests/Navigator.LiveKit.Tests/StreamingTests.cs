using System.Text.Json;
using Microsoft.Extensions.Options;
using Navigator.LiveKit.Streaming;
using Navigator.LiveKit.Tokens;
using Navigator.Testing;
using Navigator.Actions;
using Navigator.Tools;
using Navigator.Tools.Events;
using Navigator.Tools.Live;
using Navigator.Tools.Media;
using Navigator.Tools.Sessions;

namespace Navigator.LiveKit.Tests;

/// <summary>
/// start_browser_session with livekit_url/livekit_token: real Chromium, the room's screencast and
/// ghost cursor, LiveKit's native core, and the double receiving the screen share in the test network.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class StreamingTests(StreamingFixture fixture)
{
    [Fact]
    public async Task A_session_with_a_livekit_url_publishes_a_screen_share_whose_keyframe_and_frames_reach_the_room_at_its_size()
    {
        await using var server = await LiveKitNetwork.Instance.StartDoubleAsync();
        await using var manager = fixture.NewManager(server);

        // No token given: the server mints one with its API key and secret (the double's).
        var info = await manager.StartAsync(new StartSessionRequest { RoomName = "lk-publish", InitialUrl = fixture.AnimatedPage, LiveKitUrl = server.Url, ViewportWidth = 1280, ViewportHeight = 720, Fps = 15 });

        var stats = await server.WaitForStatsAsync(s => s.Keyframes >= 1 && s.Frames >= 30, TimeSpan.FromSeconds(90), "a keyframe and 30 frames");
        Assert.True((stats.KeyframeWidth, stats.KeyframeHeight) == (1280, 720), string.Join(" ", server.Seen().Where(m => m.GetProperty("type").GetString() is "keyframe").Select(m => m.GetRawText())));
        Assert.Equal((1280, 720, 3), (stats.TrackWidth, stats.TrackHeight, stats.TrackSource));
        Assert.NotNull(info.Streaming);
        var streaming = manager.Get("lk-publish").Streaming!;
        Assert.Equal(LiveKitStreamStates.Live, streaming.State);
        Assert.StartsWith("TR_", streaming.TrackSid, StringComparison.Ordinal);
        Assert.True(streaming.FramesSent >= 30, $"frames sent: {streaming.FramesSent}");
        Assert.Contains(server.Seen(), m => m.GetProperty("type").GetString() == "joined" && m.GetProperty("identity").GetString() == "navigator-browser" && m.GetProperty("room").GetString() == "lk-publish");

        await manager.CloseAsync("lk-publish");
        Assert.Equal(0, (await server.WaitForStatsAsync(s => s.Connections == 0, TimeSpan.FromSeconds(30), "the connection closing")).Connections);
    }

    [Fact]
    public async Task Pausing_mutes_the_track_and_stops_frames_and_resuming_sends_them_again()
    {
        await using var server = await LiveKitNetwork.Instance.StartDoubleAsync();
        await using var manager = fixture.NewManager(server);
        await StartStreamingAsync(manager, server, "lk-pause");

        await manager.PauseAsync("lk-pause");
        await server.WaitForAsync("mute", TimeSpan.FromSeconds(30), m => m.GetProperty("muted").GetBoolean());
        var sentAtPause = manager.Get("lk-pause").Streaming!.FramesSent;
        var paused = await server.StatsAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var stillPaused = await server.StatsAsync();

        Assert.Equal(LiveKitStreamStates.Paused, manager.Get("lk-pause").Streaming!.State);
        Assert.Equal(sentAtPause, manager.Get("lk-pause").Streaming!.FramesSent);
        Assert.True(stillPaused.Frames - paused.Frames <= 2, $"frames kept coming while paused: {paused.Frames} -> {stillPaused.Frames}");

        await manager.ResumeAsync("lk-pause");
        await server.WaitForAsync("mute", TimeSpan.FromSeconds(30), m => !m.GetProperty("muted").GetBoolean());
        await server.WaitForStatsAsync(s => s.Frames >= stillPaused.Frames + 10, TimeSpan.FromSeconds(60), "10 more frames after resuming");
        Assert.Equal(LiveKitStreamStates.Live, manager.Get("lk-pause").Streaming!.State);
    }

    [Fact]
    public async Task A_dropped_connection_is_restored_by_the_core_itself_and_frames_flow_again()
    {
        await using var server = await LiveKitNetwork.Instance.StartDoubleAsync();
        await using var manager = fixture.NewManager(server);
        await StartStreamingAsync(manager, server, "lk-drop");

        await server.KillConnectionsAsync();
        var killed = await server.StatsAsync();
        var back = await server.WaitForStatsAsync(s => s.Joins >= 2 && s.Connections >= 1 && s.Frames >= killed.Frames + 20, TimeSpan.FromSeconds(120), "a new join and 20 more frames");

        Assert.True(back.Tracks >= 2, $"the track was not published again: {back}");
        var streaming = manager.Get("lk-drop").Streaming!;
        Assert.Equal(LiveKitStreamStates.Live, streaming.State);

        // The double refuses the resume, so the core joined again and republished on its own; the
        // streamer kept its connection (its own reconnect is for a room the core gives up).
        Assert.True((streaming.CoreReconnects, streaming.Reconnects) is ( >= 1, 0), $"core_reconnects={streaming.CoreReconnects} reconnects={streaming.Reconnects}");
    }

    [Fact]
    public async Task A_room_the_server_ends_for_good_is_joined_and_published_again_by_the_streamer()
    {
        await using var server = await LiveKitNetwork.Instance.StartDoubleAsync();
        await using var manager = fixture.NewManager(server);
        await StartStreamingAsync(manager, server, "lk-leave");

        // A leave without resume: the core reports the room disconnected and does not come back by itself.
        await server.LeaveAllAsync();
        var left = await server.StatsAsync();
        var back = await server.WaitForStatsAsync(s => s.Joins >= 2 && s.Tracks >= 2 && s.Frames >= left.Frames + 20, TimeSpan.FromSeconds(120), "a new join, a new track and 20 more frames");

        var streaming = manager.Get("lk-leave").Streaming!;
        Assert.Equal(LiveKitStreamStates.Live, streaming.State);
        Assert.True((streaming.Reconnects, streaming.CoreReconnects) == (1, 0), $"reconnects={streaming.Reconnects} core_reconnects={streaming.CoreReconnects}; {back}");
    }

    [Fact]
    public async Task A_room_participant_sees_the_agents_cursor_as_data_and_takes_control_under_the_live_views_rules()
    {
        const string room = "lk-control";
        await using var server = await LiveKitNetwork.Instance.StartDoubleAsync();
        await using var manager = fixture.NewManager(server);
        using var events = manager.Events.Subscribe(room);
        await manager.StartAsync(new StartSessionRequest { RoomName = room, InitialUrl = fixture.ButtonsPage, LiveKitUrl = server.Url, ViewportWidth = 640, ViewportHeight = 360, Fps = 15 });
        await server.WaitForStatsAsync(s => s.Frames >= 5, TimeSpan.FromSeconds(90), "5 frames");

        // The agent's click goes to the room as a lossy cursor message, as fractions of the picture.
        Assert.True((await ActAsync(manager, room, "click", new { x = 60, y = 30 })).Success);
        var cursorMessage = await server.WaitForAsync("data", TimeSpan.FromSeconds(30), m => m.GetProperty("topic").GetString() == LiveKitDataTopics.Cursor && m.GetProperty("text").GetString()!.Contains("click", StringComparison.Ordinal));
        var cursor = JsonDocument.Parse(cursorMessage.GetProperty("text").GetString()!).RootElement;
        Assert.Equal((0.0938, 0.0833, "click"), (cursor.GetProperty("x").GetDouble(), cursor.GetProperty("y").GetDouble(), cursor.GetProperty("action").GetString()));
        Assert.True(cursor.GetProperty("t").GetInt64() > 1_700_000_000_000);
        Assert.False(cursorMessage.GetProperty("reliable").GetBoolean());

        // A participant's command that is not one gets an error meant for it alone.
        await server.ParticipantJoinsAsync("alice");
        await server.SendAsParticipantAsync("alice", LiveKitDataTopics.Control, """{"type":"fly"}""");
        var (error, to) = await ReplyAsync(server, "viewer_error");
        Assert.Equal(("invalid_parameter", "alice"), (error.GetProperty("error_code").GetString(), to));

        // Take: everyone hears control_changed, the agent is refused, the participant's click reaches the page.
        await server.SendAsParticipantAsync("alice", LiveKitDataTopics.Control, """{"type":"take_control"}""");
        await ReplyAsync(server, "control_granted");
        var taken = await NextEventAsync(events, RoomEventTypes.ControlChanged);
        Assert.Equal(("human", "taken"), (taken.GetProperty("holder").GetString(), taken.GetProperty("reason").GetString()));
        var refused = await Assert.ThrowsAsync<NavigatorToolException>(() => ActAsync(manager, room, "click", new { x = 60, y = 30 }));
        Assert.Equal("human_in_control", refused.Code);
        Assert.Contains("LiveKit room", refused.Message, StringComparison.Ordinal);

        await server.SendAsParticipantAsync("alice", LiveKitDataTopics.Control, """{"type":"pointer","action":"down","x":0.46875,"y":0.4444,"button":"left","buttons":1}""");
        await server.SendAsParticipantAsync("alice", LiveKitDataTopics.Control, """{"type":"pointer","action":"up","x":0.46875,"y":0.4444,"button":"left","buttons":0}""");
        var humanClick = await NextEventAsync(events, RoomEventTypes.ActionCompleted);
        Assert.Equal("human", humanClick.GetProperty("by").GetString());

        // Hand back: the agent acts again and finds the participant's click on the page.
        await server.SendAsParticipantAsync("alice", LiveKitDataTopics.Control, """{"type":"hand_back"}""");
        var handedBack = await NextEventAsync(events, RoomEventTypes.ControlChanged);
        Assert.Equal(("agent", "handed_back"), (handedBack.GetProperty("holder").GetString(), handedBack.GetProperty("reason").GetString()));
        var text = await ActAsync(manager, room, "evaluate", new { expression = "document.getElementById('press').textContent" });
        Assert.Equal("Pressed by a participant", text.Data!.Value.GetProperty("result").GetString());

        // Taking control and leaving the room hands control back as well.
        await server.SendAsParticipantAsync("alice", LiveKitDataTopics.Control, """{"type":"take_control"}""");
        Assert.Equal("human", (await NextEventAsync(events, RoomEventTypes.ControlChanged)).GetProperty("holder").GetString());
        await server.ParticipantLeavesAsync("alice");
        var left = await NextEventAsync(events, RoomEventTypes.ControlChanged);
        Assert.Equal(("agent", "viewer_left"), (left.GetProperty("holder").GetString(), left.GetProperty("reason").GetString()));
        Assert.True((await ActAsync(manager, room, "click", new { x = 60, y = 30 })).Success);
    }

    /// <summary>Starts a 640x360 session of the animated page streaming into <paramref name="server"/> and waits for its first 10 frames there.</summary>
    private async Task StartStreamingAsync(RoomSessionManager manager, LiveKitDouble server, string room)
    {
        await manager.StartAsync(new StartSessionRequest { RoomName = room, InitialUrl = fixture.AnimatedPage, LiveKitUrl = server.Url, ViewportWidth = 640, ViewportHeight = 360, Fps = 15 });
        await server.WaitForStatsAsync(s => s.Frames >= 10, TimeSpan.FromSeconds(90), "10 frames");
    }

    private static Task<ActionResult> ActAsync(RoomSessionManager manager, string room, string action, object parameters)
    {
        var json = JsonSerializer.SerializeToElement(parameters);
        return manager.ExecuteActionAsync(room, action, json, json.GetRawText().Length, CancellationToken.None);
    }

    /// <summary>The reply of <paramref name="type"/> the session sent on the control topic, and the one participant it was addressed to.</summary>
    private static async Task<(JsonElement Reply, string? To)> ReplyAsync(LiveKitDouble server, string type)
    {
        var message = await server.WaitForAsync(
            "data",
            TimeSpan.FromSeconds(30),
            m => m.GetProperty("topic").GetString() == LiveKitDataTopics.Control
                && JsonDocument.Parse(m.GetProperty("text").GetString()!).RootElement.GetProperty("type").GetString() == type);
        var to = message.GetProperty("to");
        return (JsonDocument.Parse(message.GetProperty("text").GetString()!).RootElement, to.GetArrayLength() == 1 ? to[0].GetString() : null);
    }

    [Fact]
    public async Task A_recovered_browser_keeps_streaming_on_the_same_track_even_when_its_page_is_still()
    {
        await using var server = await LiveKitNetwork.Instance.StartDoubleAsync();
        await using var manager = fixture.NewManager(server);
        await manager.StartAsync(new StartSessionRequest { RoomName = "lk-recover", InitialUrl = fixture.StillPage, LiveKitUrl = server.Url, ViewportWidth = 640, ViewportHeight = 360, Fps = 15 });
        await server.WaitForStatsAsync(s => s.Keyframes >= 1 && s.Frames >= 10, TimeSpan.FromSeconds(90), "10 frames");

        var (_, rebuilt) = await manager.RecoverAsync("lk-recover", force: true);
        var recovered = await server.StatsAsync();

        // The still page sends no new screencast frame; the last one repeats at the session's fps.
        var after = await server.WaitForStatsAsync(s => s.Frames >= recovered.Frames + 20, TimeSpan.FromSeconds(60), "20 frames after the recovery");
        Assert.True(rebuilt);
        Assert.Equal((1, 1), (after.Joins, after.Tracks));
        Assert.Equal(LiveKitStreamStates.Live, manager.Get("lk-recover").Streaming!.State);
    }

    [Fact]
    public async Task A_token_with_the_wrong_secret_fails_the_stream_with_a_stream_error_and_the_browser_session_keeps_working()
    {
        await using var server = await LiveKitNetwork.Instance.StartDoubleAsync();
        await using var manager = fixture.NewManager(server);
        using var events = manager.Events.Subscribe("lk-wrong");
        var token = new LiveKitTokenMinter(server.ApiKey, "a-secret-the-double-does-not-know-of").MintPublisherToken("lk-wrong", "navigator-browser", TimeSpan.FromHours(1));

        await manager.StartAsync(new StartSessionRequest { RoomName = "lk-wrong", InitialUrl = fixture.AnimatedPage, LiveKitUrl = server.Url, LiveKitToken = token });

        var error = await NextEventAsync(events, RoomEventTypes.StreamError);
        Assert.Equal(LiveKitErrorCodes.ConnectFailed, error.GetProperty("code").GetString());
        Assert.Equal(LiveKitStreamStates.Failed, error.GetProperty("state").GetString());
        Assert.Contains("check livekit_token", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True((await server.StatsAsync()).Rejected >= 1);
        await AssertBrowserWorksAsync(manager, "lk-wrong");
    }

    [Fact]
    public async Task An_unreachable_livekit_url_fails_the_stream_with_a_stream_error_and_the_browser_session_keeps_working()
    {
        await using var manager = fixture.NewManager(null);
        using var events = manager.Events.Subscribe("lk-unreachable");

        await manager.StartAsync(new StartSessionRequest { RoomName = "lk-unreachable", InitialUrl = fixture.AnimatedPage, LiveKitUrl = $"ws://{LiveKitNetwork.DoubleAddress}:9", LiveKitToken = "a.b.c" });

        var error = await NextEventAsync(events, RoomEventTypes.StreamError);
        Assert.Equal(LiveKitErrorCodes.ConnectFailed, error.GetProperty("code").GetString());
        Assert.Contains("could not be reached", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(LiveKitStreamStates.Failed, manager.Get("lk-unreachable").Streaming!.State);
        await AssertBrowserWorksAsync(manager, "lk-unreachable");
    }

    [Fact]
    public async Task A_livekit_url_without_a_token_on_a_server_without_api_credentials_is_a_clear_stream_error()
    {
        await using var manager = fixture.NewManager(null);
        using var events = manager.Events.Subscribe("lk-no-token");

        var info = await manager.StartAsync(new StartSessionRequest { RoomName = "lk-no-token", InitialUrl = fixture.AnimatedPage, LiveKitUrl = $"ws://{LiveKitNetwork.DoubleAddress}:9" });

        var error = await NextEventAsync(events, RoomEventTypes.StreamError);
        Assert.Equal(LiveKitErrorCodes.NoCredentials, error.GetProperty("code").GetString());
        Assert.Equal(LiveKitStreamStates.Failed, info.Streaming!.State);
        await AssertBrowserWorksAsync(manager, "lk-no-token");
    }

    private static async Task AssertBrowserWorksAsync(RoomSessionManager manager, string room)
    {
        using var noParams = JsonDocument.Parse("{}");
        var result = await manager.ExecuteActionAsync(room, "refresh", noParams.RootElement, 2, CancellationToken.None);
        Assert.True(result.Success, result.Error);
        Assert.Equal("active", manager.Get(room).Status);
    }

    private static async Task<JsonElement> NextEventAsync(IRoomEventSubscription events, string type)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var message in events.Reader.ReadAllAsync(timeout.Token))
        {
            var json = JsonDocument.Parse(message).RootElement;
            if (json.GetProperty("type").GetString() == type)
            {
                return json;
            }
        }

        throw new InvalidOperationException($"the room's events ended without {type}");
    }
}

/// <summary>A page server with a page that keeps changing (so the screencast keeps sending), and a warm browser pool.</summary>
public sealed class StreamingFixture : IAsyncLifetime
{
    private readonly SharedBrowserFixture _browsers = new();

    public string AnimatedPage => _browsers.Server.Url("/animated");

    public string StillPage => _browsers.Server.Url("/still");

    public string ButtonsPage => _browsers.Server.Url("/buttons");

    public async Task InitializeAsync()
    {
        _ = LiveKitNetwork.Instance; // the core must first load inside the test network
        await _browsers.InitializeAsync();
        _browsers.Server.MapHtml("/animated", """
            <!doctype html><title>animated</title>
            <style>body{margin:0;background:#fff} #box{position:absolute;width:200px;height:200px;background:#c03;animation:move 2s linear infinite alternate}
            @keyframes move{from{left:0;top:0}to{left:1000px;top:400px}}</style>
            <div id="box"></div><p style="position:absolute;top:600px;left:40px;font:32px sans-serif">LiveKit streaming test</p>
            """);
        _browsers.Server.MapHtml("/still", "<!doctype html><title>still</title><h1>A page that does not change</h1>");
        _browsers.Server.MapHtml("/buttons", """
            <!doctype html><title>buttons</title><style>body{margin:0}</style>
            <button style="position:absolute;left:0;top:0;width:120px;height:60px">Agent</button>
            <button id="press" style="position:absolute;left:200px;top:120px;width:200px;height:80px" onclick="this.textContent='Pressed by a participant'">Press</button>
            """);
    }

    /// <summary>A manager whose rooms get media and LiveKit streaming; <paramref name="server"/>'s key and secret let it mint tokens.</summary>
    public RoomSessionManager NewManager(LiveKitDouble? server)
    {
        var options = new LiveKitOptions { ApiKey = server?.ApiKey, ApiSecret = server?.ApiSecret };
        var media = new RoomMediaFactory();
        var events = new InMemoryRoomEventBroadcaster();
        var streams = new RoomStreamFactory(new LiveKitStreaming(Options.Create(options)), media, events);
        var control = new RoomControlFactory(events, Options.Create(new LiveViewOptions()));
        return new RoomSessionManager(
            _browsers.Pool,
            new InMemorySessionDirectory(),
            events,
            Options.Create(new SessionManagerOptions { IdleTimeout = TimeSpan.Zero }),
            componentFactories: [media, control, streams]);
    }

    public Task DisposeAsync() => _browsers.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class StreamingCollection : ICollectionFixture<StreamingFixture>
{
    public const string Name = "livekit-streaming";
}
