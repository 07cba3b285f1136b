using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Browser.Media;

/// <summary>
/// JPEG frames of a session's active tab from CDP <c>Page.startScreencast</c>. Each frame is
/// acknowledged as it arrives (Chromium sends no more until then) and offered to every
/// subscriber's one-slot channel, where the newest frame wins. When another tab becomes active
/// (popup, new tab, switch, close) capture moves to it; pause stops it, resume restarts it.
/// Chromium sends frames only when the page changes: consumers that need a constant rate
/// repeat the last frame.
/// </summary>
public sealed partial class ScreencastSource : IAsyncDisposable
{
    private readonly BrowserSession _session;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<NewestFrameSubscription<ScreencastFrame>, byte> _subscribers = new();
    private BrowserPage? _capturing;
    private IDisposable? _frameHandler;
    private bool _started;
    private bool _paused;
    private bool _disposed;
    private long _sequence;
    private ScreencastFrame? _latest;

    /// <summary>Creates a source for <paramref name="session"/>; nothing is captured before <see cref="StartAsync"/>.</summary>
    public ScreencastSource(BrowserSession session, ScreencastOptions options, TimeProvider? timeProvider = null, ILogger<ScreencastSource>? logger = null)
    {
        options.Validate();
        _session = session;
        Options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _session.ActivePageChanged += OnActivePageChanged;
    }

    /// <summary>The capture settings.</summary>
    public ScreencastOptions Options { get; }

    /// <summary>The clock frame timestamps come from.</summary>
    public TimeProvider Time => _time;

    /// <summary>True while a tab is being captured (started, not paused, a tab open).</summary>
    public bool IsCapturing => Volatile.Read(ref _capturing) is not null;

    /// <summary>True while paused.</summary>
    public bool IsPaused => Volatile.Read(ref _paused);

    /// <summary>Frames received so far.</summary>
    public long FramesReceived => Interlocked.Read(ref _sequence);

    /// <summary>The newest frame, if any arrived.</summary>
    public ScreencastFrame? LatestFrame => Volatile.Read(ref _latest);

    /// <summary>
    /// A new one-slot channel of frames (the newest wins); the current frame, if any, is in it
    /// already so a late subscriber has a picture at once. Dispose it to stop receiving.
    /// </summary>
    public NewestFrameSubscription<ScreencastFrame> Subscribe()
    {
        var subscription = new NewestFrameSubscription<ScreencastFrame>(Unsubscribe);
        _subscribers[subscription] = 0;
        if (LatestFrame is { } latest)
        {
            subscription.Offer(latest);
        }

        return subscription;
    }

    /// <summary>Starts capturing the active tab.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => ReconcileAsync(() => _started = true, cancellationToken);

    /// <summary>Stops capturing until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync(CancellationToken cancellationToken = default) => ReconcileAsync(() => _paused = true, cancellationToken);

    /// <summary>Restarts capturing after <see cref="PauseAsync"/>.</summary>
    public Task ResumeAsync(CancellationToken cancellationToken = default) => ReconcileAsync(() => _paused = false, cancellationToken);

    private void Unsubscribe(NewestFrameSubscription<ScreencastFrame> subscription) => _subscribers.TryRemove(subscription, out _);

    private void OnActivePageChanged(object? sender, BrowserPage? page) => _ = MoveToActivePageAsync();

    private async Task MoveToActivePageAsync()
    {
        try
        {
            await ReconcileAsync(null, CancellationToken.None);
        }
        catch (Exception ex) when (ex is CdpException or BrowserException or ObjectDisposedException or OperationCanceledException)
        {
            LogSwitchFailed(_logger, ex);
        }
    }

