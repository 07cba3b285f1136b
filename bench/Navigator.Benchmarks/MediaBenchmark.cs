using System.Diagnostics;
using System.Globalization;
using Navigator.Actions;
using Navigator.Actions.Commands;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Browser.Media;
using Navigator.Media;
using Navigator.Media.Recording;
using Navigator.Testing;

namespace Navigator.Benchmarks;

/// <summary>
/// Four sessions recorded at once, 1280x720 at 15 fps with the ghost cursor moving: frames per
/// second per session (constant-rate output, and distinct page frames beside what Chromium sent),
/// capture-to-encoder latency, compose and decode time per frame, CPU per stream (this process
/// plus its ffmpeg), and an action's latency with recording on against the same action off.
/// </summary>
internal sealed class MediaBenchmark : IBenchmark
{
    private const int Sessions = 4;
    private const int Fps = 15;
    private const int Width = 1280;
    private const int Height = 720;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    private const string AnimatedPage = """
        <html><head><title>Media</title><style>
        body{margin:0;background:#f4f4f4;font:16px sans-serif}
        #box{width:160px;height:160px;background:#c33;animation:slide 2s linear infinite alternate}
        @keyframes slide{from{transform:translateX(0)}to{transform:translateX(1000px)}}
        </style></head><body><div id="box"></div>
        <button id="b" onclick="window.clicks=(window.clicks||0)+1">Count</button></body></html>
        """;

    public string Name => "media";

