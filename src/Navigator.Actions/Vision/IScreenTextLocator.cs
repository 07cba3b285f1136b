namespace Navigator.Actions.Vision;

/// <summary>
/// Finds text on a screenshot of the viewport (text drawn in a canvas, an image or a video), for
/// <c>click_text</c> when the page's DOM has no such text. Implemented by Navigator.Vision (OCR).
/// </summary>
public interface IScreenTextLocator
{
    /// <summary>
    /// Looks for <paramref name="text"/> in <paramref name="screen"/>; null when it is not there.
    /// Throws <see cref="ActionException"/> when the recognizer cannot run.
    /// </summary>
    Task<ScreenTextMatch?> LocateAsync(ScreenCapture screen, string text, bool exact, CancellationToken cancellationToken);
}

/// <summary>
/// A viewport screenshot (PNG or JPEG, at any pixel density) and the viewport size in CSS pixels it shows.
/// <paramref name="Regions"/> limits recognition to these viewport rectangles (the parts the DOM
/// cannot describe, such as canvases and images); null reads the whole screenshot.
/// </summary>
public sealed record ScreenCapture(ReadOnlyMemory<byte> Image, double ViewportWidth, double ViewportHeight, IReadOnlyList<ElementBounds>? Regions = null);

/// <summary>Where text was seen on screen: its box in viewport CSS pixels and the recognizer's confidence (0 to 1).</summary>
public sealed record ScreenTextMatch(string Text, ElementBounds Bounds, double Confidence)
{
    /// <summary>The centre of <see cref="Bounds"/>.</summary>
    public ActionPoint Center => new(Bounds.X + Bounds.Width / 2, Bounds.Y + Bounds.Height / 2);
}
