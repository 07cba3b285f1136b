namespace Navigator.Actions.State;

/// <summary>What an agent knows about the page at one moment (the seed's BrowserContext).</summary>
public sealed record BrowserContextSnapshot
{
    /// <summary>Active tab URL.</summary>
    public required string Url { get; init; }

    /// <summary>Active tab title.</summary>
    public required string Title { get; init; }

    /// <summary>navigating, loading, interactive or complete.</summary>
    public required string LoadState { get; init; }

    /// <summary>Horizontal scroll offset in CSS pixels.</summary>
    public double ScrollX { get; init; }

    /// <summary>Vertical scroll offset in CSS pixels.</summary>
    public double ScrollY { get; init; }

    /// <summary>Viewport width in CSS pixels.</summary>
    public double ViewportWidth { get; init; }

    /// <summary>Viewport height in CSS pixels.</summary>
    public double ViewportHeight { get; init; }

    /// <summary>Document width in CSS pixels.</summary>
    public double PageWidth { get; init; }

    /// <summary>Document height in CSS pixels.</summary>
    public double PageHeight { get; init; }

    /// <summary>Open tabs.</summary>
    public IReadOnlyList<TabInfo> Tabs { get; init; } = [];

    /// <summary>Indexed interactive elements.</summary>
    public IReadOnlyList<InteractiveElement> Elements { get; init; } = [];

    /// <summary>
    /// The page for a language model: visible text in reading order interleaved with
    /// indexed elements, e.g. <c>[12] button "Submit"</c>.
    /// </summary>
    public required string Text { get; init; }

    /// <summary>In viewport mode: what lies outside the viewport, summarised.</summary>
    public string? OffscreenSummary { get; init; }

    /// <summary>Increments whenever the page changed since the previous snapshot of this session.</summary>
    public long Version { get; init; }

    /// <summary>The mode the snapshot was taken in.</summary>
    public PageStateMode Mode { get; init; }

    /// <summary>True when <see cref="Text"/> was cut at <see cref="PageStateOptions.MaxTextLength"/>.</summary>
    public bool Truncated { get; init; }

    /// <summary>The active tab's target id.</summary>
    public string? TargetId { get; init; }

    /// <summary>Viewport screenshot (JPEG, base64) when requested.</summary>
    public string? ScreenshotBase64 { get; init; }

    /// <summary>Resolves the indices of <see cref="Elements"/> to DOM nodes when an action needs one.</summary>
    internal ElementNodes? Nodes { get; init; }

    /// <summary>
    /// Everything an agent needs in one block: URL, title, load state, scroll position, tabs,
    /// the page text with indexed elements and the off-screen summary.
    /// </summary>
    public string ToModelText() => SnapshotFormatter.Format(this);
}
