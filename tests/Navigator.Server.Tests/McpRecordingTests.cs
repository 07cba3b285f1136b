using System.Net;
using System.Text.Json;
using Navigator.Server.Tests.Infrastructure;
using Navigator.Testing;

namespace Navigator.Server.Tests;

/// <summary>start_recording / stop_recording over MCP, and the recordings over HTTP, on a server of its own with its own folder.</summary>
[Trait("Step", "5")]
public sealed class McpRecordingTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("navigator-recordings-test-").FullName;
    private TestWebServer _pages = null!;
    private NavigatorTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _pages = await TestWebServer.StartAsync();
        _server = await NavigatorTestServer.StartAsync(new Dictionary<string, string?> { ["Recording:Directory"] = _folder });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _pages.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Records_a_room_and_serves_the_file_with_clear_errors_around_it()
    {
        _pages.MapHtml("/rec/page", "<!doctype html><body style='margin:0;background:#c33'><button onclick=\"document.body.style.background='#33c'\">Blue</button></body>");
        await using var client = await _server.ConnectAsync();
        const string room = "rec-room";
        await client.CallOkAsync("start_browser_session", new { room_name = room, initial_url = _pages.Url("/rec/page"), viewport_width = 640, viewport_height = 360, fps = 10 });

        await client.CallErrorAsync("stop_recording", new { room_name = room }, "no_recording");
        await client.CallErrorAsync("start_recording", new { room_name = room, format = "avi" }, "invalid_parameter");
        await client.CallErrorAsync("start_recording", new { room_name = "no-such-room" }, "room_not_found");

        var started = await client.CallOkAsync("start_recording", new { room_name = room });
        Assert.Equal("mp4", started.GetProperty("format").GetString());
        Assert.Equal((640, 360, 10), (started.GetProperty("width").GetInt32(), started.GetProperty("height").GetInt32(), started.GetProperty("fps").GetInt32()));
        Assert.StartsWith(_folder, started.GetProperty("path").GetString(), StringComparison.Ordinal);
        await client.CallErrorAsync("start_recording", new { room_name = room, format = "webm" }, "recording_active");

        var clicked = await client.CallOkAsync("execute_action", new { room_name = room, action_type = "click", @params = new { x = 20, y = 10 } });
        Assert.True(clicked.GetProperty("success").GetBoolean());
        await client.CallOkAsync("pause_browser_session", new { room_name = room });
        await client.CallOkAsync("resume_browser_session", new { room_name = room });
        await client.CallOkAsync("execute_action", new { room_name = room, action_type = "wait", @params = new { seconds = 1.5 } });

        var stopResult = await client.CallAsync("stop_recording", new { room_name = room });
        var stopped = ToolCalls.Json(stopResult);
        var path = stopped.GetProperty("path").GetString()!;
        Assert.StartsWith($"Recording of room {room} stopped: {path} (mp4), ", ToolCalls.Text(stopResult), StringComparison.Ordinal);
        Assert.Equal(started.GetProperty("path").GetString(), path);
        Assert.True(stopped.GetProperty("duration_seconds").GetDouble() >= 1.5, stopped.GetRawText());
        Assert.True(stopped.GetProperty("frames").GetInt64() >= 15, stopped.GetRawText());
        var size = stopped.GetProperty("size_bytes").GetInt64();
        Assert.Equal(new FileInfo(path).Length, size);
        await client.CallErrorAsync("stop_recording", new { room_name = room }, "no_recording");

        using var http = new HttpClient { BaseAddress = _server.BaseAddress };
        var download = stopped.GetProperty("download_path").GetString()!;
        using (var response = await http.GetAsync(download))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(size, (await response.Content.ReadAsByteArrayAsync()).LongLength);
        }

        using (var list = JsonDocument.Parse(await http.GetStringAsync($"/rooms/{room}/recordings")))
        {
            var files = list.RootElement.GetProperty("recordings").EnumerateArray().ToList();
            Assert.Equal(download, Assert.Single(files).GetProperty("download_path").GetString());
        }

        foreach (var missing in new[] { $"/rooms/{room}/recordings/nope.mp4", $"/rooms/{room}/recordings/..%2F..%2Fetc%2Fpasswd", $"/rooms/{room}/recordings/.write-test.mp4" })
        {
            using var response = await http.GetAsync(missing);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // Closing a room while it records finishes the file.
        await client.CallOkAsync("start_recording", new { room_name = room, format = "webm" });
        await client.CallOkAsync("execute_action", new { room_name = room, action_type = "wait", @params = new { seconds = 1 } });
        await client.CallOkAsync("close_browser_session", new { room_name = room });
        var webm = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.webm"));
        Assert.True(new FileInfo(webm).Length > 0);
    }
}

/// <summary>Recording:Automatic records every session from its start.</summary>
[Trait("Step", "5")]
public sealed class McpAutomaticRecordingTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("navigator-auto-recordings-test-").FullName;
    private NavigatorTestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await NavigatorTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Recording:Directory"] = _folder,
            ["Recording:Automatic"] = "true",
            ["Recording:DefaultFormat"] = "Webm",
        });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Every_session_records_from_its_start_in_the_configured_format()
    {
        await using var client = await _server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "auto-room", viewport_width = 320, viewport_height = 240, fps = 5 });
        await client.CallErrorAsync("start_recording", new { room_name = "auto-room" }, "recording_active");
        await client.CallOkAsync("execute_action", new { room_name = "auto-room", action_type = "wait", @params = new { seconds = 1 } });

        var stopped = await client.CallOkAsync("stop_recording", new { room_name = "auto-room" });
        Assert.Equal("webm", stopped.GetProperty("format").GetString());
        Assert.True(stopped.GetProperty("frames").GetInt64() >= 5, stopped.GetRawText());
        Assert.True(File.Exists(stopped.GetProperty("path").GetString()));
    }
}
