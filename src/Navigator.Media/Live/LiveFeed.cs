using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Navigator.Browser.Media;
using Navigator.Media.Cursor;

namespace Navigator.Media.Live;

/// <summary>
/// The live view's pictures of one session: at the screencast's fps, while anyone watches, the
/// newest page frame with the ghost cursor painted in, encoded once as JPEG and offered to every
/// viewer's one-slot channel (the newest wins, so a slow viewer only skips frames and never slows
/// the room or the other viewers). A still page with a still cursor produces nothing new; while the
/// cursor was never shown, the page's own JPEG passes through without decoding.
/// </summary>
public sealed partial class LiveFeed : IAsyncDisposable
{
    private readonly ScreencastSource _source;
    private readonly GhostCursor _cursor;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<NewestFrameSubscription<LiveFrame>, byte> _subscribers = new();
    private readonly SemaphoreSlim _watched = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _sync = new();
    private Task? _loop;
    private LiveFrame? _latest;
    private long _sequence;
    private bool _disposed;
    private bool _ended;

    /// <summary>Creates the feed; it composes nothing until the first <see cref="Subscribe"/>.</summary>
    public LiveFeed(ScreencastSource source, GhostCursor cursor, ILogger<LiveFeed>? logger = null)
    {
        _source = source;
        _cursor = cursor;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The newest frame composed, if any.</summary>
    public LiveFrame? LatestFrame => Volatile.Read(ref _latest);

    /// <summary>Viewers right now.</summary>
    public int ViewerCount => _subscribers.Count;

    /// <summary>Frames composed so far.</summary>
    public long FramesComposed => Interlocked.Read(ref _sequence);

    /// <summary>
    /// A new viewer's channel; it holds the newest frame already when there is one, so a late
    /// viewer has a picture at once. Dispose it to stop watching. A disposed or failed feed gives a completed channel.
    /// </summary>
    public NewestFrameSubscription<LiveFrame> Subscribe()
    {
        var subscription = new NewestFrameSubscription<LiveFrame>(Unsubscribe);
        lock (_sync)
        {
            if (_disposed || _ended)
            {
                subscription.Complete();
                return subscription;
            }

            _subscribers[subscription] = 0;
            _loop ??= Task.Run(() => RunAsync(_stop.Token));
            if (_watched.CurrentCount == 0)
            {
                _watched.Release();
            }
        }

        if (LatestFrame is { } latest)
        {
            subscription.Offer(latest);
        }

        return subscription;
    }

    private void Unsubscribe(NewestFrameSubscription<LiveFrame> subscription) => _subscribers.TryRemove(subscription, out _);

    private async Task RunAsync(CancellationToken token)
    {
        var fps = _source.Options.Fps;
        var width = _source.Options.MaxWidth;
        using var compositor = new FrameCompositor(width, _source.Options.MaxHeight, width);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / fps), _source.Time);
        NewestFrameSubscription<ScreencastFrame>? frames = null;
        ScreencastFrame? page = null;
        long composedPage = 0;
        CursorPose? lastPose = null;
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (_subscribers.IsEmpty)
                {
                    // Nobody watches: stop taking frames (no decoding, no encoding) until someone does.
                    frames?.Dispose();
                    frames = null;
                    await _watched.WaitAsync(token);
                    continue;
                }

                if (frames is null)
                {
                    frames = _source.Subscribe();
                    lastPose = null;
                }

                var newest = frames.TakeNewest();
                page = newest ?? page;
                var pose = _cursor.Sample(_source.Time.GetTimestamp());
                if (page is not null && (newest is not null || pose != lastPose))
                {
                    var jpeg = pose.Visible ? Compose(compositor, page, ref composedPage, pose) : page.GetJpegBytes();
                    lastPose = pose;
                    Publish(new LiveFrame(jpeg, Interlocked.Increment(ref _sequence), page.CssWidth, page.CssHeight, page.CapturedTimestamp));
                    MediaMetrics.LiveLatency.Record(_source.Time.GetElapsedTime(page.CapturedTimestamp).TotalMilliseconds);
                }

                await timer.WaitForNextTickAsync(token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A broken picture must not take the session down; viewers see the feed end and may reconnect.
            LogFeedFailed(_logger, ex);
        }
        finally
        {
            frames?.Dispose();
            lock (_sync)
            {
                _ended = true;
            }

            CompleteSubscribers();
        }
    }

    private static byte[] Compose(FrameCompositor compositor, ScreencastFrame page, ref long composedPage, CursorPose pose)
    {
        var started = Stopwatch.GetTimestamp();
        if (composedPage != page.Sequence)
        {
            compositor.SetPage(page.GetJpegBytes(), page.CssWidth);
            composedPage = page.Sequence;
        }

        compositor.Compose(pose);
        var jpeg = compositor.EncodeJpeg(80);
        MediaMetrics.LiveCompose.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return jpeg;
    }

    private void Publish(LiveFrame frame)
    {
        Volatile.Write(ref _latest, frame);
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Offer(frame);
        }
    }

    private void CompleteSubscribers()
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Complete();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            loop = _loop;
        }

        await _stop.CancelAsync();
        if (loop is not null)
        {
            await loop;
        }

        CompleteSubscribers();
        _stop.Dispose();
    }

    [LoggerMessage(EventId = 1520, Level = LogLevel.Warning, Message = "The live view feed failed; its viewers were disconnected")]
    private static partial void LogFeedFailed(ILogger logger, Exception exception);
}
