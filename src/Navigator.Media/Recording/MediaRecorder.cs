using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Navigator.Browser.Media;
using Navigator.Media.Cursor;

namespace Navigator.Media.Recording;

/// <summary>
/// Records a screencast to a file. Two loops: the compositor decodes each new page frame as it
/// arrives and paints the ghost cursor over it (again on each tick while the cursor moves), and
/// hands the result (as I420) over a one-frame slot to a <see cref="ConstantRateWriter"/> that
/// feeds ffmpeg raw frames at a constant rate. A new page goes to ffmpeg as soon as it is composed (when its slot
/// is free), and a slow pipe delays only the writer. When ffmpeg fails the recorder stops and keeps
/// the reason; the session it records is never affected.
/// </summary>
public sealed partial class MediaRecorder : IAsyncDisposable
{
    private readonly NewestFrameSubscription<ScreencastFrame> _frames;
    private readonly GhostCursor? _cursor;
    private readonly FfmpegEncoder _encoder;
    private readonly FrameCompositor _compositor;
    private readonly ComposedFrameSlot _slot;
    private readonly ConstantRateWriter _writer;
    private readonly RecordingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private static readonly Task<bool> NoMoreFrames = new TaskCompletionSource<bool>().Task;

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _composing;
    private readonly Task _writing;
    private readonly int _fps;
    private long _decodedAt;
    private volatile string? _error;
    private RecordingResult? _result;

    private MediaRecorder(ScreencastSource source, GhostCursor? cursor, FfmpegEncoder encoder, RecordingFormat format, string path, RecordingOptions options, ILogger logger)
    {
        _cursor = cursor;
        _encoder = encoder;
        _options = options;
        _logger = logger;
        _time = source.Time;
        _fps = source.Options.Fps;
        Format = format;
        Path = path;
        _compositor = new FrameCompositor(source.Options.MaxWidth, source.Options.MaxHeight, source.Options.MaxWidth);
        _slot = new ComposedFrameSlot(I420Converter.FrameBytes(_compositor.Width, _compositor.Height));
        _writer = new ConstantRateWriter(encoder, _slot, _time, _fps);
        _frames = source.Subscribe();
        var started = _time.GetTimestamp();
        _composing = Task.Run(() => ComposeAsync(_stop.Token));
        _writing = Task.Run(() => WriteAsync(started));
    }

    /// <summary>Full path of the file being written.</summary>
    public string Path { get; }

    /// <summary>Container and codec.</summary>
    public RecordingFormat Format { get; }

    /// <summary>Frames written so far.</summary>
    public long FramesWritten => _writer.FramesWritten;

    /// <summary>Slots of the constant-rate clock that have ended: frames the file should hold by now.</summary>
    public long FramesDue => _writer.FramesDue;

    /// <summary>Distinct page frames that reached the encoder (the rest of <see cref="FramesWritten"/> are repeats).</summary>
    public long PageFramesWritten => _writer.PageFramesWritten;

    /// <summary>Why the recording failed, or null while it is fine.</summary>
    public string? Error => _error;

    /// <summary>The ffmpeg process id (for diagnostics and kill tests).</summary>
    public int EncoderProcessId => _encoder.ProcessId;

    /// <summary>
    /// Starts ffmpeg and the frame loops writing <paramref name="path"/> (its folder must exist and
    /// be writable). The video is the source's viewport size (rounded down to even) at its fps.
    /// </summary>
    public static MediaRecorder Start(ScreencastSource source, GhostCursor? cursor, RecordingFormat format, string path, RecordingOptions options, ILogger<MediaRecorder>? logger = null)
    {
        var width = source.Options.MaxWidth & ~1;
        var height = source.Options.MaxHeight & ~1;
        var encoder = FfmpegEncoder.Start(options.FfmpegPath, FfmpegArguments.Build(format, width, height, source.Options.Fps, path, options), I420Converter.FrameBytes(width, height));
        var log = logger ?? (ILogger)NullLogger.Instance;
        LogEncoderStarted(log, path, encoder.PipeCapacityBytes ?? 0);
        return new MediaRecorder(source, cursor, encoder, format, path, options, log);
    }

