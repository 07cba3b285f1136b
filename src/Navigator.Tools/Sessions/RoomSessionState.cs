using Navigator.Browser;
using Navigator.Browser.Security;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Everything needed to rebuild a room's browser session: how it was started, where it is
/// now and its cookies. recover_browser_session rebuilds from it, and it is the record a
/// session directory shares between nodes. Immutable; changes produce a new record.
/// </summary>
public sealed record RoomSessionState
{
    /// <summary>The room (the session's key).</summary>
    public required string RoomName { get; init; }

    /// <summary>The URL the session was started on.</summary>
    public required string InitialUrl { get; init; }

    /// <summary>The active tab's last known URL.</summary>
    public required string CurrentUrl { get; init; }

    /// <summary>Viewport width in CSS pixels.</summary>
    public required int ViewportWidth { get; init; }

    /// <summary>Viewport height in CSS pixels.</summary>
    public required int ViewportHeight { get; init; }

    /// <summary>Video frames per second.</summary>
    public required int Fps { get; init; }

    /// <summary>Domains the session may visit; empty allows every domain.</summary>
    public IReadOnlyList<string> AllowedDomains { get; init; } = [];

    /// <summary>Whether the browser runs headless.</summary>
    public bool Headless { get; init; } = true;

    /// <summary>LiveKit server URL, kept for the streaming feature.</summary>
    public string? LiveKitUrl { get; init; }

    /// <summary>LiveKit publish token, kept for the streaming feature; never echoed to clients.</summary>
    public string? LiveKitToken { get; init; }

    /// <summary>The session's self-correction policy (null: the server's <c>Sessions:Actions:SelfCorrection</c>).</summary>
    public Navigator.Actions.Correction.SelfCorrectionPolicy? SelfCorrect { get; init; }

    /// <summary>Video publishing paused.</summary>
    public bool Paused { get; init; }

    /// <summary>Cookies at the last snapshot, restored on rebuild.</summary>
    public IReadOnlyList<BrowserCookie> Cookies { get; init; } = [];

    /// <summary>When the room's session was first started.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>How many times the session was rebuilt.</summary>
    public int Recoveries { get; init; }

    /// <summary>The page that last crashed or stopped answering (null when none did since the last navigation elsewhere).</summary>
    public string? FaultUrl { get; init; }

    /// <summary>How many times <see cref="FaultUrl"/> crashed or stopped answering in a row.</summary>
    public int Faults { get; init; }

    /// <summary>This state with one more fault of the page at <paramref name="url"/>.</summary>
    public RoomSessionState WithFault(string url) =>
        this with { FaultUrl = url, Faults = FaultUrl == url ? Faults + 1 : 1 };

    /// <summary>This state at <paramref name="url"/>; reaching another page forgets earlier faults.</summary>
    public RoomSessionState AtUrl(string url) =>
        url == FaultUrl || url == "about:blank"
            ? this with { CurrentUrl = url }
            : this with { CurrentUrl = url, FaultUrl = null, Faults = 0 };

    /// <summary>The room's allowlist plus the server's blocked domains.</summary>
    public NavigationPolicy ToNavigationPolicy(IReadOnlyList<string> serverBlockedDomains) =>
        AllowedDomains.Count == 0 && serverBlockedDomains.Count == 0
            ? NavigationPolicy.Unrestricted
            : new NavigationPolicy
            {
                AllowedDomains = AllowedDomains.Count == 0 ? null : AllowedDomains,
                BlockedDomains = serverBlockedDomains,
            };

    /// <summary>The browser settings this state rebuilds with.</summary>
    public BrowserSessionOptions ToBrowserSessionOptions(IReadOnlyList<string> serverBlockedDomains, BrowserSessionOptions? template = null) =>
        (template ?? new BrowserSessionOptions()) with
        {
            ViewportWidth = ViewportWidth,
            ViewportHeight = ViewportHeight,
            NavigationPolicy = ToNavigationPolicy(serverBlockedDomains),
        };
}
