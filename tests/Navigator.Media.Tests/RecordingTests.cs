using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Navigator.Browser;
using Navigator.Browser.Media;
using Navigator.Cdp.Protocol;
using Navigator.Media.Recording;
using Navigator.Testing;

namespace Navigator.Media.Tests;

[Collection(MediaCollection.Name)]
public sealed class RecordingTests(SharedBrowserFixture fixture) : IDisposable
{
    private const int Width = 480;
    private const int Height = 270;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string _folder = Directory.CreateTempSubdirectory("navigator-media-test-").FullName;

    private RecordingOptions Recording => new() { Directory = _folder };

    private static ScreencastOptions Screencast => new() { Fps = 10, MaxWidth = Width, MaxHeight = Height };

    private static BrowserSessionOptions Viewport => new() { ViewportWidth = Width, ViewportHeight = Height };

    [Fact]
    public async Task Records_three_pages_and_a_click_as_h264_at_the_session_size_and_constant_rate()
    {
        var blue = TestPages.Solid(fixture.Server, "/rec-blue", TestPages.Blue);
        TestPages.Solid(fixture.Server, "/rec-green", TestPages.Green);
        var red = TestPages.Solid(fixture.Server, "/rec-red", TestPages.Red, next: "/rec-green");
        await using var session = await fixture.NewSessionAsync(Viewport);
        await session.NavigateAsync(red);
        await using var media = new SessionMedia(session, "colours", Screencast, Recording);
        await media.StartAsync(paused: false);

        var recorder = await media.StartRecordingAsync(RecordingFormat.Mp4);
        await WaitForFramesAsync(recorder, 10);

        // Click the red page (it goes to green), as the action layer would report it.
        await ClickAsync(session, media, 120, 90);
        await Eventually.TrueAsync(() => session.Url.EndsWith("/rec-green", StringComparison.Ordinal), Patience, "the click navigated");
        await WaitForFramesAsync(recorder, recorder.FramesWritten + 10);

        await session.NavigateAsync(blue);
        await ClickAsync(session, media, 300, 150);
        await WaitForFramesAsync(recorder, recorder.FramesWritten + 15);
        var result = await media.StopRecordingAsync();

        Assert.Null(result.Error);
        Assert.Equal(_folder, Path.GetDirectoryName(Path.GetDirectoryName(result.Path)));
        Assert.True(result.SizeBytes > 0);
        var probe = await VideoProbe.ProbeAsync(result.Path);
        Assert.Equal(("h264", Width, Height, "yuv420p"), (probe.Codec, probe.Width, probe.Height, probe.PixelFormat));
        Assert.Equal(result.Frames, probe.DecodedFrames);
        // Constant frame rate: the file lasts as long as its frames at 10 fps (that the frames follow the
        // clock is shown on a fake clock below, free of this machine's load).
        Assert.InRange(probe.DurationSeconds, (result.Frames - 1) / 10.0, (result.Frames + 1) / 10.0);
        Assert.InRange(result.DurationSeconds, probe.DurationSeconds - 0.2, probe.DurationSeconds + 0.2);

        var frames = await VideoProbe.DecodeRgbAsync(result.Path, Width, Height);
        var centres = frames.Select(f => VideoProbe.Pixel(f, Width, Width - 20, Height - 20)).ToList();
        Assert.Contains(centres, c => VideoProbe.Near(c, TestPages.Red));
        Assert.Contains(centres, c => VideoProbe.Near(c, TestPages.Green));
        Assert.Contains(centres, c => VideoProbe.Near(c, TestPages.Blue));

        // The last frame shows the ghost cursor's white arrow just below the click point on blue.
        var last = frames[^1];
        Assert.True(VideoProbe.Near(VideoProbe.Pixel(last, Width, 303, 159), (255, 255, 255), 60), "cursor arrow at the click point");
        Assert.True(VideoProbe.Near(VideoProbe.Pixel(last, Width, 340, 200), TestPages.Blue), "page colour beside the cursor");
    }

    [Fact]
    public async Task Frames_follow_the_recording_clock_one_per_tick_and_a_late_tick_writes_the_missed_ones()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var session = await fixture.NewSessionAsync(Viewport);
        await session.NavigateAsync(TestPages.Solid(fixture.Server, "/rec-clock", TestPages.Green));
        await using var media = new SessionMedia(session, "clock", Screencast, Recording, time);
        await media.StartAsync(paused: false);
        var recorder = await media.StartRecordingAsync(RecordingFormat.Mp4);
        await WaitForFramesAsync(recorder, 1);

        // 3 s in 100 ms ticks: each slot that ended has its frame; then a single 1 s jump: the 10
        // slots it was late. Stopping writes the slot open at the stop (the 41st).
        for (var tick = 1; tick <= 30; tick++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await WaitForFramesAsync(recorder, tick);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        await WaitForFramesAsync(recorder, 40);
        var result = await media.StopRecordingAsync();

        Assert.Equal(41, result.Frames);
        Assert.Equal(4.1, result.DurationSeconds);
        var probe = await VideoProbe.ProbeAsync(result.Path);
        Assert.Equal(41, probe.DecodedFrames);
        Assert.InRange(probe.DurationSeconds, 4.0, 4.2);
    }

