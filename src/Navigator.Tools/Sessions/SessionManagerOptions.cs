using Navigator.Actions;
using Navigator.Actions.Changes;

namespace Navigator.Tools.Sessions;

/// <summary>Limits and defaults of the room session manager (configuration section <c>Sessions</c>).</summary>
public sealed class SessionManagerOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "Sessions";

    /// <summary>Most rooms with a live browser at once; a further start gets <c>capacity_reached</c>.</summary>
    public int MaxSessions { get; set; } = 20;

    /// <summary>A room with no tool call for this long is closed. Zero or negative disables the sweep.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle rooms are looked for; defaults to a quarter of the idle timeout, at most 30 s.</summary>
    public TimeSpan? IdleSweepInterval { get; set; }

    /// <summary>How long one tool call may wait for the room's previous call before giving up.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long closing waits for a running action to stop before the browser is torn down anyway.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Rebuild a room by itself when its browser or page renderer crashes (as recover_browser_session
    /// would), instead of waiting for a client to ask.
    /// </summary>
    public bool AutoRecover { get; set; }

    /// <summary>How long recovery waits for the old page to answer before treating it as hung.</summary>
    public TimeSpan ResponsivenessProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often rooms with no call running are checked for a page that stopped answering (a
    /// renderer spinning in a script); such a room gets one browser_error (page_unresponsive) per
    /// hang, and is rebuilt when <see cref="AutoRecover"/> is on. Zero or negative turns the check off.
    /// </summary>
    public TimeSpan HangCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the hang check waits for a page to answer before reporting it.</summary>
    public TimeSpan HangTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After this many crashes or hangs of the same page in a row, recovery opens about:blank instead of it.</summary>
    public int SafePageAfterFaults { get; set; } = 2;

    /// <summary>How long recovery waits for the last page to commit.</summary>
    public TimeSpan RecoveryNavigationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long recovery then waits for that page's load event (a page that never loads does not hold the room).</summary>
    public TimeSpan RecoveryLoadWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// URL changes of the active tab within this window are reported (page_navigation) and saved
    /// once, with the last value: a page rewriting its URL in a loop cannot flood clients.
    /// </summary>
    public TimeSpan UrlChangeWindow { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A room whose current call has run longer than this is reported as stuck by /health.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Viewport width when start_browser_session names none.</summary>
    public int DefaultViewportWidth { get; set; } = 1280;

    /// <summary>Viewport height when start_browser_session names none.</summary>
    public int DefaultViewportHeight { get; set; } = 720;

    /// <summary>Frames per second of the room's video stream when none is named.</summary>
    public int DefaultFps { get; set; } = 10;

    /// <summary>
    /// Domain patterns no session may reach, whatever its allowed_domains (e.g. internal
    /// hosts, cloud metadata addresses). Pattern syntax as in docs/security.md.
    /// </summary>
    public IList<string> BlockedDomains { get; } = [];

    /// <summary>How long actions wait for the page to settle (navigation, network, DOM).</summary>
    public ActionDispatcherOptions Actions { get; set; } = new();

    /// <summary>How DOM changes are debounced into dom_change events.</summary>
    public PageChangeMonitorOptions Changes { get; set; } = new();

    /// <summary>Start the browser pool in the background as soon as the server starts.</summary>
    public bool WarmUpOnStart { get; set; } = true;

    /// <summary>The sweep period actually used.</summary>
    internal TimeSpan EffectiveSweepInterval =>
        IdleSweepInterval is { } explicitInterval && explicitInterval > TimeSpan.Zero
            ? explicitInterval
            : TimeSpan.FromTicks(Math.Clamp(IdleTimeout.Ticks / 4, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromSeconds(30).Ticks));
}
