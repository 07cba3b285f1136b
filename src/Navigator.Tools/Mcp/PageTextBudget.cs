using System.Text.RegularExpressions;

namespace Navigator.Tools.Mcp;

/// <summary>Cuts page text to a budget at a line boundary (never inside an element) and counts what was left out.</summary>
internal static partial class PageTextBudget
{
    /// <summary>The shown part of a text and what was left out of it.</summary>
    public sealed record Cut(string Shown, int OmittedChars, int OmittedLines, int OmittedElements)
    {
        public bool IsCut => OmittedChars > 0;
    }

    /// <summary>
    /// Keeps whole lines of <paramref name="text"/> while they fit in <paramref name="budget"/>
    /// characters. When even the first line does not fit it is cut before an element marker
    /// (<c>[12] ...</c>) or a space, so no element is shown in part.
    /// </summary>
    public static Cut Apply(string text, int budget)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= budget)
        {
            return new Cut(text, 0, 0, 0);
        }

        budget = Math.Max(budget, 0);
        var lineEnd = budget == 0 ? -1 : text.LastIndexOf('\n', budget - 1);
        var keep = lineEnd + 1;
        if (keep == 0)
        {
            keep = CutInsideLine(text, budget);
        }

        var rest = text.AsSpan(keep);
        var lines = rest.Count('\n') + (rest.Length > 0 && rest[^1] != '\n' ? 1 : 0);
        return new Cut(text[..keep], rest.Length, lines, ElementMarker().Count(rest));
    }

    private static int CutInsideLine(string text, int budget)
    {
        var head = text.AsSpan(0, budget);
        var lastElement = -1;
        foreach (var match in ElementMarker().EnumerateMatches(head))
        {
            lastElement = match.Index;
        }

        // Prefer the start of the last element that begins within the budget; otherwise a space before any element.
        if (lastElement > 0)
        {
            return lastElement;
        }

        var space = head.LastIndexOf(' ');
        return lastElement < 0 && space > 0 ? space + 1 : 0;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ElementMarker();
}
