using Navigator.Actions;
using Navigator.Actions.Changes;
using Navigator.Browser;

namespace Navigator.Tools.Sessions;

/// <summary>
/// A room's live session: its browser context, the gate that serialises the room's calls and
/// the bookkeeping the manager needs. The rebuild record is <see cref="State"/>.
/// </summary>
internal sealed class RoomSession
{
    private RoomSessionState _state;
    private int _status = (int)RoomSessionStatus.Starting;
    private long _lastActivityTicks;
    private int _inFlight;
    private int _closing;
    private int _snapshotRunning;

    public RoomSession(RoomSessionState state, DateTimeOffset now)
    {
        _state = state;
        _lastActivityTicks = now.UtcTicks;
    }

    public string RoomName => _state.RoomName;

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

    public BrowserSession? Browser { get; set; }

    public IDisposable? BrowserEvents { get; set; }

    /// <summary>Runs the room's actions; index parameters refer to its last captured state.</summary>
    public ActionDispatcher? Dispatcher { get; set; }

    /// <summary>Watches the room's tabs for DOM changes, new tabs and dialogs.</summary>
    public PageChangeMonitor? Monitor { get; set; }

    /// <summary>The room's screencast, ghost cursor and recording; null when the server has no media.</summary>
    public Navigator.Media.SessionMedia? Media { get; set; }

    public DateTimeOffset LastActivity => new(Volatile.Read(ref _lastActivityTicks), TimeSpan.Zero);

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Touch(DateTimeOffset now) => Volatile.Write(ref _lastActivityTicks, now.UtcTicks);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    /// <summary>True when no cookie snapshot is running, so snapshots never pile up.</summary>
    public bool TryBeginSnapshot() => Interlocked.Exchange(ref _snapshotRunning, 1) == 0;

    public void EndSnapshot() => Volatile.Write(ref _snapshotRunning, 0);

    /// <summary>True for the first caller only: closing happens once.</summary>
    public bool TryBeginClose() => Interlocked.Exchange(ref _closing, 1) == 0;

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
            Tabs = browser is { IsClosed: false } ? browser.Pages.Count : 0,
            CreatedAt = state.CreatedAt,
            LastActivityAt = LastActivity,
            Recoveries = state.Recoveries,
            EventsPath = "/mcp/events/" + Uri.EscapeDataString(state.RoomName),
            Warning = warning,
        };
    }

    public static string StatusName(RoomSessionStatus status) => status switch
    {
        RoomSessionStatus.Starting => "starting",
        RoomSessionStatus.Active => "active",
        RoomSessionStatus.Paused => "paused",
        RoomSessionStatus.Crashed => "crashed",
        _ => "closed",
    };
}
