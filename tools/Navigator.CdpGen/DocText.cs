using System.Text;
using System.Text.RegularExpressions;

namespace Navigator.CdpGen;

/// <summary>Turns protocol descriptions into short, escaped XML doc summaries.</summary>
internal static partial class DocText
{
    private const int MaxChars = 320;
    private const int MinSentence = 60;
    private const int WrapWidth = 100;

    /// <summary>
    /// Builds the summary text: the first paragraph of <paramref name="description"/> (cut at a
    /// sentence end within ~320 characters), then any <paramref name="extra"/> sentences and
    /// the experimental / deprecated markers. The result is escaped XML, ready for a summary.
    /// </summary>
    public static string Build(string? description, string fallback, bool experimental, bool deprecated, string? extra = null)
    {
        var text = Shorten(description);
        var builder = new StringBuilder(text.Length == 0 ? fallback : CodeSpans(Escape(text)));
        if (!string.IsNullOrEmpty(extra))
        {
            builder.Append(' ').Append(extra);
        }

        if (experimental)
        {
            builder.Append(" (Experimental)");
        }

        if (deprecated)
        {
            builder.Append(" (Deprecated)");
        }

        return builder.ToString();
    }

    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Writes a summary on one line when it fits, otherwise word-wrapped.</summary>
    public static void WriteSummary(CodeWriter writer, string summary)
    {
        if (summary.Length <= WrapWidth)
        {
            writer.Line($"/// <summary>{summary}</summary>");
            return;
        }

        writer.Line("/// <summary>");
        foreach (var line in Wrap(summary))
        {
            writer.Line("/// " + line);
        }

        writer.Line("/// </summary>");
    }

    private static string Shorten(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return "";
        }

        // First paragraph only, without Chromium presubmit markers (LINT.IfChange / LINT.ThenChange).
        var kept = new List<string>();
        var truncated = false;
        foreach (var raw in description.Replace("\r\n", "\n", StringComparison.Ordinal).Trim().Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                truncated = true;
                break;
            }

            if (!line.StartsWith("LINT.", StringComparison.Ordinal))
            {
                kept.Add(line);
            }
        }

        // Protocol descriptions are hard-wrapped at ~100 columns; cut by length at a sentence end
        // (roughly the first three lines) rather than by source line.
        var text = WhitespaceRun().Replace(string.Join(' ', kept), " ").Trim();
        if (text.Length > MaxChars)
        {
            truncated = true;
            var sentenceEnd = text.LastIndexOf(". ", MaxChars, StringComparison.Ordinal);
            if (sentenceEnd >= MinSentence)
            {
                text = text[..(sentenceEnd + 1)];
            }
            else
            {
                var space = text.LastIndexOf(' ', MaxChars);
                text = text[..(space > 0 ? space : MaxChars)];
            }
        }

        if (truncated && !text.EndsWith('.'))
        {
            text = text.TrimEnd(':', ',', ';', ' ') + " ...";
        }

        // An odd number of backticks would leave a dangling code span; drop the stray one.
        if (text.Count(c => c == '`') % 2 == 1)
        {
            text = text.Remove(text.LastIndexOf('`'), 1);
        }

        return text;
    }

    private static string CodeSpans(string text) => CodeSpan().Replace(text, "<c>$1</c>");

    private static List<string> Wrap(string text)
    {
        var result = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > WrapWidth)
            {
                result.Add(line.ToString());
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            result.Add(line.ToString());
        }

        return result;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
