using System.Globalization;
using System.Text;
using Navigator.Actions.Correction;

namespace Navigator.Tools.Mcp;

/// <summary>Self-correction in the words a model reads: what was tried, the page, and suggestions as ready-to-send actions.</summary>
internal static class CorrectionText
{
    /// <summary>For a repaired action, e.g. <c>self-corrected after element_obscured: clicked "Accept all" (accept) to dismiss ...</c>.</summary>
    public static string Repaired(CorrectionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var worked = report.Tried.LastOrDefault(t => t.Succeeded);
        return $"self-corrected after {report.FailedWith}: {TextCaps.Cap(worked?.Detail ?? report.Succeeded ?? string.Empty, TextCaps.Message)}";
    }

    /// <summary>The lines after a failed action's error: tried steps, page summary, suggestions.</summary>
    public static string Describe(CorrectionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(culture, $"Self-correction ({report.Policy}):");
        foreach (var attempt in report.Tried)
        {
            text.Append(culture, $"\n- {attempt.Step}: {TextCaps.Cap(attempt.Detail, TextCaps.Message)}");
        }

        if (report.StateSummary is { } summary)
        {
            text.Append("\nNow: ").Append(summary);
        }

        if (report.Suggestions.Count > 0)
        {
            text.Append("\nSuggestions:");
            foreach (var s in report.Suggestions)
            {
                var target = s.Index is { } index ? string.Create(culture, $"{{\"index\": {index}}}")
                    : s.Point is { } point ? string.Create(culture, $"{{\"x\": {point.X:0.#}, \"y\": {point.Y:0.#}}}")
                    : string.Empty;
                var element = s.Name is { Length: > 0 } name ? $" {s.Role ?? "element"} \"{TextCaps.Cap(name, TextCaps.Short)}\"" : string.Empty;
                text.Append(culture, $"\n- {s.ActionType} {target}{element}: {s.Reason}");
            }
        }

        return text.ToString();
    }
}
