using Navigator.Actions.State;

namespace Navigator.Tools.Mcp;

/// <summary>get_browser_context's answer: where the room's browser is and what it can act on.</summary>
internal sealed record BrowserContextResult
{
    public required string RoomName { get; init; }

    public required string Url { get; init; }

    public required string Title { get; init; }

    /// <summary>document.readyState: loading, interactive or complete.</summary>
    public required string ReadyState { get; init; }

    /// <summary>The engine's view: navigating, loading, interactive or complete.</summary>
    public required string LoadState { get; init; }

    public required string Status { get; init; }

    public IReadOnlyList<TabInfo> Tabs { get; init; } = [];

    public double? ScrollX { get; init; }

    public double? ScrollY { get; init; }

    public double? ViewportWidth { get; init; }

    public double? ViewportHeight { get; init; }

    public double? PageWidth { get; init; }

    public double? PageHeight { get; init; }

    /// <summary>The page for a model: text with indexed elements such as <c>[12] button "Submit"</c>, cut to the budget at a line boundary.</summary>
    public string? Text { get; init; }

    /// <summary>True when the page text was cut (to max_chars here, or while reading a very long page).</summary>
    public bool Truncated { get; init; }

    /// <summary>The budget in characters the reply text was held to.</summary>
    public int MaxChars { get; init; }

    /// <summary>Characters of page text left out to keep to <see cref="MaxChars"/>.</summary>
    public int? OmittedChars { get; init; }

    /// <summary>Lines of page text left out.</summary>
    public int? OmittedLines { get; init; }

    /// <summary>Indexed elements in the lines left out.</summary>
    public int? OmittedElements { get; init; }

    public int ElementCount { get; init; }

    public IReadOnlyList<InteractiveElement>? Elements { get; init; }

    public string? OffscreenSummary { get; init; }

    public long? Version { get; init; }

    /// <summary>True when an image of the viewport follows as MCP image content.</summary>
    public bool Screenshot { get; init; }
}
