namespace Navigator.Media.Recording;

/// <summary>
/// Converts a composed BGRA frame to planar YUV 4:2:0 (I420, BT.601 limited range, what ffmpeg
/// assumes for untagged yuv420p), the pixel format the recording is encoded in. Done once per
/// composed frame here instead of by ffmpeg for every written frame (repeats included), and the
/// pipe carries 1.5 bytes a pixel instead of 4.
/// </summary>
internal static class I420Converter
{
    /// <summary>Bytes of one I420 frame of <paramref name="width"/> x <paramref name="height"/> (both even).</summary>
    public static int FrameBytes(int width, int height) => width * height * 3 / 2;

    /// <summary>
    /// Writes the Y plane, then U, then V of <paramref name="bgra"/> (opaque, no row padding,
    /// even <paramref name="width"/> and <paramref name="height"/>) into <paramref name="destination"/>.
    /// Each chroma sample is the average of its 2x2 pixels.
    /// </summary>
    public static unsafe void FromBgra(ReadOnlySpan<byte> bgra, int width, int height, Span<byte> destination)
    {
        if ((width & 1) != 0 || (height & 1) != 0)
        {
            throw new ArgumentException($"I420 needs even sizes, got {width}x{height}");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(bgra.Length, width * height * 4, nameof(bgra));
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, FrameBytes(width, height), nameof(destination));
        var chromaWidth = width / 2;
        fixed (byte* source = bgra)
        fixed (byte* target = destination)
        {
            var yPlane = target;
            var uPlane = target + (width * height);
            var vPlane = uPlane + (chromaWidth * (height / 2));
            for (var row = 0; row < height; row += 2)
            {
                var top = source + (row * width * 4);
                var bottom = top + (width * 4);
                var yTop = yPlane + (row * width);
                var yBottom = yTop + width;
                var u = uPlane + (row / 2 * chromaWidth);
                var v = vPlane + (row / 2 * chromaWidth);
                for (var column = 0; column < chromaWidth; column++)
                {
                    var a = top + (column * 8);
                    var b = bottom + (column * 8);
                    int b0 = a[0], g0 = a[1], r0 = a[2];
                    int b1 = a[4], g1 = a[5], r1 = a[6];
                    int b2 = b[0], g2 = b[1], r2 = b[2];
                    int b3 = b[4], g3 = b[5], r3 = b[6];
                    yTop[column * 2] = Luma(r0, g0, b0);
                    yTop[(column * 2) + 1] = Luma(r1, g1, b1);
                    yBottom[column * 2] = Luma(r2, g2, b2);
                    yBottom[(column * 2) + 1] = Luma(r3, g3, b3);
                    var r = (r0 + r1 + r2 + r3 + 2) >> 2;
                    var g = (g0 + g1 + g2 + g3 + 2) >> 2;
                    var bl = (b0 + b1 + b2 + b3 + 2) >> 2;
                    u[column] = (byte)((((-38 * r) - (74 * g) + (112 * bl) + 128) >> 8) + 128);
                    v[column] = (byte)((((112 * r) - (94 * g) - (18 * bl) + 128) >> 8) + 128);
                }
            }
        }
    }

    private static byte Luma(int r, int g, int b) => (byte)((((66 * r) + (129 * g) + (25 * b) + 128) >> 8) + 16);
}
