using System.Globalization;
using System.Text;
using System.Text.Json;
using Navigator.Actions;

namespace Navigator.Tools.Mcp;

/// <summary>
/// execute_action's text: one or two lines saying what the action did to the page (navigated,
/// dialog, new tab, elements that appeared or went away, or no visible change), then its output.
/// </summary>
internal static class ActionResultText
{
    /// <summary>E.g. <c>click: 3 new elements: [7] option "France", ...</c>; extract output follows, cut to <paramref name="maxContentChars"/>.</summary>
    public static string Describe(ActionResult result, int maxContentChars)
    {
        ArgumentNullException.ThrowIfNull(result);
        var parts = new List<string>(4);
        var data = result.Data is { ValueKind: JsonValueKind.Object } d ? d : default;
        DescribeOwnOutcome(result, data, parts);
        DescribeEffect(result, data, parts);
        if (result.Correction is { Succeeded: not null } correction)
        {
            parts.Add(CorrectionText.Repaired(correction));
        }

        var text = new StringBuilder(result.ActionType).Append(": ").AppendJoin("; ", parts).Append('.');
        if (result.Content is { } content)
        {
            var cut = PageTextBudget.Apply(content, maxContentChars);
            text.Append('\n').Append(cut.Shown);
            if (cut.IsCut)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n[{cut.OmittedChars:N0} more characters ({cut.OmittedLines:N0} lines) left out at the {maxContentChars:N0}-character budget; scroll and read the page with get_browser_context to see the rest.]");
            }
        }

        return text.ToString();
    }

    /// <summary>What the action itself reports (selected option, scroll position, tabs, ...).</summary>
    private static void DescribeOwnOutcome(ActionResult result, JsonElement data, List<string> parts)
    {
        var culture = CultureInfo.InvariantCulture;
        switch (result.ActionType)
        {
            case "select_option" when String(data, "label") is { } label:
                parts.Add($"selected \"{TextCaps.Cap(label, TextCaps.Short)}\"");
                break;
            case "scroll" when data.ValueKind == JsonValueKind.Object && data.TryGetProperty("moved", out var moved):
                parts.Add(moved.GetBoolean()
                    ? string.Create(culture, $"scrolled to {Number(data, "scroll_x"):0},{Number(data, "scroll_y"):0}{(Bool(data, "at_end") ? " (the end)" : string.Empty)}")
                    : "did not move (already at the end)");
                break;
            case "wait" when data.ValueKind == JsonValueKind.Object && data.TryGetProperty("waited_ms", out var waited):
                parts.Add(string.Create(culture, $"waited {waited.GetDouble():0} ms"));
                break;
            case "upload_file" when data.ValueKind == JsonValueKind.Object && data.TryGetProperty("files", out var files):
                parts.Add("attached " + string.Join(", ", files.EnumerateArray().Select(f => TextCaps.Cap(f.GetString() ?? string.Empty, TextCaps.Short))));
                break;
            case "handle_dialog" when String(data, "type") is { } type:
                parts.Add($"{(Bool(data, "accepted") ? "accepted" : "dismissed")} the {type} dialog \"{TextCaps.Cap(String(data, "message") ?? string.Empty, TextCaps.Short)}\"");
                break;
            case "screenshot" when result.ScreenshotMimeType is { } mime:
                parts.Add(data.ValueKind == JsonValueKind.Object && data.TryGetProperty("marks", out var marks)
                    ? string.Create(culture, $"{mime} image attached with {marks.GetInt32()} numbered marks; what each number is follows")
                    : $"{mime} image attached");
                break;
            case "extract" when result.Content is { } content:
                parts.Add(string.Create(culture, $"{content.Length:N0} characters of page content follow"));
                break;
        }

        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("tabs", out var tabs) && tabs.ValueKind == JsonValueKind.Array)
        {
            parts.Add(string.Join(", ", tabs.EnumerateArray().Select(tab => string.Create(culture,
                $"tab {tab.GetProperty("tab_index").GetInt32()}{(Bool(tab, "active") ? " (active)" : string.Empty)} \"{TextCaps.Cap(String(tab, "title") ?? string.Empty, TextCaps.Short)}\" {TextCaps.Cap(String(tab, "url") ?? string.Empty, TextCaps.Short)}"))));
        }
    }

    /// <summary>What the action did to the page.</summary>
    private static void DescribeEffect(ActionResult result, JsonElement data, List<string> parts)
    {
        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("dialog", out var dialog) && result.ActionType != "handle_dialog")
        {
            parts.Add($"a {String(dialog, "type")} dialog opened: \"{TextCaps.Cap(String(dialog, "message") ?? string.Empty, TextCaps.Message)}\" - answer it with handle_dialog {{accept: true|false}}");
            return;
        }

        if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("tab_opened", out var tab))
        {
            parts.Add($"opened a new tab, now active: {TextCaps.Cap(String(tab, "url") ?? string.Empty, TextCaps.Url)}");
        }
        else if (result.Navigated)
        {
            var title = string.IsNullOrEmpty(result.Title) ? string.Empty : $" (\"{TextCaps.Cap(result.Title, TextCaps.Title)}\")";
            parts.Add($"navigated to {TextCaps.Cap(result.Url ?? string.Empty, TextCaps.Url)}{title}{(Bool(data, "still_loading") ? ", still loading" : string.Empty)}");
        }
        else if (result.Changes is { } changes && (changes.AddedCount > 0 || changes.RemovedCount > 0))
        {
            if (changes.AddedCount > 0)
            {
                parts.Add(Elements(changes.AddedCount, "new", changes.Added));
            }

            if (changes.RemovedCount > 0)
            {
                parts.Add(Elements(changes.RemovedCount, "gone", changes.Removed));
            }
        }
        else if (result.PageChanged)
        {
            parts.Add(result.Changes is null ? "the page changed" : "the page changed (no element appeared or went away)");
        }
        else if (result.ActionType is not ("screenshot" or "extract" or "wait"))
        {
            parts.Add("no visible change");
        }
    }

    private static string Elements(int count, string kind, IReadOnlyList<ChangedElement> listed)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "element" : "elements")} {kind}: "));
        text.AppendJoin(", ", listed.Select(e => e.Name.Length == 0
            ? string.Create(CultureInfo.InvariantCulture, $"[{e.Index}] {e.Role}")
            : string.Create(CultureInfo.InvariantCulture, $"[{e.Index}] {e.Role} \"{e.Name}\"")));
        if (count > listed.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $" and {count - listed.Count} more");
        }

        return text.ToString();
    }

    private static string? String(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Bool(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static double Number(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;
}