    [Fact]
    public async Task Records_webm_as_vp8()
    {
        await using var session = await fixture.NewSessionAsync(Viewport);
        await session.NavigateAsync(TestPages.Animated(fixture.Server, "/rec-webm"));
        await using var media = new SessionMedia(session, "webm", Screencast, Recording);
        await media.StartAsync(paused: false);
        var recorder = await media.StartRecordingAsync(RecordingFormat.Webm);
        await WaitForFramesAsync(recorder, 15);
        var result = await media.StopRecordingAsync();

        Assert.EndsWith(".webm", result.Path, StringComparison.Ordinal);
        var probe = await VideoProbe.ProbeAsync(result.Path);
        Assert.Equal(("vp8", Width, Height), (probe.Codec, probe.Width, probe.Height));
        Assert.Equal(result.Frames, probe.DecodedFrames);
    }

    [Fact]
    public async Task A_recording_cut_by_sigkill_of_its_owner_and_ffmpeg_still_plays()
    {
        var url = TestPages.Animated(fixture.Server, "/rec-kill");
        var probeDll = Path.Combine(
            AppContext.BaseDirectory.Replace("Navigator.Media.Tests", "Navigator.Media.RecordingProbe", StringComparison.Ordinal),
            "Navigator.Media.RecordingProbe.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { probeDll, _folder, url, "35" })
        {
            start.ArgumentList.Add(argument);
        }

        using var owner = Process.Start(start)!;
        var ready = await owner.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(ready?.StartsWith("recording ", StringComparison.Ordinal), $"probe said: {ready} {await ReadErrorAsync(owner)}");
        var parts = ready!.Split(' ', 3);
        var ffmpegPid = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var path = parts[2];

        // Nothing finishes the file: the owner and ffmpeg both die at once.
        using (var ffmpeg = Process.GetProcessById(ffmpegPid))
        {
            owner.Kill();
            ffmpeg.Kill();
            await ffmpeg.WaitForExitAsync();
        }

        await owner.WaitForExitAsync();
        var probe = await VideoProbe.ProbeAsync(path);
        Assert.Equal(("h264", 320, 240), (probe.Codec, probe.Width, probe.Height));
        Assert.True(probe.DecodedFrames >= 20, $"{probe.DecodedFrames} frames decodable after the kill");
        var frames = await VideoProbe.DecodeRgbAsync(path, 320, 240);
        Assert.Equal(probe.DecodedFrames, frames.Count);
    }

    [Fact]
    public async Task Bad_input_gets_clear_errors_and_a_failing_encoder_never_breaks_the_session()
    {
        await using var session = await fixture.NewSessionAsync(Viewport);
        await session.NavigateAsync(TestPages.Animated(fixture.Server, "/rec-errors"));

        // A folder under a regular file cannot exist (permissions would not stop root).
        var file = Path.Combine(_folder, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");
        await using (var unwritable = new SessionMedia(session, "bad-folder", Screencast, new RecordingOptions { Directory = Path.Combine(file, "sub") }))
        {
            var error = await Assert.ThrowsAsync<MediaException>(() => unwritable.StartRecordingAsync(null));
            Assert.Equal(MediaErrorCodes.DirectoryUnwritable, error.Code);
            Assert.Contains("Recording:Directory", error.Message, StringComparison.Ordinal);
        }

        await using (var missing = new SessionMedia(session, "no-ffmpeg", Screencast, new RecordingOptions { Directory = _folder, FfmpegPath = "/nonexistent/ffmpeg" }))
        {
            var error = await Assert.ThrowsAsync<MediaException>(() => missing.StartRecordingAsync(null));
            Assert.Equal(MediaErrorCodes.EncoderUnavailable, error.Code);
        }

        await using var media = new SessionMedia(session, "errors", Screencast, Recording);
        await media.StartAsync(paused: false);
        Assert.Equal(MediaErrorCodes.NoRecording, (await Assert.ThrowsAsync<MediaException>(() => media.StopRecordingAsync())).Code);

        var recorder = await media.StartRecordingAsync(null);
        Assert.Equal(MediaErrorCodes.RecordingActive, (await Assert.ThrowsAsync<MediaException>(() => media.StartRecordingAsync(null))).Code);

        // ffmpeg dies mid-recording: the recorder notices, the screencast and the page carry on.
        await WaitForFramesAsync(recorder, 5);
        using (var ffmpeg = Process.GetProcessById(recorder.EncoderProcessId))
        {
            ffmpeg.Kill();
            await ffmpeg.WaitForExitAsync();
        }

        await Eventually.TrueAsync(() => recorder.Error is not null, Patience, "the recorder noticed ffmpeg died");
        var framesBefore = media.Screencast.FramesReceived;
        await Eventually.TrueAsync(() => media.Screencast.FramesReceived > framesBefore, Patience, "frames still flow");
        Assert.Equal("rgb(255, 255, 255)", (await session.ActivePage.EvaluateAsync("getComputedStyle(document.body).backgroundColor")).GetString());
        var failed = await Assert.ThrowsAsync<MediaException>(() => media.StopRecordingAsync());
        Assert.Equal(MediaErrorCodes.RecordingFailed, failed.Code);

        // The room can record again afterwards.
        var again = await media.StartRecordingAsync(null);
        await WaitForFramesAsync(again, 3);
        Assert.Null((await media.StopRecordingAsync()).Error);
    }

    [Fact]
    public async Task A_stalled_encoder_holds_up_neither_its_session_nor_another_recording_and_stop_gives_it_up()
    {
        var url = TestPages.Animated(fixture.Server, "/rec-stall");
        await using var stalledSession = await fixture.NewSessionAsync(Viewport);
        await using var otherSession = await fixture.NewSessionAsync(Viewport);
        await stalledSession.NavigateAsync(url);
        await otherSession.NavigateAsync(url);
        var options = new RecordingOptions { Directory = _folder, FinishTimeout = TimeSpan.FromSeconds(3) };
        await using var stalled = new SessionMedia(stalledSession, "stalled", Screencast, options);
        await using var other = new SessionMedia(otherSession, "other", Screencast, options);
        await stalled.StartAsync(paused: false);
        await other.StartAsync(paused: false);
        var stalledRecorder = await stalled.StartRecordingAsync(RecordingFormat.Mp4);
        var otherRecorder = await other.StartRecordingAsync(RecordingFormat.Mp4);
        await WaitForFramesAsync(stalledRecorder, 5);
        await WaitForFramesAsync(otherRecorder, 5);

        // ffmpeg stops reading: its pipe fills (it holds about a frame) and the write blocks.
        await SignalAsync("STOP", stalledRecorder.EncoderProcessId);
        await Task.Delay(500);
        var stalledAt = stalledRecorder.FramesWritten;
        var otherAt = otherRecorder.FramesWritten;
        var receivedAt = stalled.Screencast.FramesReceived;
        await WaitForFramesAsync(otherRecorder, otherAt + 20);
        Assert.True(stalledRecorder.FramesWritten - stalledAt <= 2, $"{stalledRecorder.FramesWritten - stalledAt} frames went into a stopped ffmpeg");
        await Eventually.TrueAsync(() => stalled.Screencast.FramesReceived > receivedAt, Patience, "the stalled session's frames still flow");
        Assert.Equal("rgb(255, 255, 255)", (await stalledSession.ActivePage.EvaluateAsync("getComputedStyle(document.body).backgroundColor")).GetString());

        // ffmpeg reads again: the slots missed meanwhile are written, so the file still lasts the wall time.
        await SignalAsync("CONT", stalledRecorder.EncoderProcessId);
        await Eventually.TrueAsync(() => stalledRecorder.FramesWritten >= otherRecorder.FramesWritten, Patience, "the stalled recording caught up");
        var resumed = await stalled.StopRecordingAsync();
        var probe = await VideoProbe.ProbeAsync(resumed.Path);
        Assert.Equal(resumed.Frames, probe.DecodedFrames);

        // A second recording whose ffmpeg never reads again: stopping gives up on it after FinishTimeout.
        var stuck = await stalled.StartRecordingAsync(RecordingFormat.Mp4);
        await WaitForFramesAsync(stuck, 5);
        await SignalAsync("STOP", stuck.EncoderProcessId);
        await WaitForFramesAsync(otherRecorder, otherRecorder.FramesWritten + 10);
        var failed = await Assert.ThrowsAsync<MediaException>(() => stalled.StopRecordingAsync().WaitAsync(Patience));
        Assert.Equal(MediaErrorCodes.RecordingFailed, failed.Code);
        Assert.Contains("stopped reading frames", failed.Message, StringComparison.Ordinal);
        Assert.Null((await other.StopRecordingAsync()).Error);
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task ClickAsync(BrowserSession session, SessionMedia media, double x, double y)
    {
        foreach (var type in new[] { "mousePressed", "mouseReleased" })
        {
            await session.SendAsync(new InputDispatchMouseEventRequest { Type = type, X = x, Y = y, Button = "left", ClickCount = 1 });
        }

        media.Cursor.Click(x, y);
    }

    private static Task WaitForFramesAsync(MediaRecorder recorder, long frames) =>
        Eventually.TrueAsync(() => recorder.FramesWritten >= frames, Patience, $"{frames} frames written");

    private static async Task<string> ReadErrorAsync(Process process)
    {
        if (!process.HasExited)
        {
            return string.Empty;
        }

        return await process.StandardError.ReadToEndAsync();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
