using Navigator.Actions.State;

namespace Navigator.Actions.Vision;

/// <summary>How click_text and the screen analyzers compare a wanted text with element names and recognized text.</summary>
public static class ScreenTextMatching
{
    /// <summary>Collapses whitespace runs to one space and trims.</summary>
    public static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// How well <paramref name="candidate"/> shows <paramref name="wanted"/>: 3 the same text, 2 it starts
    /// with it, 1 it contains it, 0 not at all. <paramref name="exact"/> accepts only the same text, case-sensitively.
    /// </summary>
    public static int Score(string candidate, string wanted, bool exact)
    {
        var c = Normalize(candidate);
        var w = Normalize(wanted);
        if (w.Length == 0)
        {
            return 0;
        }

        if (exact)
        {
            return string.Equals(c, w, StringComparison.Ordinal) ? 3 : 0;
        }

        if (string.Equals(c, w, StringComparison.OrdinalIgnoreCase))
        {
            return 3;
        }

        if (c.StartsWith(w, StringComparison.OrdinalIgnoreCase))
        {
            return 2;
        }

        return c.Contains(w, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
    }

    /// <summary>
    /// The enabled element whose name shows <paramref name="wanted"/> best: better match first, then
    /// on screen before off screen, then the shorter name, then page order. Null when none does.
    /// </summary>
    public static InteractiveElement? BestElement(IEnumerable<InteractiveElement> elements, string wanted, bool exact) =>
        elements
            .Where(e => !e.Disabled)
            .Select(e => (Element: e, Score: Score(e.Name, wanted, exact)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ThenByDescending(x => x.Element.InViewport)
            .ThenBy(x => x.Element.Name.Length)
            .ThenBy(x => x.Element.Index)
            .Select(x => x.Element)
            .FirstOrDefault();
}
