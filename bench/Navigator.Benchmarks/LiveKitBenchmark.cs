using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Navigator.Browser;
using Navigator.LiveKit;
using Navigator.LiveKit.Streaming;
using Navigator.LiveKit.Tests;
using Navigator.LiveKit.Tokens;
using Navigator.Media;
using Navigator.Media.Cursor;
using Navigator.Testing;
using Navigator.Tools.Events;
using Navigator.Tools.Media;
using Navigator.Tools.Sessions;

namespace Navigator.Benchmarks;

/// <summary>
/// LiveKit streaming against the tests' double in their private network: the per-frame cost at
/// 1280x720 (ghost cursor compose, then CaptureVideoFrame, which converts BGRA to I420 in the core)
/// beside a plain copy of the frame; the time from start_browser_session to the double's first
/// keyframe; and 4 sessions streaming 1280x720 at 15 fps with the frame rate the double receives.
/// </summary>
internal sealed class LiveKitBenchmark : IBenchmark
{
    private const int Width = 1280;
    private const int Height = 720;
    private const int Fps = 15;
    private const int Sessions = 4;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private const string AnimatedPage = """
        <html><head><title>LiveKit</title><style>
        body{margin:0;background:#f4f4f4;font:16px sans-serif}
        #box{width:160px;height:160px;background:#c33;animation:slide 2s linear infinite alternate}
        @keyframes slide{from{transform:translateX(0)}to{transform:translateX(1000px)}}
        </style></head><body><div id="box"></div></body></html>
        """;

    public string Name => "livekit";

    public string Description => "LiveKit at 1280x720: compose + CaptureVideoFrame per frame vs a frame copy, start_browser_session to first keyframe received, 4 sessions at 15 fps received";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var network = LiveKitNetwork.Instance;
        var table = new ResultTable(context.Output, $"livekit ({Width}x{Height} @ {Fps} fps, VP8, double in a private network namespace; machine shared)");
        await MeasureFrameCostAsync(network, context, table, cancellationToken);

        await using var server = await TestWebServer.StartAsync();
        server.MapHtml("/bench/livekit", AnimatedPage);
        await using var pool = new BrowserPool(new BrowserPoolOptions());
        await pool.WarmUpAsync(cancellationToken);
        await MeasureFirstFrameAsync(network, pool, server.Url("/bench/livekit"), context, table, cancellationToken);
        await MeasureSessionsAsync(network, pool, server.Url("/bench/livekit"), table, cancellationToken);
        table.Print();
    }

    private static async Task MeasureFrameCostAsync(LiveKitNetwork network, BenchmarkContext context, ResultTable table, CancellationToken cancellationToken)
    {
        await using var server = await network.StartDoubleAsync();
        var settings = new LiveKitPublishSettings
        {
            Url = server.Url,
            Token = new LiveKitTokenMinter(server.ApiKey, server.ApiSecret).MintPublisherToken("bench-frame", "navigator-browser", TimeSpan.FromHours(1)),
            Width = Width,
            Height = Height,
            Fps = Fps,
        };
        await using var connection = await LiveKitRoomConnection.ConnectAsync(network.Ffi, settings, new LiveKitOptions(), cancellationToken);
        using var compositor = new FrameCompositor(Width, Height, Width);
        var copy = new byte[Width * Height * 4];
        var cursor = new GhostCursor();
        cursor.MoveTo(300, 200);
        var frame = 0L;
        var count = Math.Max(context.Iterations, 30);
        var (capture, plain) = await Samples.MeasurePairAsync(
            "compose+capture",
            () =>
            {
                compositor.Compose(cursor.Sample(Stopwatch.GetTimestamp()));
                connection.CaptureFrame(compositor.Pixels.Span, frame++ * 66_666);
                return Task.CompletedTask;
            },
            "copy",
            () =>
            {
                compositor.Pixels.Span.CopyTo(copy);
                return Task.CompletedTask;
            },
            count);
        table.Add("compose + CaptureVideoFrame per frame", capture, plain, 1000.0 / Fps);
    }

    private static async Task MeasureFirstFrameAsync(LiveKitNetwork network, BrowserPool pool, string page, BenchmarkContext context, ResultTable table, CancellationToken cancellationToken)
    {
        var samples = new Samples("first frame");
        var runs = Math.Clamp(context.Iterations, 3, 10);
        for (var i = 0; i < runs; i++)
        {
            await using var server = await network.StartDoubleAsync();
            await using var manager = NewManager(pool, server);
            var started = Stopwatch.GetTimestamp();
            await manager.StartAsync(new StartSessionRequest { RoomName = $"bench-first-{i}", InitialUrl = page, LiveKitUrl = server.Url, ViewportWidth = Width, ViewportHeight = Height, Fps = Fps }, cancellationToken);
            await server.WaitForAsync("keyframe", TimeSpan.FromSeconds(60));
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        table.Add("start_browser_session to first keyframe received", samples, null, 1000);
    }

    private static async Task MeasureSessionsAsync(LiveKitNetwork network, BrowserPool pool, string page, ResultTable table, CancellationToken cancellationToken)
    {
        var servers = new List<LiveKitDouble>();
        var managers = new List<RoomSessionManager>();
        try
        {
            for (var i = 0; i < Sessions; i++)
            {
                var server = await network.StartDoubleAsync();
                servers.Add(server);
                var manager = NewManager(pool, server);
                managers.Add(manager);
                await manager.StartAsync(new StartSessionRequest { RoomName = $"bench-four-{i}", InitialUrl = page, LiveKitUrl = server.Url, ViewportWidth = Width, ViewportHeight = Height, Fps = Fps }, cancellationToken);
            }

            foreach (var server in servers)
            {
                await server.WaitForStatsAsync(s => s.Frames >= Fps, TimeSpan.FromSeconds(60), "the first second of frames");
            }

            var before = new List<DoubleStats>();
            foreach (var server in servers)
            {
                before.Add(await server.StatsAsync());
            }

            var self = Process.GetCurrentProcess();
            var cpuBefore = self.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            await Task.Delay(Window, cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            self.Refresh();
            var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds / seconds;
            var rates = new List<string>();
            for (var i = 0; i < Sessions; i++)
            {
                var after = await servers[i].StatsAsync();
                rates.Add(((after.Frames - before[i].Frames) / seconds).ToString("0.0", CultureInfo.InvariantCulture));
            }

            table.AddValue($"{Sessions} sessions: frames/s received per session", string.Join(" / ", rates), target: Fps.ToString(CultureInfo.InvariantCulture));
            table.AddValue($"{Sessions} sessions: process CPU (cores, browsers excluded)", cpu.ToString("0.00", CultureInfo.InvariantCulture));
        }
        finally
        {
            foreach (var manager in managers)
            {
                await manager.DisposeAsync();
            }

            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static RoomSessionManager NewManager(BrowserPool pool, LiveKitDouble server)
    {
        var media = new RoomMediaFactory();
        var events = new InMemoryRoomEventBroadcaster();
        var streams = new RoomStreamFactory(new LiveKitStreaming(Options.Create(new LiveKitOptions { ApiKey = server.ApiKey, ApiSecret = server.ApiSecret })), media, events);
        return new RoomSessionManager(pool, new InMemorySessionDirectory(), events, Options.Create(new SessionManagerOptions { IdleTimeout = TimeSpan.Zero }), componentFactories: [media, streams]);
    }
}
