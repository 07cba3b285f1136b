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
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);

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
