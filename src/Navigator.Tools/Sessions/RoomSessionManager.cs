using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Navigator.Actions;
using Navigator.Actions.Changes;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Browser.Security;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;
using Navigator.Tools.Events;

namespace Navigator.Tools.Sessions;

/// <summary>
/// One browser session per room. Calls on one room run one at a time (in arrival order);
/// rooms run in parallel. Enforces the session limit, closes idle rooms, rebuilds crashed
/// ones from their <see cref="RoomSessionState"/> and closes everything on shutdown.
/// </summary>
public sealed partial class RoomSessionManager : IAsyncDisposable
{
    /// <summary>session_closed reason when a client asked.</summary>
    public const string ReasonRequested = "requested";

    /// <summary>session_closed reason when the room was idle too long.</summary>
    public const string ReasonIdle = "idle_timeout";

    /// <summary>session_closed reason when the server stops.</summary>
    public const string ReasonShutdown = "server_shutdown";

    private readonly ConcurrentDictionary<string, RoomSession> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _admission = new();
    private readonly BrowserPool _pool;
    private readonly ISessionDirectory _directory;
    private readonly IRoomEventBroadcaster _events;
    private readonly SessionManagerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly Media.RoomMediaFactory? _media;
    private bool _shuttingDown;

    /// <summary>Creates the manager.</summary>
    public RoomSessionManager(
        BrowserPool pool,
        ISessionDirectory directory,
        IRoomEventBroadcaster events,
        IOptions<SessionManagerOptions>? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        Media.RoomMediaFactory? media = null)
    {
        _media = media;
        _pool = pool;
        _directory = directory;
        _events = events;
        _options = options?.Value ?? new SessionManagerOptions();
        _time = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<RoomSessionManager>();
        StateBuilder = new PageStateBuilder(_loggerFactory);
    }

    /// <summary>Rooms with a session (including ones still starting).</summary>
    public int Count => _rooms.Count;

    /// <summary>The session limit.</summary>
    public int MaxSessions => _options.MaxSessions;

    /// <summary>The manager's settings.</summary>
    public SessionManagerOptions Options => _options;

    /// <summary>The browser pool sessions come from.</summary>
    public BrowserPool Pool => _pool;

    /// <summary>The event broadcaster rooms publish to.</summary>
    public IRoomEventBroadcaster Events => _events;

    /// <summary>Captures page state (indexed elements and text) for get_browser_context.</summary>
    public PageStateBuilder StateBuilder { get; }

    /// <summary>The clock used for activity and event timestamps.</summary>
    public TimeProvider Time => _time;

