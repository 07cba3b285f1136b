using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Navigator.Actions;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Browser.Security;
using Navigator.Cdp;
using Navigator.Tools.Diagnostics;
using Navigator.Tools.Events;

namespace Navigator.Tools.Sessions;

/// <summary>
/// The rooms of this node, as the tools see them: starts, runs calls on, recovers and closes
/// rooms. The work is done by <see cref="RoomRegistry"/> (admission), <see cref="RoomSession"/>
/// (queue), <see cref="RoomLifecycle"/> (browser attach, detach, close), <see cref="RoomRecovery"/>,
/// <see cref="RoomEventTranslator"/> and <see cref="RoomStateRecorder"/>.
/// </summary>
public sealed partial class RoomSessionManager : IAsyncDisposable
{
    /// <summary>session_closed reason when a client asked.</summary>
    public const string ReasonRequested = "requested";

    /// <summary>session_closed reason when the room was idle too long.</summary>
    public const string ReasonIdle = "idle_timeout";

    /// <summary>session_closed reason when the server stops.</summary>
    public const string ReasonShutdown = "server_shutdown";

    private readonly RoomRegistry _rooms;
    private readonly ISessionDirectory _directory;
    private readonly IReadOnlyList<IRoomComponentFactory> _componentFactories;
    private readonly RoomEventPublisher _publisher;
    private readonly RoomStateRecorder _recorder;
    private readonly RoomLifecycle _lifecycle;
    private readonly RoomRecovery _recovery;
    private readonly RoomHangCheck _hangCheck;
    private readonly ILogger _logger;

    /// <summary>
    /// Creates the manager; <paramref name="textLocator"/> is click_text's OCR step (null: DOM text only),
    /// <paramref name="marker"/> draws screenshot set-of-marks (null: the option is refused),
    /// <paramref name="targetFinder"/> self-correction's analyzer step (null: none).
    /// </summary>
    public RoomSessionManager(
        BrowserPool pool,
        ISessionDirectory directory,
        IRoomEventBroadcaster events,
        IOptions<SessionManagerOptions>? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        IEnumerable<IRoomComponentFactory>? componentFactories = null,
        Navigator.Actions.Vision.IScreenTextLocator? textLocator = null,
        Navigator.Actions.Marks.IScreenshotMarker? marker = null,
        Navigator.Actions.Correction.IScreenTargetFinder? targetFinder = null)
    {
        Pool = pool;
        Events = events;
        Options = options?.Value ?? new SessionManagerOptions();
        Time = timeProvider ?? TimeProvider.System;
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = factory.CreateLogger<RoomSessionManager>();
        _directory = directory;
        _componentFactories = [.. componentFactories ?? []];
        _rooms = new RoomRegistry(Options.MaxSessions);
        StateBuilder = new PageStateBuilder(factory);
        _publisher = new RoomEventPublisher(events, Time, _logger);
        _recorder = new RoomStateRecorder(directory, _logger);
        _lifecycle = new RoomLifecycle(pool, directory, Options, StateBuilder, _publisher, _recorder, Time, factory, textLocator, marker, targetFinder);
        _recovery = new RoomRecovery(_lifecycle, _recorder, _publisher, Options, _logger);
        _lifecycle.RoomCrashed += OnRoomCrashed;
        _hangCheck = new RoomHangCheck(_publisher, Options, Time, _logger);
        _hangCheck.RoomHung += OnRoomHung;
        ToolTelemetry.Track(this);
    }

    /// <summary>Rooms with a session (including ones still starting).</summary>
    public int Count => _rooms.Count;

    /// <summary>The session limit.</summary>
    public int MaxSessions => Options.MaxSessions;

    /// <summary>The manager's settings.</summary>
    public SessionManagerOptions Options { get; }

    /// <summary>The browser pool sessions come from.</summary>
    public BrowserPool Pool { get; }

    /// <summary>The event broadcaster rooms publish to.</summary>
    public IRoomEventBroadcaster Events { get; }

    /// <summary>Captures page state (indexed elements and text) for get_browser_context.</summary>
    public PageStateBuilder StateBuilder { get; }

    /// <summary>The clock used for activity, idle time and event timestamps.</summary>
    public TimeProvider Time { get; }

