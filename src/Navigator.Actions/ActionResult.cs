using System.Text.Json;

namespace Navigator.Actions;

/// <summary>The outcome of one action: what happened, how long it took, where the page is now.</summary>
public sealed record ActionResult
{
    /// <summary>The action that ran (e.g. <c>click</c>).</summary>
    public required string ActionType { get; init; }

    /// <summary>True when the action had its effect.</summary>
    public required bool Success { get; init; }

    /// <summary>One of <see cref="ActionErrorCodes"/> when it failed.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>A message a person (or a model) can act on.</summary>
    public string? Error { get; init; }

    /// <summary>Wall time from dispatch to settled page, in milliseconds.</summary>
    public double DurationMs { get; init; }

    /// <summary>The active tab's URL after the action.</summary>
    public string? Url { get; init; }

    /// <summary>The active tab's title after the action.</summary>
    public string? Title { get; init; }

    /// <summary>True when the action navigated or changed the DOM.</summary>
    public bool PageChanged { get; init; }

    /// <summary>True when the action started a navigation of the main frame.</summary>
    public bool Navigated { get; init; }

    /// <summary>Where the pointer acted (click, hover, drag end), for the ghost cursor.</summary>
    public ActionPoint? ClickPoint { get; init; }

    /// <summary>Text output (extract: page text or markdown).</summary>
    public string? Content { get; init; }

    /// <summary>Base64 image output (screenshot).</summary>
    public string? ScreenshotBase64 { get; init; }

    /// <summary>MIME type of <see cref="ScreenshotBase64"/>.</summary>
    public string? ScreenshotMimeType { get; init; }

    /// <summary>Indexed elements the action made appear or go away (set when it changed the page without navigating).</summary>
    public PageElementChanges? Changes { get; init; }

    /// <summary>Other structured output of an action (e.g. tab list, dialog message).</summary>
    public JsonElement? Data { get; init; }

    /// <summary>What self-correction tried, what worked and what it suggests (null when it did not run).</summary>
    public Correction.CorrectionReport? Correction { get; init; }
}
