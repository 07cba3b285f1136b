namespace Navigator.Vision.Ocr;

/// <summary>A run of recognized words that shows a wanted text, with how sure the match is (0 to 1).</summary>
public sealed record OcrTextMatch(string Text, PixelRect Box, double Confidence);

/// <summary>
/// Finds a phrase among recognized lines. Exact mode wants a whole line with the same words and
/// case (as exact click_text wants a whole element name or text node). OCR misreads a letter now
/// and then, so otherwise a word may differ by one edit when it has four letters or more.
/// </summary>
public static class OcrTextSearch
{
    /// <summary>Every place <paramref name="wanted"/> appears, best first.</summary>
    public static IReadOnlyList<OcrTextMatch> FindAll(OcrResult ocr, string wanted, bool exact)
    {
        ArgumentNullException.ThrowIfNull(ocr);
        var wantedWords = Words(wanted);
        var matches = new List<OcrTextMatch>();
        if (wantedWords.Length == 0)
        {
            return matches;
        }

        foreach (var line in ocr.Lines)
        {
            var words = line.Words;
            if (exact && words.Count != wantedWords.Length)
            {
                continue;
            }

            for (var start = 0; start + wantedWords.Length <= words.Count; start++)
            {
                var quality = 0.0;
                for (var i = 0; i < wantedWords.Length && quality >= 0; i++)
                {
                    var q = WordQuality(Trim(words[start + i].Text), wantedWords[i], exact, single: wantedWords.Length == 1);
                    quality = q == 0 ? -1 : quality + q;
                }

                if (quality <= 0)
                {
                    continue;
                }

                var run = words.Skip(start).Take(wantedWords.Length).ToList();
                var box = run.Skip(1).Aggregate(run[0].Box, (b, w) => b.Union(w.Box));
                var confidence = quality / wantedWords.Length * run.Average(w => w.Confidence) / 100;
                matches.Add(new OcrTextMatch(string.Join(' ', run.Select(w => w.Text)), box, Math.Round(confidence, 3)));
            }
        }

        return [.. matches.OrderByDescending(m => m.Confidence)];
    }

    private static double WordQuality(string seen, string wanted, bool exact, bool single)
    {
        if (exact)
        {
            return string.Equals(seen, wanted, StringComparison.Ordinal) ? 1 : 0;
        }

        if (string.Equals(seen, wanted, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        if (wanted.Length >= 4 && seen.Length >= 3 && EditDistanceAtMostOne(seen.ToLowerInvariant(), wanted.ToLowerInvariant()))
        {
            return 0.8;
        }

        // One wanted word may be part of a longer one ("Pay" in "Paypal").
        return single && seen.Contains(wanted, StringComparison.OrdinalIgnoreCase) ? 0.6 : 0;
    }

    private static string[] Words(string text) => [.. text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Trim).Where(w => w.Length > 0)];

    /// <summary>Drops punctuation OCR attaches to a word's ends (brackets of a button border, full stops).</summary>
    private static string Trim(string word) => word.Trim('.', ',', ':', ';', '!', '?', '"', '\'', '(', ')', '[', ']', '{', '}', '|', '“', '”', '‘', '’');

    private static bool EditDistanceAtMostOne(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var i = 0;
        var j = 0;
        var edits = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                i++;
                j++;
                continue;
            }

            if (++edits > 1)
            {
                return false;
            }

            if (a.Length > b.Length)
            {
                i++;
            }
            else if (b.Length > a.Length)
            {
                j++;
            }
            else
            {
                i++;
                j++;
            }
        }

        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }
}
