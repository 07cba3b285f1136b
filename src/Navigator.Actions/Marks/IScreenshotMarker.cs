namespace Navigator.Actions.Marks;

/// <summary>An indexed element to mark on a screenshot: its index and its box in viewport CSS pixels.</summary>
public sealed record ScreenshotMark(int Index, ElementBounds Bounds);

/// <summary>
/// Draws set-of-marks over a screenshot: a numbered box over each indexed element, so a vision
/// model (or a person debugging) can name elements by the numbers actions take.
/// </summary>
public interface IScreenshotMarker
{
    /// <summary>
    /// Returns <paramref name="image"/> (PNG or JPEG) with <paramref name="marks"/> drawn over it, encoded
    /// like the original (<paramref name="jpegQuality"/> for JPEG). <paramref name="cssWidth"/> is the
    /// viewport width the image shows, for scaling CSS pixels to image pixels.
    /// </summary>
    byte[] Mark(byte[] image, IReadOnlyList<ScreenshotMark> marks, double cssWidth, bool jpeg, int jpegQuality);
}
