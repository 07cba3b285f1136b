using System.Globalization;
using System.Text;
using Navigator.Actions.State;

namespace Navigator.Tools.Mcp;

/// <summary>
/// get_browser_context's text: a short header (URL, title, tabs, scroll and page size, load
/// state), the page text as is, cut to the budget at a line boundary with a note of what was left out.
/// </summary>
internal static class BrowserContextText
{
    /// <summary>Most tabs listed in the header.</summary>
    private const int MaxTabsListed = 5;

    /// <summary>The reply text and the cut applied to the page text.</summary>
    public sealed record Rendered(string Text, PageTextBudget.Cut Cut);

    public static Rendered Render(BrowserContextSnapshot snapshot, string roomStatus, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder(Math.Min(snapshot.Text.Length, maxChars) + 512);
        text.Append("URL: ").Append(TextCaps.Cap(snapshot.Url, TextCaps.Url)).Append('\n');
        text.Append("Title: ").Append(TextCaps.Cap(snapshot.Title, TextCaps.Title)).Append('\n');
        if (snapshot.Tabs.Count > 1)
        {
            text.Append(culture, $"Tabs ({snapshot.Tabs.Count}):\n");
            foreach (var tab in snapshot.Tabs.Take(MaxTabsListed))
            {
                text.Append(culture, $"  tab {tab.Index}{(tab.Active ? " (active)" : string.Empty)}: {TextCaps.Cap(tab.Title, TextCaps.Short)} - {TextCaps.Cap(tab.Url, TextCaps.Short)}\n");
            }

            if (snapshot.Tabs.Count > MaxTabsListed)
            {
                text.Append(culture, $"  and {snapshot.Tabs.Count - MaxTabsListed} more (execute_action switch_tab lists them all)\n");
            }
        }

        text.Append(culture, $"State: {snapshot.LoadState}{(roomStatus == "active" ? string.Empty : ", session " + roomStatus)}; ");
        text.Append(culture, $"scroll {snapshot.ScrollX:0},{snapshot.ScrollY:0} of page {snapshot.PageWidth:0}x{snapshot.PageHeight:0}, viewport {snapshot.ViewportWidth:0}x{snapshot.ViewportHeight:0}\n");
        text.Append(snapshot.Mode == PageStateMode.Viewport ? "Visible page:\n" : "Page:\n");

        var summary = string.IsNullOrEmpty(snapshot.OffscreenSummary) ? string.Empty : snapshot.OffscreenSummary + "\n";
        const int NoteReserve = 400;
        var budget = Math.Max(maxChars - text.Length - summary.Length - NoteReserve, 0);
        var body = snapshot.Text.Length > 0 && snapshot.Text[^1] != '\n' ? snapshot.Text + "\n" : snapshot.Text;
        var cut = PageTextBudget.Apply(body, budget);
        text.Append(cut.Shown);
        if (cut.IsCut)
        {
            text.Append(culture, $"[Cut at the {maxChars:N0}-character budget: {cut.OmittedLines:N0} more lines with {cut.OmittedElements:N0} elements ({cut.OmittedChars:N0} characters) left out");
            text.Append(snapshot.Truncated ? ", and the page has more beyond them. " : ". ");
            text.Append(snapshot.Mode == PageStateMode.Viewport
                ? "To see them, pass a larger max_chars or scroll down and read again.]\n"
                : "To see them, pass a larger max_chars, or scroll to them and read mode=viewport, or execute_action extract.]\n");
        }
        else if (snapshot.Truncated)
        {
            text.Append("[The page has more text than was read; scroll down and read again to see it.]\n");
        }

        text.Append(summary);
        return new Rendered(text.ToString(), cut);
    }
}
