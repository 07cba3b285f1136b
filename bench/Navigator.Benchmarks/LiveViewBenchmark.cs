using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Navigator.Browser;
using Navigator.Browser.Media;
using Navigator.Media;
using Navigator.Media.Live;
using Navigator.Media.Recording;
using Navigator.Testing;

namespace Navigator.Benchmarks;

/// <summary>
/// The live view's feed of one room at 1280x720 and 15 fps with the ghost cursor clicking: frames
/// per second each of three reading viewers gets beside what Chromium sent (the baseline, same run),
/// capture-to-viewer latency, compose + JPEG encode time, and that a fourth viewer that never reads
/// costs the others nothing (its channel holds one frame).
/// </summary>
internal sealed class LiveViewBenchmark : IBenchmark
{
    private const int Fps = 15;
    private const int Width = 1280;
    private const int Height = 720;
    private const int ReadingViewers = 3;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private const string AnimatedPage = """
        <html><head><title>Live</title><style>
        body{margin:0;background:#f4f4f4}
        #box{width:160px;height:160px;background:#c33;animation:slide 2s linear infinite alternate}
        @keyframes slide{from{transform:translateX(0)}to{transform:translateX(1000px)}}
        </style></head><body><div id="box"></div></body></html>
        """;

    public string Name => "live";

    public string Description => "live view feed, 1 room 1280x720@15 with the ghost cursor, 3 reading viewers + 1 stalled: fps per viewer vs Chromium's, capture-to-viewer p50, compose+encode p50";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var server = await TestWebServer.StartAsync();
        server.MapHtml("/bench/live", AnimatedPage);
        await using var pool = new BrowserPool(new BrowserPoolOptions());
        await using var browser = await pool.CreateSessionAsync(new BrowserSessionOptions { ViewportWidth = Width, ViewportHeight = Height }, cancellationToken);
        await browser.NavigateAsync(server.Url("/bench/live"), cancellationToken: cancellationToken);
        await using var media = new SessionMedia(browser, "bench-live", new ScreencastOptions { Fps = Fps, MaxWidth = Width, MaxHeight = Height }, new RecordingOptions());
        await media.StartAsync(paused: false, cancellationToken);
        using var metrics = new MediaMetricSamples("navigator.media.live_compose", "navigator.media.live_latency");
        using var stalled = media.Live.Subscribe();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delivered = new long[ReadingViewers];
        var latency = new StrongBox<Samples>(new Samples("capture to viewer"));
        var viewers = Enumerable.Range(0, ReadingViewers).Select(i => ReadAsync(media.Live, i, delivered, latency, stop.Token)).ToList();

        media.Cursor.Click(Width / 2, Height / 2);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        metrics.Clear();
        lock (latency)
        {
            // Only the window's frames count.
            latency.Value = new Samples("capture to viewer");
        }

        var before = delivered.ToArray();
        var received = media.Screencast.FramesReceived;
        var composed = media.Live.FramesComposed;
        var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var random = new Random(7);
        while (Stopwatch.GetElapsedTime(started) < Window)
        {
            media.Cursor.Click(random.Next(20, Width - 20), random.Next(20, Height - 20));
            await Task.Delay(400, cancellationToken);
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds / seconds * 100;
        var viewerFps = delivered.Select((d, i) => (d - before[i]) / seconds).ToList();
        var chromiumFps = (media.Screencast.FramesReceived - received) / seconds;
        var composedFps = (media.Live.FramesComposed - composed) / seconds;
        await stop.CancelAsync();
        await Task.WhenAll(viewers);

        var table = new ResultTable(context.Output, $"live view feed (1 room, {Width}x{Height} @ {Fps} fps, ghost cursor clicking every 400 ms, {ReadingViewers} reading viewers + 1 stalled, {seconds:0.#} s window)");
        table.AddValue("frames/s per reading viewer (min of 3)", F(viewerFps.Min()), $"{F(chromiumFps)} sent by Chromium", $">= {F(Math.Min(chromiumFps, Fps) * 0.9)}", viewerFps.Min() >= Math.Min(chromiumFps, Fps) * 0.9 ? "PASS" : "MISS");
        table.AddValue("frames composed+encoded/s (shared by all viewers)", F(composedFps));
        table.Add("capture to viewer", latency.Value!, null, 100);
        table.Add("capture to published (feed only)", metrics.Get("navigator.media.live_latency"), null, null);
        table.Add("compose + JPEG encode one frame", metrics.Get("navigator.media.live_compose"), null, null);
        table.AddValue("stalled viewer's backlog", string.Create(CultureInfo.InvariantCulture, $"{stalled.Frames.Count} frame"), null, "1", stalled.Frames.Count == 1 ? "PASS" : "MISS");
        table.AddValue("CPU of this process (feed + screencast)", string.Create(CultureInfo.InvariantCulture, $"{cpu:0}% of a core"));
        table.Print();
    }

    private static async Task ReadAsync(LiveFeed feed, int viewer, long[] delivered, StrongBox<Samples> latency, CancellationToken cancellationToken)
    {
        using var frames = feed.Subscribe();
        try
        {
            while (await frames.Frames.WaitToReadAsync(cancellationToken))
            {
                while (frames.Frames.TryRead(out var frame))
                {
                    Interlocked.Increment(ref delivered[viewer]);
                    lock (latency)
                    {
                        latency.Value!.Add(Stopwatch.GetElapsedTime(frame.CapturedTimestamp).TotalMilliseconds);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The window ended.
        }
    }

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
