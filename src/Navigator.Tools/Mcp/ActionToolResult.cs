using System.Text.Json;
using Navigator.Actions;

namespace Navigator.Tools.Mcp;

/// <summary>
/// execute_action's structured content: the <see cref="ActionResult"/> as the tool shows it
/// (strings capped, output cut to the budget, the screenshot as image content instead of base64).
/// </summary>
internal sealed record ActionToolResult
{
    public required string ActionType { get; init; }

    public required bool Success { get; init; }

    public double DurationMs { get; init; }

    public string? Url { get; init; }

    public string? Title { get; init; }

    public bool PageChanged { get; init; }

    public bool Navigated { get; init; }

    /// <summary>Indexed elements the action made appear or go away.</summary>
    public PageElementChanges? Changes { get; init; }

    public ActionPoint? ClickPoint { get; init; }

    /// <summary>extract's output, cut to the budget at a line boundary.</summary>
    public string? Content { get; init; }

    /// <summary>MIME type of the image content that follows (screenshot).</summary>
    public string? ScreenshotMimeType { get; init; }

    /// <summary>Other output of the action: dialog, tab_opened, tabs, still_loading, scroll position, ...</summary>
    public IReadOnlyDictionary<string, JsonElement>? Data { get; init; }

    /// <summary>When self-correction repaired the action: what it tried and what worked.</summary>
    public Navigator.Actions.Correction.CorrectionReport? Correction { get; init; }

    public static ActionToolResult From(ActionResult result, int maxContentChars) => new()
    {
        ActionType = result.ActionType,
        Success = result.Success,
        DurationMs = Math.Round(result.DurationMs, 1),
        Url = TextCaps.CapOrNull(result.Url, TextCaps.Url),
        Title = TextCaps.CapOrNull(result.Title, TextCaps.Title),
        PageChanged = result.PageChanged,
        Navigated = result.Navigated,
        Changes = result.Changes,
        ClickPoint = result.ClickPoint,
        Content = result.Content is { } content ? PageTextBudget.Apply(content, maxContentChars).Shown : null,
        ScreenshotMimeType = result.ScreenshotBase64 is null ? null : result.ScreenshotMimeType,
        Correction = result.Correction,
        Data = result.Data is { ValueKind: JsonValueKind.Object } data ? data.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()) : null,
    };
}
