using Navigator.Actions;
using Navigator.Actions.Correction;
using Navigator.Actions.State;
using Navigator.Actions.Vision;
using Navigator.Vision.Analysis;
using Navigator.Vision.Ocr;

namespace Navigator.Vision;

/// <summary>
/// Self-correction's analyzer step: asks the analyzer <c>auto</c> picks (the model when configured,
/// else OCR) where the lost element's text is, on the screenshot and elements the dispatcher gives.
/// </summary>
internal sealed class ScreenTargetFinder(Func<IScreenAnalyzer> analyzer) : IScreenTargetFinder
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<ScreenTargetHint>> FindAsync(ScreenCapture screen, IReadOnlyList<InteractiveElement> elements, string wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(screen);
        if (ImageSize.Read(screen.Image.Span) is null)
        {
            throw new ActionException(VisionErrorCodes.InvalidImage, "The screenshot is neither PNG nor JPEG");
        }

        var chosen = analyzer();
        try
        {
            var analysis = await chosen.AnalyzeAsync(new ScreenAnalysisRequest
            {
                Question = $"where is \"{wanted.Replace('"', '\'')}\"?",
                Image = screen.Image,
                ImageMimeType = screen.Image.Span[0] == 0x89 ? "image/png" : "image/jpeg",
                ViewportWidth = screen.ViewportWidth,
                ViewportHeight = screen.ViewportHeight,
                Elements = elements,
            }, cancellationToken);
            return [.. analysis.Targets.Select(t => new ScreenTargetHint(t.Index, t.Point, t.Confidence, t.Text, analysis.Analyzer))];
        }
        catch (VisionException ex)
        {
            throw new ActionException(ex.Code, ex.Message);
        }
    }
}
