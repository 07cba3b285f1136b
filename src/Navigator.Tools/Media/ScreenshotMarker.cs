using Navigator.Actions.Marks;
using Navigator.Media.Marks;

namespace Navigator.Tools.Media;

/// <summary>The screenshot action's set-of-marks, painted by <see cref="SetOfMarksPainter"/>.</summary>
internal sealed class ScreenshotMarker : IScreenshotMarker
{
    public byte[] Mark(byte[] image, IReadOnlyList<ScreenshotMark> marks, double cssWidth, bool jpeg, int jpegQuality) =>
        SetOfMarksPainter.Paint(
            image,
            [.. marks.Select(m => new NumberedBox(m.Index, m.Bounds.X, m.Bounds.Y, m.Bounds.Width, m.Bounds.Height))],
            cssWidth,
            jpeg,
            jpegQuality);
}
