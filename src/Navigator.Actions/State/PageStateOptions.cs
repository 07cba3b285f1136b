namespace Navigator.Actions.State;

/// <summary>How much of the page a <see cref="BrowserContextSnapshot"/> covers.</summary>
public enum PageStateMode
{
    /// <summary>What is on screen; what lies outside is only summarised (the default an agent sees).</summary>
    Viewport,

    /// <summary>The whole page; off-screen parts are marked with their direction.</summary>
    FullPage,
}

/// <summary>Options for <see cref="PageStateBuilder.CaptureAsync"/>.</summary>
public sealed record PageStateOptions
{
    /// <summary>Viewport only (default) or the full page.</summary>
    public PageStateMode Mode { get; init; } = PageStateMode.Viewport;

    /// <summary>
    /// Upper bound on <see cref="BrowserContextSnapshot.Text"/> in characters; later content is
    /// dropped and the snapshot says so. Zero or less means no limit.
    /// </summary>
    public int MaxTextLength { get; init; } = 120_000;

    /// <summary>
    /// In viewport mode, also list off-screen elements in <see cref="BrowserContextSnapshot.Elements"/>
    /// (they are never in the text). Costs more on the first capture of a large page.
    /// </summary>
    public bool ListOffscreenElements { get; init; }

    /// <summary>
    /// Index elements whose only sign of being clickable is a listener added by script
    /// (found through CDP; rescanned only after the DOM changed).
    /// </summary>
    public bool DetectClickListeners { get; init; } = true;

    /// <summary>Include open tabs (one extra browser round trip, run in parallel).</summary>
    public bool IncludeTabs { get; init; } = true;

    /// <summary>Attach a JPEG screenshot of the viewport (base64) to the snapshot.</summary>
    public bool IncludeScreenshot { get; init; }

    /// <summary>JPEG quality for <see cref="IncludeScreenshot"/> (1-100).</summary>
    public int ScreenshotQuality { get; init; } = 70;

    /// <summary>Default options (viewport mode).</summary>
    public static PageStateOptions Default { get; } = new();
}