    /// <summary>Starts a browser session for a room; <c>room_exists</c> if it has one, <c>capacity_reached</c> when full.</summary>
    public async Task<RoomSessionInfo> StartAsync(StartSessionRequest request, CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var state = StartSessionValidator.ToState(request, _options, _pool.Options.Chromium.Headless, now);
        StartSessionValidator.CompilePolicy(state, [.. _options.BlockedDomains]);
        var room = new RoomSession(state, now);
        lock (_admission)
        {
            if (_shuttingDown)
            {
                throw new NavigatorToolException(ToolErrorCodes.ShuttingDown, "The server is shutting down and starts no new sessions");
            }

            if (_rooms.TryGetValue(state.RoomName, out var existing))
            {
                throw new NavigatorToolException(
                    ToolErrorCodes.RoomExists,
                    $"Room '{state.RoomName}' already has a browser session (status {RoomSession.StatusName(existing.Status)}); use it, or close it first");
            }

            if (_rooms.Count >= _options.MaxSessions)
            {
                throw new NavigatorToolException(
                    ToolErrorCodes.CapacityReached,
                    $"This server already runs {_options.MaxSessions} browser sessions, its maximum; close one or try again later");
            }

            _rooms[state.RoomName] = room;
        }

        var claimed = false;
        try
        {
            if (!await _directory.TryClaimAsync(state, cancellationToken))
            {
                throw new NavigatorToolException(ToolErrorCodes.RoomExists, $"Room '{state.RoomName}' already has a browser session on another node");
            }

            claimed = true;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, room.Lifetime.Token);
            await AttachBrowserAsync(room, state, linked.Token);
            room.Status = state.Paused ? RoomSessionStatus.Paused : RoomSessionStatus.Active;
            Publish(room.RoomName, new SessionStartedEvent { RoomName = room.RoomName, Url = state.InitialUrl, Timestamp = NowSeconds });
            LogStarted(_logger, room.RoomName, state.InitialUrl);
            var warning = await NavigateInitialAsync(room, state.InitialUrl, linked.Token);
            room.Touch(_time.GetUtcNow());
            return room.ToInfo(warning);
        }
        catch (Exception ex)
        {
            await AbandonStartAsync(room, claimed);
            if (ex is OperationCanceledException && room.Lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new NavigatorToolException(ToolErrorCodes.SessionClosed, $"Room '{room.RoomName}' was closed while its session was starting", ex);
            }

            throw MapBrowserException(ex, room.RoomName);
        }
        finally
        {
            room.Gate.Release();
        }
    }

    /// <summary>Pauses the room's video: capture stops (a recording repeats its last frame); actions still run.</summary>
    public Task<RoomSessionInfo> PauseAsync(string roomName, CancellationToken cancellationToken = default) =>
        SetPausedAsync(roomName, true, cancellationToken);

    /// <summary>Resumes the room's video capture.</summary>
    public Task<RoomSessionInfo> ResumeAsync(string roomName, CancellationToken cancellationToken = default) =>
        SetPausedAsync(roomName, false, cancellationToken);

    /// <summary>The room's session as clients see it.</summary>
    public RoomSessionInfo Get(string roomName) => Find(roomName).ToInfo();

    /// <summary>Every room's session, by room name.</summary>
    public IReadOnlyList<RoomSessionInfo> List() =>
        [.. _rooms.Values.Select(r => r.ToInfo()).OrderBy(r => r.RoomName, StringComparer.Ordinal)];

    /// <summary>The room's rebuild record.</summary>
    public RoomSessionState GetState(string roomName) => Find(roomName).State;

    /// <summary>Closes the room's session and its browser context.</summary>
    public async Task<RoomSessionInfo> CloseAsync(string roomName, string reason = ReasonRequested)
    {
        RoomNames.Validate(roomName);
        RoomSession? room;
        lock (_admission)
        {
            if (!_rooms.TryRemove(roomName, out room))
            {
                throw RoomNotFound(roomName);
            }
        }

        await CloseRoomAsync(room, reason);
        return room.ToInfo();
    }

    /// <summary>
    /// Rebuilds the room's browser from its state (URL, options, cookies) when it crashed or
    /// stopped answering, or always with <paramref name="force"/>. Returns whether it rebuilt.
    /// </summary>
    public Task<(RoomSessionInfo Info, bool Rebuilt)> RecoverAsync(string roomName, bool force = false, CancellationToken cancellationToken = default) =>
        RunAsync(roomName, async (room, ct) =>
        {
            if (!force && room.Status != RoomSessionStatus.Crashed && await IsResponsiveAsync(room.Browser, ct))
            {
                return (room.ToInfo(), false);
            }

            var cookies = await TryReadCookiesAsync(room.Browser, ct);
            var state = room.UpdateState(s => s with { Cookies = cookies ?? s.Cookies, Recoveries = s.Recoveries + 1 });
            room.Status = RoomSessionStatus.Starting;
            await DetachBrowserAsync(room);
            await AttachBrowserAsync(room, state, ct);
            if (state.Cookies.Count > 0 && room.Browser is { } browser)
            {
                await RestoreCookiesAsync(browser, state.Cookies, ct);
            }

            room.Status = state.Paused ? RoomSessionStatus.Paused : RoomSessionStatus.Active;
            PersistInBackground(state);
            Publish(room.RoomName, new SessionStartedEvent { RoomName = room.RoomName, Url = state.CurrentUrl, Recovered = true, Timestamp = NowSeconds });
            LogRecovered(_logger, room.RoomName, state.CurrentUrl);
            var warning = await NavigateInitialAsync(room, state.CurrentUrl, ct);
            return (room.ToInfo(warning), true);
        }, requireHealthy: false, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on the room once its earlier calls finished. The token
    /// passed to the work is cancelled when the caller gives up or the room closes.
    /// </summary>
    internal async Task<T> RunAsync<T>(string roomName, Func<RoomSession, CancellationToken, Task<T>> work, bool requireHealthy, CancellationToken cancellationToken)
    {
        var room = Find(roomName);
        room.Enter();
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, room.Lifetime.Token);
            try
            {
                if (!await room.Gate.WaitAsync(_options.QueueTimeout, linked.Token))
                {
                    throw new NavigatorToolException(
                        ToolErrorCodes.Timeout,
                        $"Room '{roomName}' is still busy with an earlier call after {_options.QueueTimeout.TotalSeconds:0} s");
                }
            }
            catch (OperationCanceledException ex) when (room.Lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw SessionClosed(roomName, ex);
            }

            try
            {
                if (room.Lifetime.IsCancellationRequested || room.Status == RoomSessionStatus.Closed)
                {
                    throw SessionClosed(roomName, null);
                }

                if (requireHealthy && (room.Status == RoomSessionStatus.Crashed || room.Browser is null or { IsClosed: true }))
                {
                    throw new NavigatorToolException(
                        ToolErrorCodes.BrowserCrashed,
                        $"The browser of room '{roomName}' crashed; call recover_browser_session to rebuild it at {room.State.CurrentUrl}");
                }

                room.Touch(_time.GetUtcNow());
                return await work(room, linked.Token);
            }
            catch (OperationCanceledException ex) when (room.Lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw SessionClosed(roomName, ex);
            }
            catch (Exception ex) when (ex is BrowserSessionClosedException or CdpConnectionClosedException or CdpSessionDetachedException && room.Lifetime.IsCancellationRequested)
            {
                throw SessionClosed(roomName, ex);
            }
            finally
            {
                room.Touch(_time.GetUtcNow());
                room.Gate.Release();
            }
        }
        finally
        {
            room.Leave();
        }
    }

    /// <summary>Closes rooms that had no call for longer than the idle timeout; returns how many.</summary>
    public async Task<int> CloseIdleAsync()
    {
        if (_options.IdleTimeout <= TimeSpan.Zero)
        {
            return 0;
        }

        var cutoff = _time.GetUtcNow() - _options.IdleTimeout;
        var idle = new List<RoomSession>();
        lock (_admission)
        {
            foreach (var room in _rooms.Values)
            {
                if (room.InFlight == 0 && room.Status != RoomSessionStatus.Starting && room.LastActivity < cutoff
                    && _rooms.TryRemove(new KeyValuePair<string, RoomSession>(room.RoomName, room)))
                {
                    idle.Add(room);
                }
            }
        }

        foreach (var room in idle)
        {
            LogIdleClosed(_logger, room.RoomName, _options.IdleTimeout.TotalSeconds);
        }

        await Task.WhenAll(idle.Select(r => CloseRoomAsync(r, ReasonIdle)));
        return idle.Count;
    }

    /// <summary>Refuses new sessions and closes every open one.</summary>
    public async Task CloseAllAsync(string reason = ReasonShutdown)
    {
        List<RoomSession> rooms;
        lock (_admission)
        {
            _shuttingDown = true;
            rooms = [.. _rooms.Values];
            _rooms.Clear();
        }

        await Task.WhenAll(rooms.Select(r => CloseRoomAsync(r, reason)));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CloseAllAsync();

    internal void Publish(string roomName, RoomEvent roomEvent)
    {
        try
        {
            _events.Publish(roomName, roomEvent);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A broadcaster failure must never fail the browser work that raised the event.
            LogPublishFailed(_logger, roomName, roomEvent.Type, ex);
        }
    }

    internal double NowSeconds => RoomEvent.ToUnixSeconds(_time.GetUtcNow());

    private RoomSession Find(string roomName)
    {
        RoomNames.Validate(roomName);
        return _rooms.TryGetValue(roomName, out var room) ? room : throw RoomNotFound(roomName);
    }

    private static NavigatorToolException RoomNotFound(string roomName) =>
        new(ToolErrorCodes.RoomNotFound, $"No browser session for room '{roomName}'; start one with start_browser_session");

    private static NavigatorToolException SessionClosed(string roomName, Exception? inner) =>
        new(ToolErrorCodes.SessionClosed, $"The browser session of room '{roomName}' was closed", inner);

    private Task<RoomSessionInfo> SetPausedAsync(string roomName, bool paused, CancellationToken cancellationToken) =>
        RunAsync(roomName, async (room, ct) =>
        {
            var state = room.UpdateState(s => s with { Paused = paused });
            if (room.Media is { } media)
            {
                await (paused ? media.PauseAsync(ct) : media.ResumeAsync(ct));
            }

            if (room.Status is RoomSessionStatus.Active or RoomSessionStatus.Paused)
            {
                room.Status = paused ? RoomSessionStatus.Paused : RoomSessionStatus.Active;
            }

            PersistInBackground(state);
            return room.ToInfo();
        }, requireHealthy: false, cancellationToken);

    private async Task AttachBrowserAsync(RoomSession room, RoomSessionState state, CancellationToken cancellationToken)
    {
        var browser = await _pool.CreateSessionAsync(state.ToBrowserSessionOptions([.. _options.BlockedDomains]), cancellationToken);
        room.Browser = browser;
        room.BrowserEvents = new RoomBrowserEvents(
            room.RoomName,
            browser,
            _events,
            _time,
            url => OnUrlChanged(room, browser, url),
            () => OnLoadComplete(room, browser),
            e => OnCrashed(room, browser, e));
        room.Dispatcher = new ActionDispatcher(browser, StateBuilder, _options.Actions, _time, _loggerFactory);
        var monitor = new PageChangeMonitor(browser, _options.Changes, _time);
        monitor.Changed += (_, change) => OnPageChange(room, browser, change);
        room.Monitor = monitor;
        await monitor.StartAsync(cancellationToken);
        room.Media = _media is null ? null : await _media.StartAsync(room.RoomName, browser, state, cancellationToken);
        _ = browser.Closed.ContinueWith(_ => OnBrowserClosed(room, browser), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task DetachBrowserAsync(RoomSession room)
    {
        room.BrowserEvents?.Dispose();
        room.BrowserEvents = null;
        var browser = room.Browser;
        var dispatcher = room.Dispatcher;
        var monitor = room.Monitor;
        var media = room.Media;
        room.Media = null;
        room.Browser = null;
        room.Dispatcher = null;
        room.Monitor = null;
        if (browser is not null)
        {
            try
            {
                // First: a running recording finishes its file while the page is still there.
                if (media is not null)
                {
                    await media.DisposeAsync();
                }

                if (monitor is not null)
                {
                    await monitor.DisposeAsync();
                }

                if (dispatcher is not null)
                {
                    await dispatcher.DisposeAsync();
                }

                await browser.DisposeAsync();
            }
            catch (Exception ex) when (ex is CdpException or BrowserException or ObjectDisposedException or OperationCanceledException)
            {
                LogDisposeFailed(_logger, room.RoomName, ex);
            }
        }
    }

    private static async Task<string?> NavigateInitialAsync(RoomSession room, string url, CancellationToken cancellationToken)
    {
        if (url == "about:blank" || room.Browser is not { } browser)
        {
            return null;
        }

        try
        {
            await browser.NavigateAsync(url, NavigationWaitUntil.Load, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is NavigationException or NavigationTimeoutException or NavigationBlockedException)
        {
            // The session is usable; the agent hears why the page is not there.
            return ex.Message;
        }
    }

    private async Task AbandonStartAsync(RoomSession room, bool claimed)
    {
        lock (_admission)
        {
            _rooms.TryRemove(new KeyValuePair<string, RoomSession>(room.RoomName, room));
        }

        room.TryBeginClose();
        room.Status = RoomSessionStatus.Closed;
        await room.Lifetime.CancelAsync();
        await DetachBrowserAsync(room);
        if (claimed)
        {
            await _directory.RemoveAsync(room.RoomName, CancellationToken.None);
        }
    }

    private async Task CloseRoomAsync(RoomSession room, string reason)
    {
        if (!room.TryBeginClose())
        {
            return;
        }

        room.Status = RoomSessionStatus.Closed;
        await room.Lifetime.CancelAsync();

        // Let a running action see the cancellation and stop before the browser goes away.
        var acquired = false;
        try
        {
            acquired = await room.Gate.WaitAsync(_options.CloseTimeout);
        }
        finally
        {
            await DetachBrowserAsync(room);
            await _directory.RemoveAsync(room.RoomName, CancellationToken.None);
            if (acquired)
            {
                room.Gate.Release();
            }
        }

        Publish(room.RoomName, new SessionClosedEvent { RoomName = room.RoomName, Reason = reason, Timestamp = NowSeconds });
        LogClosed(_logger, room.RoomName, reason);
    }

    private void OnPageChange(RoomSession room, BrowserSession browser, PageChange change)
    {
        if (!ReferenceEquals(room.Browser, browser))
        {
            return;
        }

        // Navigation and load events come from the active tab directly (RoomBrowserEvents);
        // the monitor adds what only it sees.
        var changeType = change.Kind switch
        {
            PageChangeKinds.DomChanged => change.AddedInteractive > 0 && change.RemovedInteractive == 0 ? "element_added"
                : change.RemovedInteractive > 0 && change.AddedInteractive == 0 ? "element_removed"
                : "content_changed",
            PageChangeKinds.TabOpened => "tab_opened",
            PageChangeKinds.TabClosed => "tab_closed",
            PageChangeKinds.DialogOpened => "dialog_opened",
            _ => null,
        };
        if (changeType is not null)
        {
            Publish(room.RoomName, new DomChangeEvent
            {
                ChangeType = changeType,
                Summary = change.Summary,
                Url = change.Url,
                Timestamp = RoomEvent.ToUnixSeconds(change.Timestamp),
            });
        }
    }

    private void OnUrlChanged(RoomSession room, BrowserSession browser, string url)
    {
        if (!ReferenceEquals(room.Browser, browser))
        {
            return;
        }

        PersistInBackground(room.UpdateState(s => s with { CurrentUrl = url }));
    }

    private void OnLoadComplete(RoomSession room, BrowserSession browser)
    {
        if (ReferenceEquals(room.Browser, browser) && room.TryBeginSnapshot())
        {
            _ = SnapshotCookiesAsync(room, browser);
        }
    }

    private void OnCrashed(RoomSession room, BrowserSession browser, BrowserCrashedEventArgs e)
    {
        if (!ReferenceEquals(room.Browser, browser) || room.Status == RoomSessionStatus.Closed)
        {
            return;
        }

        room.Status = RoomSessionStatus.Crashed;
        LogCrashed(_logger, room.RoomName, e.Message);
    }

    private void OnBrowserClosed(RoomSession room, BrowserSession browser)
    {
        // The context closing under us (browser process died) is a crash unless we closed it.
        if (ReferenceEquals(room.Browser, browser) && room.Status is RoomSessionStatus.Active or RoomSessionStatus.Paused)
        {
            room.Status = RoomSessionStatus.Crashed;
            Publish(room.RoomName, new BrowserErrorEvent
            {
                Error = "The browser session closed unexpectedly",
                ErrorCode = Navigator.Actions.ActionErrorCodes.BrowserCrashed,
                Timestamp = NowSeconds,
            });
            LogCrashed(_logger, room.RoomName, "browser context closed");
        }
    }

    private async Task SnapshotCookiesAsync(RoomSession room, BrowserSession browser)
    {
        try
        {
            var cookies = await TryReadCookiesAsync(browser, room.Lifetime.Token);
            if (cookies is not null && ReferenceEquals(room.Browser, browser))
            {
                PersistInBackground(room.UpdateState(s => s with { Cookies = cookies }));
            }
        }
        finally
        {
            room.EndSnapshot();
        }
    }

    private async Task<IReadOnlyList<NetworkCookieParam>?> TryReadCookiesAsync(BrowserSession? browser, CancellationToken cancellationToken)
    {
        if (browser is null || !browser.Browser.IsAlive)
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            var response = await browser.Browser.Connection.Browser.SendAsync(
                new StorageGetCookiesRequest { BrowserContextId = browser.BrowserContextId }, timeout.Token);
            return [.. response.Cookies.Select(ToCookieParam)];
        }
        catch (Exception ex) when (ex is CdpException or OperationCanceledException or ObjectDisposedException)
        {
            LogCookieSnapshotFailed(_logger, browser.BrowserContextId, ex);
            return null;
        }
    }

    private static NetworkCookieParam ToCookieParam(NetworkCookie cookie) => new()
    {
        Name = cookie.Name,
        Value = cookie.Value,
        Domain = cookie.Domain,
        Path = cookie.Path,
        Secure = cookie.Secure,
        HttpOnly = cookie.HttpOnly,
        SameSite = cookie.SameSite,
        Expires = cookie.Session ? null : cookie.Expires,
        Priority = cookie.Priority,
        SourceScheme = cookie.SourceScheme,
        SourcePort = cookie.SourcePort,
        PartitionKey = cookie.PartitionKey,
    };

    private async Task RestoreCookiesAsync(BrowserSession browser, IReadOnlyList<NetworkCookieParam> cookies, CancellationToken cancellationToken)
    {
        try
        {
            await browser.Browser.Connection.Browser.SendAsync(
                new StorageSetCookiesRequest { Cookies = cookies, BrowserContextId = browser.BrowserContextId }, cancellationToken);
        }
        catch (CdpProtocolException ex)
        {
            // A cookie Chromium no longer accepts (expired, bad domain) must not stop the rebuild.
            LogCookieRestoreFailed(_logger, browser.BrowserContextId, ex);
        }
    }

    private static async Task<bool> IsResponsiveAsync(BrowserSession? browser, CancellationToken cancellationToken)
    {
        if (browser is null || browser.IsClosed || browser.Pages.Count == 0)
        {
            return false;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await browser.ActivePage.EvaluateAsync("1", cancellationToken: timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is CdpException or BrowserException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void PersistInBackground(RoomSessionState state)
    {
        var pending = _directory.UpdateAsync(state, CancellationToken.None);
        if (!pending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(pending.AsTask(), state.RoomName);
        }
    }

    private async Task ObserveAsync(Task pending, string roomName)
    {
        try
        {
            await pending;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogPersistFailed(_logger, roomName, ex);
        }
    }

    private static Exception MapBrowserException(Exception ex, string roomName) => ex switch
    {
        NavigatorToolException => ex,
        OperationCanceledException => ex,
        ChromiumNotFoundException or ChromiumLaunchException =>
            new NavigatorToolException(ToolErrorCodes.BrowserUnavailable, $"The browser for room '{roomName}' could not be started: {ex.Message}", ex),
        BrowserException or CdpException =>
            new NavigatorToolException(ToolErrorCodes.BrowserUnavailable, $"The browser session for room '{roomName}' could not be created: {ex.Message}", ex),
        _ => ex,
    };

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Room {RoomName}: session started at {Url}")]
    private static partial void LogStarted(ILogger logger, string roomName, string url);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Room {RoomName}: session closed ({Reason})")]
    private static partial void LogClosed(ILogger logger, string roomName, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Room {RoomName}: idle for over {Seconds} s, closing")]
    private static partial void LogIdleClosed(ILogger logger, string roomName, double seconds);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Room {RoomName}: browser crashed: {Reason}")]
    private static partial void LogCrashed(ILogger logger, string roomName, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Room {RoomName}: session rebuilt at {Url}")]
    private static partial void LogRecovered(ILogger logger, string roomName, string url);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Room {RoomName}: disposing the browser session failed")]
    private static partial void LogDisposeFailed(ILogger logger, string roomName, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "Context {ContextId}: reading cookies failed")]
    private static partial void LogCookieSnapshotFailed(ILogger logger, string contextId, Exception exception);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Context {ContextId}: restoring cookies failed")]
    private static partial void LogCookieRestoreFailed(ILogger logger, string contextId, Exception exception);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Room {RoomName}: saving the session state failed")]
    private static partial void LogPersistFailed(ILogger logger, string roomName, Exception exception);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Room {RoomName}: publishing {EventType} failed")]
    private static partial void LogPublishFailed(ILogger logger, string roomName, string eventType, Exception exception);
}
