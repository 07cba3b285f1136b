using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Navigator.Browser.Media;
using Navigator.Media.Cursor;

namespace Navigator.Media.Recording;

/// <summary>
/// Records a screencast to a file: the newest frame is decoded as it arrives, and on every tick
/// of a constant-rate clock the current picture (a repeat when the page was still) gets the
/// ghost cursor painted over it and is written as raw BGRA to ffmpeg. When ffmpeg fails the recorder stops and keeps the reason; the
/// session it records is never affected.
/// </summary>
public sealed partial class MediaRecorder : IAsyncDisposable
{
    private readonly NewestFrameSubscription<ScreencastFrame> _frames;
    private readonly GhostCursor? _cursor;
    private readonly FfmpegEncoder _encoder;
    private readonly FrameCompositor _compositor;
    private readonly RecordingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly int _fps;
    private long _framesWritten;
    private long _pageFrames;
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
        _frames = source.Subscribe();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Full path of the file being written.</summary>
    public string Path { get; }

    /// <summary>Container and codec.</summary>
    public RecordingFormat Format { get; }

    /// <summary>Frames written so far.</summary>
    public long FramesWritten => Interlocked.Read(ref _framesWritten);

    /// <summary>Distinct page frames that reached the encoder (the rest of <see cref="FramesWritten"/> are repeats).</summary>
    public long PageFramesWritten => Interlocked.Read(ref _pageFrames);

    /// <summary>Why the recording failed, or null while it is fine.</summary>
    public string? Error => _error;

    /// <summary>The ffmpeg process id (for diagnostics and kill tests).</summary>
    public int EncoderProcessId => _encoder.ProcessId;

    /// <summary>
    /// Starts ffmpeg and the frame loop writing <paramref name="path"/> (its folder must exist and
    /// be writable). The video is the source's viewport size (rounded down to even) at its fps.
    /// </summary>
    public static MediaRecorder Start(ScreencastSource source, GhostCursor? cursor, RecordingFormat format, string path, RecordingOptions options, ILogger<MediaRecorder>? logger = null)
    {
        var width = source.Options.MaxWidth & ~1;
        var height = source.Options.MaxHeight & ~1;
        var encoder = FfmpegEncoder.Start(options.FfmpegPath, FfmpegArguments.Build(format, width, height, source.Options.Fps, path, options));
        return new MediaRecorder(source, cursor, encoder, format, path, options, logger ?? (ILogger)NullLogger.Instance);
    }

    /// <summary>Stops the loop, lets ffmpeg finish the file and describes it. Idempotent.</summary>
    public async Task<RecordingResult> StopAsync()
    {
        if (_result is { } done)
        {
            return done;
        }

        await _stop.CancelAsync();
        await _loop;
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

    private static readonly Task<bool> NoMoreFrames = new TaskCompletionSource<bool>().Task;

    // A frame is decoded as soon as it arrives (off the tick), so its age when the next tick
    // writes it is the wait for the tick, not the wait plus the decode.
    private async Task RunAsync()
    {
        var token = _stop.Token;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / _fps), _time);
        var started = _time.GetTimestamp();
        CursorPose? lastPose = null;
        ScreencastFrame? fresh = null;
        var pageChanged = false;
        try
        {
            fresh = TakeAndDecodeNewest();
            pageChanged = fresh is not null;
            var arrival = _frames.Frames.WaitToReadAsync(token).AsTask();

            // The first frame is written at once; then one slot per tick.
            var tick = Task.FromResult(true);
            while (true)
            {
                await Task.WhenAny(tick, arrival);
                if (arrival.IsCompleted)
                {
                    if (await arrival && TakeAndDecodeNewest() is { } frame)
                    {
                        fresh = frame;
                        pageChanged = true;
                    }

                    // A finished source (the tab closed) leaves the last frame repeating.
                    arrival = arrival.Result ? _frames.Frames.WaitToReadAsync(token).AsTask() : NoMoreFrames;
                }

                if (!tick.IsCompleted)
                {
                    continue;
                }

                if (!await tick)
                {
                    break;
                }

                var now = _time.GetTimestamp();
                var pose = _cursor?.Sample(now) ?? default;
                if (pageChanged || pose != lastPose)
                {
                    var composeStart = Stopwatch.GetTimestamp();
                    _compositor.Compose(pose);
                    MediaMetrics.Compose.Record(Stopwatch.GetElapsedTime(composeStart).TotalMilliseconds);
                    lastPose = pose;
                }

                // Frames due by now at a constant rate; a late tick writes the missed ones as repeats
                // (capped at a second's worth, so an overloaded machine does not spiral).
                var due = (long)((_time.GetElapsedTime(started, now).TotalSeconds * _fps) + 1e-6) + 1;
                var count = Math.Min(due - FramesWritten, _fps);
                if (pageChanged && count > 0)
                {
                    MediaMetrics.SlotWait.Record(Stopwatch.GetElapsedTime(_decodedAt).TotalMilliseconds);
                }

                for (var i = 0; i < count; i++)
                {
                    // Not cancellable: half a frame in the pipe would corrupt the end of the file.
                    var writeStart = Stopwatch.GetTimestamp();
                    await _encoder.WriteFrameAsync(_compositor.Pixels, CancellationToken.None);
                    MediaMetrics.EncoderWrite.Record(Stopwatch.GetElapsedTime(writeStart).TotalMilliseconds);
                    Interlocked.Increment(ref _framesWritten);
                }

                MediaMetrics.FramesWritten.Add(Math.Max(count, 0));
                if (pageChanged && count > 0)
                {
                    Interlocked.Increment(ref _pageFrames);
                    MediaMetrics.CaptureToEncoder.Record(_time.GetElapsedTime(fresh!.CapturedTimestamp).TotalMilliseconds);
                    if (fresh.SwappedAt is { } swapped)
                    {
                        MediaMetrics.SwapToEncoder.Record((_time.GetUtcNow() - swapped).TotalMilliseconds);
                    }
                    pageChanged = false;
                }

                tick = timer.WaitForNextTickAsync(token).AsTask();
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (IOException ex)
        {
            // ffmpeg exited (bad output path, disk full, killed): stop recording, keep the session.
            _error = $"ffmpeg stopped accepting frames after {FramesWritten} frames: {ex.Message}";
            LogEncoderFailed(_logger, Path, ex);
        }
    }

    /// <summary>Takes the newest waiting frame, if any, and makes it the compositor's page.</summary>
    private ScreencastFrame? TakeAndDecodeNewest()
    {
        var newest = _frames.TakeNewest();
        if (newest is not null)
        {
            var waited = _time.GetElapsedTime(newest.CapturedTimestamp);
            MediaMetrics.DecodeWait.Record(waited.TotalMilliseconds);
            if (newest.SwappedAt is { } swapped)
            {
                MediaMetrics.ScreencastTransport.Record((_time.GetUtcNow() - swapped - waited).TotalMilliseconds);
            }

            var decodeStart = Stopwatch.GetTimestamp();
            _compositor.SetPage(newest.GetJpegBytes(), newest.CssWidth);
            _decodedAt = Stopwatch.GetTimestamp();
            MediaMetrics.Decode.Record(Stopwatch.GetElapsedTime(decodeStart, _decodedAt).TotalMilliseconds);
        }

        return newest;
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

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Recording {Path} stopped after {Frames} frames ({Outcome})")]
    private static partial void LogStopped(ILogger logger, string path, long frames, string outcome);
}
