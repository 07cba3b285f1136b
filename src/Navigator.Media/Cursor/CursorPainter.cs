using SkiaSharp;

namespace Navigator.Media.Cursor;

/// <summary>
/// Draws a <see cref="CursorPose"/> onto a frame: a white arrow with a dark outline, a blue
/// ripple ring after a click, a typing badge beside the arrow, a scroll arrow while scrolling.
/// Sizes are in CSS pixels, scaled to the frame. One painter per frame loop (not thread-safe).
/// </summary>
public sealed class CursorPainter : IDisposable
{
    private static readonly SKColor Accent = new(0x25, 0x63, 0xEB);

    // The classic pointer, tip at the origin, about 20 CSS pixels tall.
    private readonly SKPath _arrow = Polygon(true, new(0, 0), new(0, 17), new(4.5f, 13), new(7.5f, 20), new(10.5f, 18.7f), new(7.5f, 12), new(13, 12));
    private readonly SKPath _chevronDown = Polygon(false, new(-22, 8), new(-18, 16), new(-14, 8));
    private readonly SKPath _chevronUp = Polygon(false, new(-22, 12), new(-18, 4), new(-14, 12));
    private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill, Color = SKColors.White };
    private readonly SKPaint _outline = new() { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = new SKColor(0x11, 0x11, 0x11), StrokeWidth = 1.5f, StrokeJoin = SKStrokeJoin.Round };
    private readonly SKPaint _ring = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
    private readonly SKPaint _badge = new() { IsAntialias = true, Style = SKPaintStyle.Fill, Color = Accent };

    /// <summary>Draws <paramref name="pose"/>; <paramref name="scale"/> is frame pixels per CSS pixel.</summary>
    public void Paint(SKCanvas canvas, CursorPose pose, float scale)
    {
        if (!pose.Visible)
        {
            return;
        }

        canvas.Save();
        canvas.Scale(scale);
        var x = (float)pose.X;
        var y = (float)pose.Y;
        if (pose.Ripple is { } ripple)
        {
            var progress = (float)ripple;
            _ring.StrokeWidth = 3f;
            _ring.Color = Accent.WithAlpha((byte)(230 * (1 - progress)));
            canvas.DrawCircle(x, y, 6 + (26 * progress), _ring);
        }

        canvas.Translate(x, y);
        canvas.DrawPath(_arrow, _fill);
        canvas.DrawPath(_arrow, _outline);
        if (pose.Typing)
        {
            DrawTypingBadge(canvas);
        }

        if (pose.ScrollDirection != 0)
        {
            DrawScrollIndicator(canvas, pose.ScrollDirection);
        }

        canvas.Restore();
    }

    /// <summary>A rounded key cap with three dots, right of the arrow.</summary>
    private void DrawTypingBadge(SKCanvas canvas)
    {
        canvas.DrawRoundRect(new SKRect(16, 14, 44, 30), 4, 4, _badge);
        for (var i = 0; i < 3; i++)
        {
            canvas.DrawCircle(23 + (i * 7), 22, 2, _fill);
        }
    }

    /// <summary>A pill with a chevron pointing the scroll direction, left of the arrow.</summary>
    private void DrawScrollIndicator(SKCanvas canvas, int direction)
    {
        canvas.DrawRoundRect(new SKRect(-26, -4, -10, 24), 8, 8, _badge);
        _ring.StrokeWidth = 2f;
        _ring.Color = SKColors.White;
        canvas.DrawPath(direction > 0 ? _chevronDown : _chevronUp, _ring);
    }

    private static SKPath Polygon(bool close, params ReadOnlySpan<SKPoint> points)
    {
        using var builder = new SKPathBuilder();
        builder.AddPoly(points, close);
        return builder.Detach();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _arrow.Dispose();
        _chevronDown.Dispose();
        _chevronUp.Dispose();
        _fill.Dispose();
        _outline.Dispose();
        _ring.Dispose();
        _badge.Dispose();
    }
}
