using System.Globalization;
using System.Text;

namespace Navigator.Actions.State;

/// <summary>Renders a whole <see cref="BrowserContextSnapshot"/> for a language model.</summary>
public static class SnapshotFormatter
{
    /// <summary>Header (URL, title, state, scroll, tabs), page text, off-screen summary.</summary>
    public static string Format(BrowserContextSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new StringBuilder(snapshot.Text.Length + 512);
        var culture = CultureInfo.InvariantCulture;
        text.Append("URL: ").Append(snapshot.Url).Append('\n');
        text.Append("Title: ").Append(snapshot.Title).Append('\n');
        text.Append(culture, $"State: {snapshot.LoadState}; scroll {snapshot.ScrollX:0},{snapshot.ScrollY:0} of page {snapshot.PageWidth:0}x{snapshot.PageHeight:0}, viewport {snapshot.ViewportWidth:0}x{snapshot.ViewportHeight:0}\n");
        if (snapshot.Tabs.Count > 1)
        {
            text.Append("Tabs:\n");
            foreach (var tab in snapshot.Tabs)
            {
                text.Append(culture, $"  tab {tab.Index}: {tab.Title} - {tab.Url}{(tab.Active ? " (active)" : string.Empty)}\n");
            }
        }

        text.Append(snapshot.Mode == PageStateMode.Viewport ? "Visible page:\n" : "Page:\n");
        text.Append(snapshot.Text);
        if (snapshot.Text.Length > 0 && snapshot.Text[^1] != '\n')
        {
            text.Append('\n');
        }

        if (snapshot.Truncated)
        {
            text.Append("[text truncated]\n");
        }

        if (!string.IsNullOrEmpty(snapshot.OffscreenSummary))
        {
            text.Append(snapshot.OffscreenSummary).Append('\n');
        }

        return text.ToString();
    }
}