    /// <summary>
    /// Stops the loops, lets ffmpeg finish the file and describes it. An ffmpeg that stopped reading
    /// is killed after <see cref="RecordingOptions.FinishTimeout"/> (what it wrote stays playable). Idempotent.
    /// </summary>
    public async Task<RecordingResult> StopAsync()
    {
        if (_result is { } done)
        {
            return done;
        }

        await _stop.CancelAsync();
        await _composing;
        try
        {
            await _writing.WaitAsync(_options.FinishTimeout);
        }
        catch (TimeoutException)
        {
            _error ??= $"ffmpeg stopped reading frames for {_options.FinishTimeout.TotalSeconds:0} s and was stopped";
            _encoder.Abort();
            await _writing;
        }

        _frames.Dispose();
        var exitCode = await _encoder.FinishAsync(_options.FinishTimeout);
        if (exitCode != 0 && _error is null)
        {
            _error = exitCode == -1
                ? $"ffmpeg did not finish the file within {_options.FinishTimeout.TotalSeconds:0} s and was stopped"
                : $"ffmpeg exited with code {exitCode}: {_encoder.ErrorTail}";
        }

        var frames = FramesWritten;
        _result = new RecordingResult
        {
            Path = Path,
            Format = Format,
            Frames = frames,
            DurationSeconds = Math.Round((double)frames / _fps, 3),
            SizeBytes = File.Exists(Path) ? new FileInfo(Path).Length : 0,
            Error = _error,
        };
        LogStopped(_logger, Path, frames, _error ?? "ok");
        return _result;
    }

    private async Task WriteAsync(long started)
    {
        try
        {
            await _writer.RunAsync(started, _stop.Token);
        }
        catch (IOException ex)
        {
            // ffmpeg exited (bad output path, disk full, killed): stop recording, keep the session.
            _error ??= $"ffmpeg stopped accepting frames after {FramesWritten} frames: {ex.Message}";
            LogEncoderFailed(_logger, Path, ex);
            await _stop.CancelAsync();
        }
    }

    // A page frame is decoded and composed as it arrives, and published to the writer at once; the
    // tick only repaints the cursor when it moved.
    private async Task ComposeAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / _fps), _time);
        try
        {
            // The first frame (the current page, or white until one arrives) goes out at once.
            var lastPose = _cursor?.Sample(_time.GetTimestamp()) ?? default;
            var first = TakeAndDecodeNewest();
            Publish(lastPose, first);
            var arrival = _frames.Frames.WaitToReadAsync(token).AsTask();
            var tick = timer.WaitForNextTickAsync(token).AsTask();
            while (true)
            {
                await Task.WhenAny(tick, arrival);
                ScreencastFrame? page = null;
                if (arrival.IsCompleted)
                {
                    var more = await arrival;
                    page = more ? TakeAndDecodeNewest() : null;

                    // A finished source (the tab closed) leaves the last frame repeating.
                    arrival = more ? _frames.Frames.WaitToReadAsync(token).AsTask() : NoMoreFrames;
                }

                if (tick.IsCompleted)
                {
                    await tick;
                    tick = timer.WaitForNextTickAsync(token).AsTask();
                }

                var pose = _cursor?.Sample(_time.GetTimestamp()) ?? default;
                if (page is not null || pose != lastPose)
                {
                    Publish(pose, page);
                    lastPose = pose;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    private void Publish(CursorPose pose, ScreencastFrame? newPage)
    {
        var composeStart = Stopwatch.GetTimestamp();
        _compositor.Compose(pose);
        var composed = Stopwatch.GetTimestamp();
        MediaMetrics.Compose.Record(Stopwatch.GetElapsedTime(composeStart, composed).TotalMilliseconds);
        var buffer = _slot.Rent();
        I420Converter.FromBgra(_compositor.Pixels.Span, _compositor.Width, _compositor.Height, buffer);
        MediaMetrics.ConvertToYuv.Record(Stopwatch.GetElapsedTime(composed).TotalMilliseconds);
        _slot.Publish(buffer, newPage, _decodedAt);
    }

    /// <summary>Takes the newest waiting frame, if any, and makes it the compositor's page.</summary>
    private ScreencastFrame? TakeAndDecodeNewest()
    {
        var newest = _frames.TakeNewest();
        if (newest is null)
        {
            return null;
        }

        var waited = _time.GetElapsedTime(newest.CapturedTimestamp);
        MediaMetrics.DecodeWait.Record(waited.TotalMilliseconds);
        if (newest.SwappedAt is { } swapped)
        {
            MediaMetrics.ScreencastTransport.Record((_time.GetUtcNow() - swapped - waited).TotalMilliseconds);
        }

        var decodeStart = Stopwatch.GetTimestamp();
        var decoded = _compositor.SetPage(newest.GetJpegBytes(), newest.CssWidth);
        _decodedAt = Stopwatch.GetTimestamp();
        MediaMetrics.Decode.Record(Stopwatch.GetElapsedTime(decodeStart, _decodedAt).TotalMilliseconds);
        return decoded ? newest : null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _encoder.DisposeAsync();
        _compositor.Dispose();
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "Recording {Path}: the encoder failed")]
    private static partial void LogEncoderFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Debug, Message = "Recording {Path}: ffmpeg started, its pipe holds {PipeBytes} bytes")]
    private static partial void LogEncoderStarted(ILogger logger, string path, int pipeBytes);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Recording {Path} stopped after {Frames} frames ({Outcome})")]
    private static partial void LogStopped(ILogger logger, string path, long frames, string outcome);
}
