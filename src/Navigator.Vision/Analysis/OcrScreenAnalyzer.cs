using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Navigator.Actions;
using Navigator.Actions.State;
using Navigator.Actions.Vision;
using Navigator.Vision.Ocr;

namespace Navigator.Vision.Analysis;

/// <summary>
/// The offline analyzer: reads the screenshot with OCR and answers "where is X" questions by
/// matching X against element names and recognized text (including text only drawn in a canvas
/// or an image). Other questions get the text on screen, top to bottom.
/// </summary>
public sealed partial class OcrScreenAnalyzer(ITextRecognizer recognizer) : IScreenAnalyzer
{
    private const int MaxDescribedLines = 40;
    private const int MaxDescriptionLength = 2000;

    /// <inheritdoc />
    public string Name => "ocr";

    /// <inheritdoc />
    public async Task<ScreenAnalysis> AnalyzeAsync(ScreenAnalysisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ocr = await recognizer.RecognizeAsync(request.Image, null, cancellationToken);
        var scale = ScreenScale.Of(ocr.ImageWidth, request.ViewportWidth);
        var description = Describe(ocr);
        var phrase = Phrase(request.Question);
        if (phrase.Length == 0)
        {
            return new ScreenAnalysis
            {
                Analyzer = Name,
                Description = description,
                Answer = "The offline analyzer reads text only; ask where a text is (e.g. where is \"Pay now\"), or configure a vision model for other questions.",
            };
        }

        var targets = new List<ScreenTarget>();
        foreach (var element in request.Elements.Where(e => e.InViewport && !e.Disabled))
        {
            var score = ScreenTextMatching.Score(element.Name, phrase, exact: false);
            if (score > 0)
            {
                targets.Add(new ScreenTarget { Index = element.Index, Point = element.ClickPoint, Confidence = score switch { 3 => 0.95, 2 => 0.8, _ => 0.6 }, Text = element.Name, Reason = "element name" });
            }
        }

        foreach (var match in OcrTextSearch.FindAll(ocr, phrase, exact: false))
        {
            var bounds = ScreenScale.ToCss(match.Box, scale);
            var point = new ActionPoint(Math.Round(bounds.X + bounds.Width / 2, 1), Math.Round(bounds.Y + bounds.Height / 2, 1));
            var element = ElementLookup.At(request.Elements, point);
            if (element is not null && targets.Any(t => t.Index == element.Index))
            {
                continue;
            }

            targets.Add(new ScreenTarget { Index = element?.Index, Point = point, Confidence = match.Confidence, Text = match.Text, Reason = "text on screen (OCR)" });
        }

        targets.Sort((a, b) => b.Confidence.CompareTo(a.Confidence));
        return new ScreenAnalysis
        {
            Analyzer = Name,
            Description = description,
            Answer = targets.Count == 0
                ? $"\"{phrase}\" is not on screen: no element is named so and OCR did not read it on the screenshot."
                : $"\"{phrase}\" is at {Place(targets[0])}" + (targets.Count > 1 ? $" ({targets.Count - 1} more place(s) below)." : "."),
            Targets = targets,
        };
    }

    /// <summary>The text a question asks about: a quoted part, else the question without "where is", "find", "?" and a trailing role word.</summary>
    internal static string Phrase(string question)
    {
        var quoted = QuotedRegex().Match(question);
        if (quoted.Success)
        {
            return ScreenTextMatching.Normalize(quoted.Groups["text"].Value);
        }

        var text = ScreenTextMatching.Normalize(question).TrimEnd('?', '.', '!', ' ');
        text = LeadRegex().Replace(text, string.Empty);
        text = TrailRegex().Replace(text, string.Empty);
        return text.Trim();
    }

    private static string Place(ScreenTarget target) => target.Index is { } index
        ? string.Create(CultureInfo.InvariantCulture, $"element [{index}] (point {target.Point?.X}, {target.Point?.Y})")
        : string.Create(CultureInfo.InvariantCulture, $"point ({target.Point?.X}, {target.Point?.Y}), where no indexed element is (click it by coordinates)");

    private static string Describe(OcrResult ocr)
    {
        if (ocr.Lines.Count == 0)
        {
            return "No text was recognized on screen.";
        }

        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"{ocr.Lines.Count} line(s) of text on screen, top to bottom: ");
        var ordered = ocr.Lines.OrderBy(l => l.Box.Y / 10).ThenBy(l => l.Box.X).Take(MaxDescribedLines);
        var first = true;
        foreach (var line in ordered)
        {
            if (builder.Length > MaxDescriptionLength)
            {
                builder.Append(" …");
                break;
            }

            builder.Append(first ? string.Empty : " | ").Append(line.Text);
            first = false;
        }

        return builder.ToString();
    }

    [GeneratedRegex("[\"“”«»„](?<text>[^\"“”«»„]+)[\"“”«»„]|'(?<text>[^']+)'|‘(?<text>[^’]+)’")]
    private static partial Regex QuotedRegex();

    [GeneratedRegex(@"^(?:(?:where|what|which)(?:'s| is| are)?|find|locate|click(?: on)?|show(?: me)?|is there|are there|the|a|an|text|button|link)\s+(?:(?:the|a|an)\s+)?", RegexOptions.IgnoreCase)]
    private static partial Regex LeadRegex();

    [GeneratedRegex(@"\s+(?:button|link|icon|text|label|tab|menu|field)(?:\s+(?:on (?:the )?(?:screen|page)))?$|(?:^|\s+)on (?:the )?(?:screen|page)$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailRegex();
}
