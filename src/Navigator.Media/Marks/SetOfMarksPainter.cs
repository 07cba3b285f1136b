using SkiaSharp;

namespace Navigator.Media.Marks;

/// <summary>A box to number on an image, in the image's CSS pixels.</summary>
public readonly record struct NumberedBox(int Number, double X, double Y, double Width, double Height);

/// <summary>
/// Set-of-marks: draws a coloured outline round each box and its number in a filled tag at the
/// box's top-left corner (inside the image), cycling through a few high-contrast colours so
/// neighbouring boxes tell apart. Stateless and thread-safe.
/// </summary>
public static class SetOfMarksPainter
{
    private static readonly SKColor[] Colors =
    [
        new(230, 25, 75), new(0, 130, 200), new(60, 180, 75), new(245, 130, 48),
        new(145, 30, 180), new(0, 128, 128), new(170, 110, 40), new(128, 0, 0),
    ];

    /// <summary>
    /// Decodes <paramref name="image"/>, paints <paramref name="boxes"/> (scaled by image width over
    /// <paramref name="cssWidth"/>) and encodes it again as PNG, or JPEG at <paramref name="jpegQuality"/>.
    /// Throws <see cref="ArgumentException"/> when the image does not decode.
    /// </summary>
    public static byte[] Paint(byte[] image, IReadOnlyList<NumberedBox> boxes, double cssWidth, bool jpeg, int jpegQuality)
    {
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data) ?? throw new ArgumentException("The screenshot could not be decoded", nameof(image));
        using var bitmap = SKBitmap.Decode(codec) ?? throw new ArgumentException("The screenshot could not be decoded", nameof(image));
        var scale = cssWidth > 0 ? (float)(bitmap.Width / cssWidth) : 1f;
        using (var canvas = new SKCanvas(bitmap))
        {
            Paint(canvas, boxes, scale, bitmap.Width, bitmap.Height);
        }

        using var encoded = bitmap.Encode(jpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, jpeg ? Math.Clamp(jpegQuality, 1, 100) : 100)
            ?? throw new InvalidOperationException("Skia could not encode the marked screenshot");
        return encoded.ToArray();
    }

    private static void Paint(SKCanvas canvas, IReadOnlyList<NumberedBox> boxes, float scale, int width, int height)
    {
        using var outline = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(1.5f, 2 * scale), IsAntialias = true };
        using var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var font = new SKFont(SKTypeface.Default, 12 * scale) { Embolden = true };
        var padding = 2 * scale;
        foreach (var box in boxes)
        {
            var color = Colors[Math.Abs(box.Number) % Colors.Length];
            var rect = SKRect.Create((float)(box.X * scale), (float)(box.Y * scale), (float)(box.Width * scale), (float)(box.Height * scale));
            outline.Color = color;
            canvas.DrawRect(rect, outline);

            var label = box.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var labelWidth = font.MeasureText(label) + (2 * padding);
            var labelHeight = font.Size + (2 * padding);

            // The tag sits on the box's top-left corner, moved inside the image when the box touches an edge.
            var left = Math.Clamp(rect.Left, 0, Math.Max(0, width - labelWidth));
            var top = Math.Clamp(rect.Top - labelHeight, 0, Math.Max(0, height - labelHeight));
            fill.Color = color;
            canvas.DrawRect(SKRect.Create(left, top, labelWidth, labelHeight), fill);
            canvas.DrawText(label, left + padding, top + padding + (font.Size * 0.85f), SKTextAlign.Left, font, text);
        }
    }
}