    /// <summary>Starts a browser session for a room; <c>room_exists</c> if it has one, <c>capacity_reached</c> when full.</summary>
    public async Task<RoomSessionInfo> StartAsync(StartSessionRequest request, CancellationToken cancellationToken = default)
    {
        var state = StartSessionValidator.ToState(request, Options, Pool.Options.Chromium.Headless, Time.GetUtcNow());
        StartSessionValidator.CompilePolicy(state, [.. Options.BlockedDomains]);
        var room = new RoomSession(state, Time, _directory.NodeUrl);
        _rooms.Admit(room);
        var claimed = false;
        try
        {
            if (!await _directory.TryClaimAsync(state, cancellationToken))
            {
                throw new NavigatorToolException(ToolErrorCodes.RoomExists, $"Room '{state.RoomName}' already has a browser session on another node");
            }

            claimed = true;
            AddComponents(room, state);

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, room.Lifetime.Token);
            await _lifecycle.AttachAsync(room, state, linked.Token);
            room.Status = state.Paused ? RoomSessionStatus.Paused : RoomSessionStatus.Active;
            _publisher.Publish(room.RoomName, new SessionStartedEvent { RoomName = room.RoomName, Url = state.InitialUrl, Timestamp = _publisher.NowSeconds });
            LogStarted(_logger, room.RoomName, state.InitialUrl);
            var warning = await NavigateInitialAsync(room, state.InitialUrl, linked.Token);
            room.Touch();
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

    /// <summary>Pauses the room's video: its components stop capture (a recording repeats its last frame); actions still run.</summary>
    public Task<RoomSessionInfo> PauseAsync(string roomName, CancellationToken cancellationToken = default) =>
        SetPausedAsync(roomName, true, cancellationToken);

    /// <summary>Resumes the room's video capture.</summary>
    public Task<RoomSessionInfo> ResumeAsync(string roomName, CancellationToken cancellationToken = default) =>
        SetPausedAsync(roomName, false, cancellationToken);

    /// <summary>The room's session as clients see it.</summary>
    public RoomSessionInfo Get(string roomName) => _rooms.Find(roomName).ToInfo();

    /// <summary>Every room's session, by room name.</summary>
    public IReadOnlyList<RoomSessionInfo> List() =>
        [.. _rooms.All.Select(r => r.ToInfo()).OrderBy(r => r.RoomName, StringComparer.Ordinal)];

    /// <summary>The room's rebuild record.</summary>
    public RoomSessionState GetState(string roomName) => _rooms.Find(roomName).State;

    /// <summary>Closes the room's session and its browser context, whatever its page is doing.</summary>
    public async Task<RoomSessionInfo> CloseAsync(string roomName, string reason = ReasonRequested)
    {
        var room = _rooms.Remove(roomName);
        await _lifecycle.CloseAsync(room, reason);
        return room.ToInfo();
    }

    /// <summary>
    /// Rebuilds the room's browser from its state (URL, options, cookies) when it crashed or
    /// stopped answering, or always with <paramref name="force"/>. Returns whether it rebuilt;
    /// the info's warning says when the room was rebuilt on a safe page instead of its last one.
    /// </summary>
    public async Task<(RoomSessionInfo Info, bool Rebuilt)> RecoverAsync(string roomName, bool force = false, CancellationToken cancellationToken = default)
    {
        var outcome = await RunAsync(roomName, (room, ct) => _recovery.RecoverAsync(room, force, ct), requireHealthy: false, cancellationToken);
        return (outcome.Info, outcome.Rebuilt);
    }

    /// <summary>
    /// Runs one action on the room's active tab and tells the room's event clients how it went
    /// (action_completed or action_error). <paramref name="paramsLength"/> is the size of the
    /// params JSON; large params are left out of the events.
    /// </summary>
    internal Task<ActionResult> ExecuteActionAsync(string roomName, string actionType, JsonElement parameters, int paramsLength, CancellationToken cancellationToken) =>
        RunAsync(roomName, async (room, ct) =>
        {
            foreach (var gate in room.Components.OfType<IRoomActionGate>())
            {
                gate.EnsureAgentMayAct(room.RoomName);
            }

            var result = await room.Dispatcher!.ExecuteAsync(actionType, parameters, ct);
            foreach (var component in room.Components)
            {
                component.OnActionCompleted(result, parameters);
            }

            _publisher.PublishAction(room.RoomName, result, parameters, paramsLength);
            return result;
        }, requireHealthy: true, cancellationToken);

    /// <summary>The room's component of type <typeparamref name="T"/>, or null; <c>room_not_found</c> when the room has no session.</summary>
    internal T? FindComponent<T>(string roomName) where T : class => _rooms.Find(roomName).Components.OfType<T>().FirstOrDefault();

    /// <summary>
    /// Runs <paramref name="work"/> on the room once its earlier calls finished. The token
    /// passed to the work is cancelled when the caller gives up or the room closes.
    /// </summary>
    internal Task<T> RunAsync<T>(string roomName, Func<RoomSession, CancellationToken, Task<T>> work, bool requireHealthy, CancellationToken cancellationToken) =>
        _rooms.Find(roomName).RunAsync(work, requireHealthy, Options.QueueTimeout, cancellationToken);

    /// <summary>Closes rooms that had no call for longer than the idle timeout; returns how many.</summary>
    public async Task<int> CloseIdleAsync()
    {
        if (Options.IdleTimeout <= TimeSpan.Zero)
        {
            return 0;
        }

        var idle = _rooms.RemoveIdle(Options.IdleTimeout);
        foreach (var room in idle)
        {
            LogIdleClosed(_logger, room.RoomName, Options.IdleTimeout.TotalSeconds);
        }

        await Task.WhenAll(idle.Select(r => _lifecycle.CloseAsync(r, ReasonIdle)));
        return idle.Count;
    }

    /// <summary>
    /// Asks the page of every room with no call running whether it still answers (all at once, each
    /// at most <see cref="SessionManagerOptions.HangTimeout"/>); reports the newly hung ones and returns how many.
    /// </summary>
    public async Task<int> CheckHungAsync()
    {
        var hung = await Task.WhenAll(_rooms.All.ToList().Select(_hangCheck.CheckAsync));
        return hung.Count(h => h);
    }

    /// <summary>Refuses new sessions and closes every open one.</summary>
    public async Task CloseAllAsync(string reason = ReasonShutdown) =>
        await Task.WhenAll(_rooms.BeginShutdown().Select(r => _lifecycle.CloseAsync(r, reason)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        ToolTelemetry.Untrack(this);
        await CloseAllAsync();
    }

    /// <summary>The status of every room, for the sessions gauge.</summary>
    internal IEnumerable<RoomSessionStatus> Statuses() => _rooms.All.Select(r => r.Status);

    /// <summary>How many rooms are in each status, and which are not usable right now.</summary>
    public RoomHealth GetHealth()
    {
        var rooms = _rooms.All.ToList();
        return new RoomHealth(
            rooms.GroupBy(r => RoomSession.StatusName(r.Status)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            [.. rooms.Where(r => r.Status is RoomSessionStatus.Crashed or RoomSessionStatus.Recovering).Select(r => r.RoomName).Order(StringComparer.Ordinal)],
            [.. rooms.Where(r => r.InFlight > 0 && r.IdleFor > Options.StuckAfter).Select(r => r.RoomName).Order(StringComparer.Ordinal)]);
    }

    private void OnRoomCrashed(RoomSession room)
    {
        if (Options.AutoRecover)
        {
            _ = AutoRecoverAsync(room);
        }
    }

    private void OnRoomHung(RoomSession room)
    {
        if (Options.AutoRecover)
        {
            // Recovery probes the page again and rebuilds only if it still does not answer.
            _ = AutoRecoverAsync(room, crashedOnly: false);
        }
    }

    private async Task AutoRecoverAsync(RoomSession room, bool crashedOnly = true)
    {
        try
        {
            await room.RunAsync((r, ct) => !crashedOnly || r.Status == RoomSessionStatus.Crashed ? _recovery.RecoverAsync(r, force: false, ct) : Task.FromResult(new RecoveryOutcome(r.ToInfo(), false)), requireHealthy: false, Options.QueueTimeout, CancellationToken.None);
        }
        catch (Exception ex) when (ex is NavigatorToolException or BrowserException or CdpException or OperationCanceledException or ObjectDisposedException)
        {
            LogAutoRecoverFailed(_logger, room.RoomName, ex);
        }
    }

    private Task<RoomSessionInfo> SetPausedAsync(string roomName, bool paused, CancellationToken cancellationToken) =>
        RunAsync(roomName, async (room, ct) =>
        {
            _recorder.Update(room, s => s with { Paused = paused });
            foreach (var component in room.Components)
            {
                await component.OnPausedChangedAsync(paused, ct);
            }

            if (room.Status is RoomSessionStatus.Active or RoomSessionStatus.Paused)
            {
                room.Status = paused ? RoomSessionStatus.Paused : RoomSessionStatus.Active;
            }

            return room.ToInfo();
        }, requireHealthy: false, cancellationToken);

    private void AddComponents(RoomSession room, RoomSessionState state)
    {
        foreach (var factory in _componentFactories)
        {
            if (factory.Create(state) is { } component)
            {
                room.AddComponent(component);
            }
        }

        foreach (var peer in room.Components.OfType<IRoomComponentPeer>())
        {
            peer.OnRoomComponents(room.Components);
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
        _rooms.TryRemove(room);
        room.TryBeginClose();
        room.Status = RoomSessionStatus.Closed;
        await room.Lifetime.CancelAsync();
        await RoomLifecycle.DetachAsync(room);
        foreach (var component in room.Components)
        {
            await component.DisposeAsync();
        }

        if (claimed)
        {
            await _directory.RemoveAsync(room.RoomName, CancellationToken.None);
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

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Room {RoomName}: idle for over {Seconds} s, closing")]
    private static partial void LogIdleClosed(ILogger logger, string roomName, double seconds);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Room {RoomName}: automatic recovery failed")]
    private static partial void LogAutoRecoverFailed(ILogger logger, string roomName, Exception exception);
}

/// <summary>Rooms by status, and the rooms that cannot act right now.</summary>
/// <param name="ByStatus">How many rooms are in each status (starting, active, paused, crashed, recovering).</param>
/// <param name="Unavailable">Rooms crashed or being rebuilt.</param>
/// <param name="Stuck">Rooms whose current call has been running longer than <see cref="SessionManagerOptions.StuckAfter"/>.</param>
public sealed record RoomHealth(IReadOnlyDictionary<string, int> ByStatus, IReadOnlyList<string> Unavailable, IReadOnlyList<string> Stuck);