    public string Description => "4 sessions recording 1280x720@15 with the ghost cursor: fps, capture-to-encoder p50, compose p50, CPU per stream, action latency on vs off";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var server = await TestWebServer.StartAsync();
        server.MapHtml("/bench/media", AnimatedPage);
        await using var pool = new BrowserPool(new BrowserPoolOptions());
        var folder = Directory.CreateTempSubdirectory("navigator-bench-media-").FullName;
        var recording = new RecordingOptions { Directory = folder };
        var screencast = new ScreencastOptions { Fps = Fps, MaxWidth = Width, MaxHeight = Height };
        var browsers = new List<BrowserSession>();
        var media = new List<SessionMedia>();
        using var metrics = new MediaMetricSamples(
            "navigator.media.capture_to_encoder", "navigator.media.swap_to_encoder", "navigator.media.screencast_transport", "navigator.media.decode_wait",
            "navigator.media.slot_wait", "navigator.media.encoder_write", "navigator.media.compose", "navigator.media.convert_to_yuv", "navigator.media.decode");
        try
        {
            for (var i = 0; i < Sessions; i++)
            {
                var browser = await pool.CreateSessionAsync(new BrowserSessionOptions { ViewportWidth = Width, ViewportHeight = Height }, cancellationToken);
                await browser.NavigateAsync(server.Url("/bench/media"), cancellationToken: cancellationToken);
                browsers.Add(browser);
                var room = new SessionMedia(browser, $"bench-{i}", screencast, recording);
                await room.StartAsync(paused: false, cancellationToken);
                media.Add(room);
            }

            var recorders = new List<MediaRecorder>();
            foreach (var room in media)
            {
                recorders.Add(await room.StartRecordingAsync(RecordingFormat.Mp4, cancellationToken));
            }

            // Warm up (encoders start, JIT), then measure a fixed window.
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            metrics.Clear();
            var encoders = recorders.Select(r => Process.GetProcessById(r.EncoderProcessId)).ToList();
            var self = Process.GetCurrentProcess();
            var cpuBefore = self.TotalProcessorTime + encoders.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.TotalProcessorTime);
            var written = recorders.Select(r => r.FramesWritten).ToList();
            var behindAtStart = recorders.Max(r => r.FramesDue - r.FramesWritten);
            var fresh = recorders.Select(r => r.PageFramesWritten).ToList();
            var received = media.Select(m => m.Screencast.FramesReceived).ToList();
            var started = Stopwatch.GetTimestamp();
            var random = new Random(7);
            while (Stopwatch.GetElapsedTime(started) < Window)
            {
                foreach (var room in media)
                {
                    room.Cursor.Click(random.Next(20, Width - 20), random.Next(20, Height - 20));
                }

                await Task.Delay(400, cancellationToken);
            }

            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            self.Refresh();
            encoders.ForEach(p => p.Refresh());
            var cpu = self.TotalProcessorTime + encoders.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.TotalProcessorTime) - cpuBefore;
            var writtenFps = recorders.Select((r, i) => (r.FramesWritten - written[i]) / seconds).ToList();
            var behindAtEnd = recorders.Max(r => r.FramesDue - r.FramesWritten);
            var freshFps = recorders.Select((r, i) => (r.PageFramesWritten - fresh[i]) / seconds).ToList();
            var receivedFps = media.Select((m, i) => (m.Screencast.FramesReceived - received[i]) / seconds).ToList();
            encoders.ForEach(p => p.Dispose());

            // Action latency: the same click on two sessions of the same page, one recording, interleaved.
            var (recordedClick, plainClick) = await MeasureClicksAsync(browsers[0], media[0], browsers[1], media[1], context, cancellationToken);
            foreach (var room in media.Where(m => m.ActiveRecording is not null))
            {
                await room.StopRecordingAsync(cancellationToken);
            }

            var table = new ResultTable(context.Output, $"media ({Sessions} sessions at once, {Width}x{Height} @ {Fps} fps, ghost cursor clicking every 400 ms, {seconds:0.#} s window)");
            table.AddValue("output fps per session (min of 4)", F(writtenFps.Min()), $"{Fps} nominal", ">= 14", writtenFps.Min() >= 14 ? "PASS" : "MISS");
            // Slots missed while the pipe was slow are written late: a window that ends behind reads low.
            table.AddValue("writer behind the clock, window start / end (frames, max of 4)", string.Create(CultureInfo.InvariantCulture, $"{behindAtStart} / {behindAtEnd}"));
            table.AddValue("distinct page frames/s encoded (min of 4)", F(freshFps.Min()), $"{F(receivedFps.Min())} sent by Chromium");
            table.Add("capture-to-encoder latency", metrics.Get("navigator.media.capture_to_encoder"), null, 60);
            table.Add("  Chromium swap -> encoder (end to end)", metrics.Get("navigator.media.swap_to_encoder"), null, null);
            table.Add("  Chromium swap -> arrival (JPEG + CDP)", metrics.Get("navigator.media.screencast_transport"), null, null);
            table.Add("  arrival -> decode start", metrics.Get("navigator.media.decode_wait"), null, null);
            table.Add("  decode + scale one JPEG", metrics.Get("navigator.media.decode"), null, null);
            table.Add("  decoded -> its write starts", metrics.Get("navigator.media.slot_wait"), null, null);
            table.Add("  pipe write of one frame", metrics.Get("navigator.media.encoder_write"), null, null);
            table.Add("compose one frame (copy + cursor)", metrics.Get("navigator.media.compose"), null, 4);
            table.Add("convert one frame to I420 for ffmpeg", metrics.Get("navigator.media.convert_to_yuv"), null, null);
            table.AddValue("CPU per stream (navigator + its ffmpeg)", string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalSeconds / seconds / Sessions * 100:0}% of a core"));
            table.Add("click by index, recording on", recordedClick, plainClick, plainClick.Median * 1.1);
            table.Print();
        }
        finally
        {
            foreach (var room in media)
            {
                await room.DisposeAsync();
            }

            foreach (var browser in browsers)
            {
                await browser.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(Samples Recorded, Samples Plain)> MeasureClicksAsync(
        BrowserSession recordedBrowser, SessionMedia recorded, BrowserSession plainBrowser, SessionMedia plain, BenchmarkContext context, CancellationToken cancellationToken)
    {
        // The second session's recording stops so it is the "off" side; its capture keeps running.
        await plain.StopRecordingAsync(cancellationToken);
        var builder = new PageStateBuilder();
        await using var on = new ActionDispatcher(recordedBrowser, builder);
        await using var off = new ActionDispatcher(plainBrowser, builder);
        var onClick = await ClickCommandAsync(on, cancellationToken);
        var offClick = await ClickCommandAsync(off, cancellationToken);

        async Task Click(ActionDispatcher dispatcher, ClickCommand command, SessionMedia? cursorOwner)
        {
            var result = await dispatcher.ExecuteAsync(command, cancellationToken);
            if (!result.Success)
            {
                throw new InvalidOperationException($"click failed: {result.Error}");
            }

            if (cursorOwner is not null && result.ClickPoint is { } point)
            {
                cursorOwner.Cursor.Click(point.X, point.Y);
            }
        }

        var iterations = Math.Max(context.Iterations, 40);
        return await Samples.MeasurePairAsync(
            "click, recording on", () => Click(on, onClick, recorded),
            "click, recording off", () => Click(off, offClick, null),
            iterations,
            warmup: 5);
    }

    private static async Task<ClickCommand> ClickCommandAsync(ActionDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var snapshot = await dispatcher.GetContextAsync(PageStateOptions.Default, cancellationToken);
        return new ClickCommand { Index = snapshot.Elements.First(e => e.Tag == "button").Index };
    }

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
