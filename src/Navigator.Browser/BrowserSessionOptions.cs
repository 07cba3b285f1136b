using Navigator.Browser.Security;

namespace Navigator.Browser;

/// <summary>Per-session browser settings; together with the URL and cookies this is what rebuilds a session.</summary>
public sealed record BrowserSessionOptions
{
    /// <summary>Viewport width in CSS pixels.</summary>
    public int ViewportWidth { get; init; } = 1280;

    /// <summary>Viewport height in CSS pixels.</summary>
    public int ViewportHeight { get; init; } = 720;

    /// <summary>Device pixel ratio.</summary>
    public double DeviceScaleFactor { get; init; } = 1;

    /// <summary>User agent override; null keeps Chromium's.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Locale such as <c>fr-FR</c>; sets navigator.language and Accept-Language.</summary>
    public string? Locale { get; init; }

    /// <summary>IANA time zone such as <c>Europe/Paris</c>.</summary>
    public string? TimezoneId { get; init; }

    /// <summary>How long a navigation may take to load.</summary>
    public TimeSpan NavigationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Steps run on every new page of the session (first tab and popups) while it is
    /// still paused before its first request, e.g. request interception.
    /// </summary>
    public IReadOnlyList<IPageInitializer> PageInitializers { get; init; } = [];

    /// <summary>
    /// Where the session may navigate and load from. Validated when the session is created
    /// (<see cref="InvalidDomainPatternException"/>) and enforced by the session itself on every
    /// tab, popup, iframe and worker before any of their requests; see docs/security.md.
    /// </summary>
    public NavigationPolicy NavigationPolicy { get; init; } = NavigationPolicy.Unrestricted;

    /// <summary>
    /// Most tabs the session may have open; a popup or window.open beyond it is closed as soon as
    /// it appears (the page sees a closed window) and opening a tab fails.
    /// </summary>
    public int MaxTabs { get; init; } = 20;

    /// <summary>Per-session download folder settings.</summary>
    public DownloadOptions Downloads { get; init; } = new();
}

/// <summary>
/// Prepares a page before it runs: the page stays paused until every initializer returns.
/// While paused, only browser-side domains (Fetch, Network, Target, Browser, Storage) answer;
/// an initializer may send renderer-side commands (Page, Runtime) but must not await them.
/// </summary>
public interface IPageInitializer
{
    /// <summary>Runs on a freshly attached page.</summary>
    Task InitializeAsync(BrowserPage page, CancellationToken cancellationToken);
}