    /// <summary>Applies <paramref name="change"/>, then captures exactly the tab that should be captured.</summary>
    private async Task ReconcileAsync(Action? change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            change?.Invoke();
            var wanted = _started && !_paused && !_disposed && !_session.IsClosed ? ActivePageOrNull() : null;
            if (wanted == _capturing)
            {
                return;
            }

            await StopCurrentAsync();
            if (wanted is not null)
            {
                await StartOnAsync(wanted, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private BrowserPage? ActivePageOrNull()
    {
        try
        {
            var page = _session.ActivePage;
            return page.IsClosed ? null : page;
        }
        catch (BrowserSessionClosedException)
        {
            return null;
        }
    }

    private async Task StartOnAsync(BrowserPage page, CancellationToken cancellationToken)
    {
        _frameHandler = page.Cdp.On<PageScreencastFrameEvent>(e => OnFrame(page, e));
        Volatile.Write(ref _capturing, page);
        try
        {
            await page.Ready;
            await page.SendAsync(new PageStartScreencastRequest
            {
                Format = "jpeg",
                Quality = Options.JpegQuality,
                MaxWidth = Options.MaxWidth,
                MaxHeight = Options.MaxHeight,
                EveryNthFrame = 1,
            }, cancellationToken);
            LogStarted(_logger, page.TargetId);
        }
        catch
        {
            _frameHandler.Dispose();
            _frameHandler = null;
            Volatile.Write(ref _capturing, null);
            throw;
        }
    }

    private async Task StopCurrentAsync()
    {
        var page = _capturing;
        _frameHandler?.Dispose();
        _frameHandler = null;
        Volatile.Write(ref _capturing, null);
        if (page is null || page.IsClosed)
        {
            return;
        }

        try
        {
            await page.Cdp.SendAsync(new PageStopScreencastRequest(), TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is CdpException or OperationCanceledException)
        {
            // The tab is going away; there is nothing left to stop.
            LogStopFailed(_logger, page.TargetId, ex);
        }
    }

    private void OnFrame(BrowserPage page, PageScreencastFrameEvent e)
    {
        _ = AckAsync(page, e.SessionId);
        if (Volatile.Read(ref _capturing) != page)
        {
            return;
        }

        var frame = new ScreencastFrame(
            e.Data,
            Interlocked.Increment(ref _sequence),
            page.TargetId,
            e.Metadata.DeviceWidth,
            e.Metadata.DeviceHeight,
            _time.GetTimestamp(),
            e.Metadata.Timestamp is { } swapped ? DateTimeOffset.UnixEpoch.AddSeconds(swapped) : null);
        Volatile.Write(ref _latest, frame);
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Offer(frame);
        }
    }

    private async Task AckAsync(BrowserPage page, int frameSessionId)
    {
        try
        {
            await page.Cdp.SendAsync(new PageScreencastFrameAckRequest { SessionId = frameSessionId });
        }
        catch (Exception ex) when (ex is CdpException or OperationCanceledException or ObjectDisposedException)
        {
            // The tab closed or navigated away between frame and ack; capture moves on by itself.
            LogAckFailed(_logger, page.TargetId, ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _session.ActivePageChanged -= OnActivePageChanged;
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await StopCurrentAsync();
        }
        finally
        {
            _gate.Release();
        }

        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Complete();
        }
    }

    [LoggerMessage(EventId = 350, Level = LogLevel.Debug, Message = "Screencast started on tab {TargetId}")]
    private static partial void LogStarted(ILogger logger, string targetId);

    [LoggerMessage(EventId = 351, Level = LogLevel.Debug, Message = "Stopping the screencast on tab {TargetId} failed")]
    private static partial void LogStopFailed(ILogger logger, string targetId, Exception exception);

    [LoggerMessage(EventId = 352, Level = LogLevel.Debug, Message = "Acknowledging a screencast frame of tab {TargetId} failed")]
    private static partial void LogAckFailed(ILogger logger, string targetId, Exception exception);

    [LoggerMessage(EventId = 353, Level = LogLevel.Warning, Message = "Moving the screencast to the new active tab failed")]
    private static partial void LogSwitchFailed(ILogger logger, Exception exception);
}
