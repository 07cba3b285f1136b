using Navigator.Actions;
using Navigator.Actions.Vision;
using Navigator.Vision.Ocr;

namespace Navigator.Vision;

/// <summary>click_text's OCR step: recognizes the screenshot (or only its canvas and image areas) and finds the text.</summary>
public sealed class ScreenTextLocator(ITextRecognizer recognizer) : IScreenTextLocator
{
    /// <inheritdoc />
    public async Task<ScreenTextMatch?> LocateAsync(ScreenCapture screen, string text, bool exact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(screen);
        var size = ImageSize.Read(screen.Image.Span)
            ?? throw new ActionException(VisionErrorCodes.InvalidImage, "The screenshot is neither PNG nor JPEG");
        var scale = ScreenScale.Of(size.Width, screen.ViewportWidth);
        OcrResult ocr;
        try
        {
            ocr = await recognizer.RecognizeAsync(screen.Image, screen.Regions?.Select(r => ScreenScale.ToPixels(r, scale, size)).ToList(), cancellationToken);
        }
        catch (VisionException ex)
        {
            throw new ActionException(ex.Code, ex.Message);
        }

        var matches = OcrTextSearch.FindAll(ocr, text, exact);
        if (matches.Count == 0)
        {
            return null;
        }

        var best = matches[0];
        return new ScreenTextMatch(best.Text, ScreenScale.ToCss(best.Box, scale), best.Confidence);
    }
}

/// <summary>Converts between screenshot pixels and viewport CSS pixels (screenshots are taken at the device scale factor).</summary>
public static class ScreenScale
{
    /// <summary>Screenshot pixels per CSS pixel.</summary>
    public static double Of(int imageWidth, double viewportWidth) => viewportWidth > 0 ? imageWidth / viewportWidth : 1;

    /// <summary>A viewport rectangle in screenshot pixels, kept inside the image.</summary>
    public static PixelRect ToPixels(ElementBounds bounds, double scale, (int Width, int Height) image)
    {
        var left = Math.Clamp((int)Math.Floor(bounds.X * scale), 0, image.Width);
        var top = Math.Clamp((int)Math.Floor(bounds.Y * scale), 0, image.Height);
        var right = Math.Clamp((int)Math.Ceiling((bounds.X + bounds.Width) * scale), left, image.Width);
        var bottom = Math.Clamp((int)Math.Ceiling((bounds.Y + bounds.Height) * scale), top, image.Height);
        return new PixelRect(left, top, right - left, bottom - top);
    }

    /// <summary>A screenshot rectangle in viewport CSS pixels.</summary>
    public static ElementBounds ToCss(PixelRect box, double scale) =>
        new(Math.Round(box.X / scale, 1), Math.Round(box.Y / scale, 1), Math.Round(box.Width / scale, 1), Math.Round(box.Height / scale, 1));
}
