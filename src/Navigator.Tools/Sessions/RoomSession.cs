using Navigator.Actions;
using Navigator.Actions.Changes;
using Navigator.Browser;
using Navigator.Cdp;

namespace Navigator.Tools.Sessions;

/// <summary>
/// A room: its rebuild record (<see cref="State"/>), its status, the queue that runs the room's
/// calls one at a time, its current browser (<see cref="Attachment"/>) and the components that
/// live as long as the room. Rooms run in parallel; calls on one room in arrival order.
/// </summary>
internal sealed class RoomSession
{
    private readonly TimeProvider _time;
    private readonly List<IRoomComponent> _components = [];
    private RoomSessionState _state;
    private int _status = (int)RoomSessionStatus.Starting;
    private long _lastActivityTimestamp;
    private long _lastActivityTicks;
    private int _inFlight;
    private int _closing;
    private int _snapshotRunning;
    private int _unresponsive;

    public RoomSession(RoomSessionState state, TimeProvider time, string? nodeUrl = null)
    {
        _state = state;
        _time = time;
        NodeUrl = nodeUrl;
        Touch();
    }

    public string RoomName => _state.RoomName;

    /// <summary>The node serving the room when several share rooms; null on a single node.</summary>
    public string? NodeUrl { get; }

    /// <summary>Held by whoever is acting on the room; the creator holds it until the browser is ready.</summary>
    public SemaphoreSlim Gate { get; } = new(0, 1);

    /// <summary>Cancelled when the room closes; every call on the room links to it.</summary>
    public CancellationTokenSource Lifetime { get; } = new();

    public RoomSessionState State => Volatile.Read(ref _state);

    public RoomSessionStatus Status
    {
        get => (RoomSessionStatus)Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, (int)value);
    }

    /// <summary>The room's current browser with what follows it; null while none is attached.</summary>
    public RoomBrowser? Attachment { get; set; }

    public BrowserSession? Browser => Attachment?.Browser;

    /// <summary>Runs the room's actions; index parameters refer to its last captured state.</summary>
    public ActionDispatcher? Dispatcher => Attachment?.Dispatcher;

    /// <summary>Watches the room's tabs for DOM changes, new tabs and dialogs.</summary>
    public PageChangeMonitor? Monitor => Attachment?.Monitor;

    /// <summary>Per-room components (e.g. media capture), disposed with the room.</summary>
    public IReadOnlyList<IRoomComponent> Components => _components;

    public DateTimeOffset LastActivity => new(Volatile.Read(ref _lastActivityTicks), TimeSpan.Zero);

    /// <summary>How long since the last call began or ended, on the room's clock.</summary>
    public TimeSpan IdleFor => _time.GetElapsedTime(Volatile.Read(ref _lastActivityTimestamp));

    /// <summary>Calls running or queued: a room with any is never idle.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    public void Touch()
    {
        Volatile.Write(ref _lastActivityTimestamp, _time.GetTimestamp());
        Volatile.Write(ref _lastActivityTicks, _time.GetUtcNow().UtcTicks);
    }

    public void AddComponent(IRoomComponent component) => _components.Add(component);

    /// <summary>True when no cookie snapshot is running, so snapshots never pile up.</summary>
    public bool TryBeginSnapshot() => Interlocked.Exchange(ref _snapshotRunning, 1) == 0;

    public void EndSnapshot() => Volatile.Write(ref _snapshotRunning, 0);

    /// <summary>True for the first caller only: closing happens once.</summary>
    public bool TryBeginClose() => Interlocked.Exchange(ref _closing, 1) == 0;

    public bool IsClosing => Volatile.Read(ref _closing) != 0;

    /// <summary>True for the first report of a hang; false until <see cref="MarkResponsive"/> ends it.</summary>
    public bool TryMarkUnresponsive() => Interlocked.Exchange(ref _unresponsive, 1) == 0;

    public void MarkResponsive() => Volatile.Write(ref _unresponsive, 0);

    public RoomSessionState UpdateState(Func<RoomSessionState, RoomSessionState> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _state);
            var next = change(current);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _state, next, current), current))
            {
                return next;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> once the room's earlier calls finished. The token passed to the
    /// work is cancelled when the caller gives up or the room closes.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<RoomSession, CancellationToken, Task<T>> work, bool requireHealthy, TimeSpan queueTimeout, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Lifetime.Token);
            try
            {
                if (!await Gate.WaitAsync(queueTimeout, linked.Token))
                {
                    throw new NavigatorToolException(
                        ToolErrorCodes.Timeout,
                        $"Room '{RoomName}' is still busy with an earlier call after {queueTimeout.TotalSeconds:0} s");
                }
            }
            catch (OperationCanceledException ex) when (Lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw SessionClosed(ex);
            }

            try
            {
                if (Lifetime.IsCancellationRequested || Status == RoomSessionStatus.Closed)
                {
                    throw SessionClosed(null);
                }

                if (requireHealthy && (Status == RoomSessionStatus.Crashed || Browser is null or { IsClosed: true }))
                {
                    throw new NavigatorToolException(
                        ToolErrorCodes.BrowserCrashed,
                        $"The browser of room '{RoomName}' crashed; call recover_browser_session to rebuild it at {State.CurrentUrl}");
                }

                Touch();
                return await work(this, linked.Token);
            }
            catch (OperationCanceledException ex) when (Lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw SessionClosed(ex);
            }
            catch (Exception ex) when (ex is BrowserSessionClosedException or CdpConnectionClosedException or CdpSessionDetachedException && Lifetime.IsCancellationRequested)
            {
                throw SessionClosed(ex);
            }
            finally
            {
                Touch();
                Gate.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public NavigatorToolException SessionClosed(Exception? inner) =>
        new(ToolErrorCodes.SessionClosed, $"The browser session of room '{RoomName}' was closed", inner);

    public RoomSessionInfo ToInfo(string? warning = null)
    {
        var state = State;
        var browser = Browser;
        return new RoomSessionInfo
        {
            RoomName = state.RoomName,
            Status = StatusName(Status),
            Url = state.CurrentUrl,
            ViewportWidth = state.ViewportWidth,
            ViewportHeight = state.ViewportHeight,
            Fps = state.Fps,
            AllowedDomains = state.AllowedDomains,
            Headless = state.Headless,
            Paused = state.Paused,
            LiveKitUrl = state.LiveKitUrl,
            HasLiveKitToken = !string.IsNullOrEmpty(state.LiveKitToken),
            Streaming = _components.OfType<Media.RoomStreamComponent>().FirstOrDefault()?.Status,
            Tabs = browser is { IsClosed: false } ? browser.Pages.Count : 0,
            CreatedAt = state.CreatedAt,
            LastActivityAt = LastActivity,
            Recoveries = state.Recoveries,
            EventsPath = "/mcp/events/" + Uri.EscapeDataString(state.RoomName),
            LiveViewPath = _components.Any(c => c is Live.RoomControl) ? Live.LiveViewLinks.PathOf(state.RoomName) : null,
            NodeUrl = NodeUrl,
            Warning = warning,
        };
    }

    public static string StatusName(RoomSessionStatus status) => status switch
    {
        RoomSessionStatus.Starting => "starting",
        RoomSessionStatus.Active => "active",
        RoomSessionStatus.Paused => "paused",
        RoomSessionStatus.Crashed => "crashed",
        RoomSessionStatus.Recovering => "recovering",
        _ => "closed",
    };
}
