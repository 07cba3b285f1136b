using Navigator.Media.Cursor;
using SkiaSharp;

namespace Navigator.Media.Tests;

public sealed class FrameCompositorTests
{
    [Fact]
    public void Paints_the_cursor_over_the_decoded_page_at_the_scaled_point()
    {
        // A 640x360 page frame shown at 320x180: the cursor's CSS point halves too.
        var jpeg = SolidJpeg(640, 360, new SKColor(30, 60, 220));
        using var compositor = new FrameCompositor(320, 180, 640);
        Assert.True(compositor.SetPage(jpeg, 640));

        compositor.Compose(new CursorPose { Visible = true, X = 200, Y = 100 });
        var pixels = compositor.Pixels.Span;
        Assert.True(IsNear(Bgra(pixels, 320, 300, 150), (30, 60, 220)), "page colour away from the cursor");
        Assert.True(IsNear(Bgra(pixels, 320, 101, 54), (255, 255, 255)), "white arrow just below its tip");

        // Without the cursor the same spot is the page again.
        compositor.Compose(default);
        Assert.True(IsNear(Bgra(compositor.Pixels.Span, 320, 101, 54), (30, 60, 220)), "no cursor when hidden");
    }

    [Fact]
    public void Rounds_odd_sizes_down_to_even_and_refuses_garbage_images()
    {
        using var compositor = new FrameCompositor(321, 181, 321);
        Assert.Equal((320, 180), (compositor.Width, compositor.Height));
        Assert.False(compositor.SetPage([1, 2, 3, 4], 321));
    }

    private static byte[] SolidJpeg(int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(colour);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    private static (int R, int G, int B) Bgra(ReadOnlySpan<byte> pixels, int width, int x, int y)
    {
        var i = ((y * width) + x) * 4;
        return (pixels[i + 2], pixels[i + 1], pixels[i]);
    }

    private static bool IsNear((int R, int G, int B) actual, (int R, int G, int B) expected) =>
        Math.Abs(actual.R - expected.R) <= 30 && Math.Abs(actual.G - expected.G) <= 30 && Math.Abs(actual.B - expected.B) <= 30;
}
