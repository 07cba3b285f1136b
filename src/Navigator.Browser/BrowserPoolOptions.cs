using Navigator.Browser.Launching;

namespace Navigator.Browser;

/// <summary>How sessions map onto browser processes.</summary>
public enum BrowserIsolation
{
    /// <summary>Sessions share browser processes, each in its own browser context.</summary>
    SharedProcess,

    /// <summary>Each session gets its own browser process (stronger isolation, more memory).</summary>
    ProcessPerSession,
}

/// <summary>Settings of the <see cref="BrowserPool"/>.</summary>
public sealed class BrowserPoolOptions
{
    /// <summary>How to launch Chromium.</summary>
    public ChromiumOptions Chromium { get; set; } = new();

    /// <summary>Shared processes or one per session.</summary>
    public BrowserIsolation Isolation { get; set; } = BrowserIsolation.SharedProcess;

    /// <summary>Contexts per shared browser before another process is started.</summary>
    public int MaxSessionsPerBrowser { get; set; } = 16;

    /// <summary>Browsers kept started and idle so a new session does not pay for a launch.</summary>
    public int WarmBrowsers { get; set; } = 1;
}
