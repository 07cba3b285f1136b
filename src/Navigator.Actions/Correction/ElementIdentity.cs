using System.Globalization;
using System.Text.RegularExpressions;
using Navigator.Actions.State;
using Navigator.Actions.Vision;

namespace Navigator.Actions.Correction;

/// <summary>
/// What an indexed element is apart from its index: role, name, tag and its neighbourhood (the
/// heading above it and the words just before it in the page text). Finds the same element in a
/// newer page state after a re-render changed the indices, and tells it from look-alikes (two
/// "Add to cart" buttons under different products).
/// </summary>
internal sealed partial record ElementIdentity(InteractiveElement Element, string? Heading, IReadOnlySet<string> Context)
{
    /// <summary>How many characters of page text before the element count as its neighbourhood.</summary>
    private const int ContextWindow = 160;

    /// <summary>A candidate must beat the next one by this much to be taken without asking.</summary>
    private const double ClearLead = 0.15;

    /// <summary>The identity of <paramref name="element"/> as <paramref name="snapshot"/> shows it.</summary>
    public static ElementIdentity Of(InteractiveElement element, BrowserContextSnapshot snapshot)
    {
        var (heading, context) = Neighbourhood(snapshot.Text, element.Index);
        return new ElementIdentity(element, heading, context);
    }

    /// <summary>
    /// The elements of <paramref name="snapshot"/> with this identity's role and name, best first,
    /// with a score (1 = same neighbourhood too). <paramref name="exclude"/> skips the element at
    /// those bounds (the one that failed, read again).
    /// </summary>
    public IReadOnlyList<IdentityMatch> FindIn(BrowserContextSnapshot snapshot, ElementBounds? exclude = null)
    {
        var matches = new List<IdentityMatch>();
        foreach (var candidate in snapshot.Elements)
        {
            if (candidate.Bounds == exclude || !SameKind(candidate))
            {
                continue;
            }

            var (heading, context) = Neighbourhood(snapshot.Text, candidate.Index);
            var nameScore = ScreenTextMatching.Score(candidate.Name, Element.Name, exact: false);
            if (Element.Name.Length == 0 ? !string.Equals(candidate.Hint, Element.Hint, StringComparison.Ordinal) : nameScore < 2)
            {
                continue;
            }

            var sameHeading = Heading is not null && string.Equals(heading, Heading, StringComparison.OrdinalIgnoreCase);
            var contextScore = Jaccard(Context, context);
            var score = (nameScore == 3 || Element.Name.Length == 0 ? 0.5 : 0.3)
                + (sameHeading ? 0.25 : 0)
                + 0.25 * contextScore
                - (candidate.Disabled ? 0.2 : 0)
                + (string.Equals(candidate.Href, Element.Href, StringComparison.Ordinal) ? 0 : -0.05);
            var why = new List<string> { Element.Name.Length == 0 ? $"same {candidate.Role}" : $"same {candidate.Role} \"{Short(candidate.Name)}\"" };
            if (sameHeading)
            {
                why.Add($"under \"{Short(heading!)}\"");
            }
            else if (heading is not null)
            {
                why.Add($"but under \"{Short(heading)}\"");
            }

            if (contextScore > 0)
            {
                why.Add(string.Create(CultureInfo.InvariantCulture, $"{contextScore:P0} of the nearby words"));
            }

            matches.Add(new IdentityMatch(candidate, Math.Round(Math.Clamp(score, 0, 1), 2), string.Join(", ", why)));
        }

        matches.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Element.Index.CompareTo(b.Element.Index));
        return matches;
    }

    /// <summary>
    /// The match to act on without asking: the only one with the same name, or one that leads the
    /// next clearly. Null when it would be a guess between look-alikes.
    /// </summary>
    public static IdentityMatch? Confident(IReadOnlyList<IdentityMatch> matches)
    {
        if (matches.Count == 0 || matches[0].Score < 0.5)
        {
            return null;
        }

        return matches.Count == 1 || matches[0].Score - matches[1].Score >= ClearLead ? matches[0] : null;
    }

    private bool SameKind(InteractiveElement candidate) =>
        string.Equals(candidate.Role, Element.Role, StringComparison.Ordinal)
        && string.Equals(candidate.InputType, Element.InputType, StringComparison.Ordinal);

    /// <summary>The nearest heading above the element's token in the page text, and the words just before it.</summary>
    private static (string? Heading, IReadOnlySet<string> Context) Neighbourhood(string text, int index)
    {
        var token = string.Create(CultureInfo.InvariantCulture, $"[{index}] ");
        var at = text.IndexOf(token, StringComparison.Ordinal);
        if (at < 0)
        {
            return (null, new HashSet<string>());
        }

        string? heading = null;
        for (var line = text.LastIndexOf('\n', Math.Max(at - 1, 0)); ; line = text.LastIndexOf('\n', line - 1))
        {
            var start = line + 1;
            if (start < text.Length && text[start] == '#')
            {
                var end = text.IndexOf('\n', start);
                heading = ScreenTextMatching.Normalize(ElementTokenRegex().Replace(text[start..(end < 0 ? text.Length : end)], " ").TrimStart('#'));
                break;
            }

            if (line <= 0)
            {
                break;
            }
        }

        var window = text[Math.Max(0, at - ContextWindow)..at];
        var words = WordRegex().Matches(ElementTokenRegex().Replace(window, " "))
            .Select(m => m.Value.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        return (string.IsNullOrEmpty(heading) ? null : heading, words);
    }

    private static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    // An element's line in the page text: [12] button "Buy" ... up to the next element or line end.
    [GeneratedRegex("\\[\\d+\\] [a-z]+(?: <[a-z0-9-]+>)?(?: [a-z_]+=)?(?: \"[^\"\\n]*\")?")]
    private static partial Regex ElementTokenRegex();

    [GeneratedRegex("[\\p{L}\\p{N}]{2,}")]
    private static partial Regex WordRegex();
}

/// <summary>An element of a newer state that matches an identity, its score (0 to 1) and why.</summary>
internal sealed record IdentityMatch(InteractiveElement Element, double Score, string Reason);
