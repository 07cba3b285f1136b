using Navigator.Media.Recording;

namespace Navigator.Media.Tests;

public sealed class I420ConverterTests
{
    [Theory]
    [InlineData(255, 255, 255, 235, 128, 128)]
    [InlineData(0, 0, 0, 16, 128, 128)]
    [InlineData(255, 0, 0, 82, 90, 240)]
    [InlineData(0, 255, 0, 145, 54, 34)]
    [InlineData(0, 0, 255, 41, 240, 110)]
    public void Converts_bt601_limited_range_colours(int r, int g, int b, int y, int u, int v)
    {
        var frame = Solid(4, 2, r, g, b);
        var planes = new byte[I420Converter.FrameBytes(4, 2)];
        I420Converter.FromBgra(frame, 4, 2, planes);
        Assert.All(planes[..8], luma => Assert.InRange(luma, y - 1, y + 1));
        Assert.All(planes[8..10], chroma => Assert.InRange(chroma, u - 1, u + 1));
        Assert.All(planes[10..12], chroma => Assert.InRange(chroma, v - 1, v + 1));
    }

    [Fact]
    public void Places_planes_and_averages_each_2x2_block_for_chroma()
    {
        // Left 2x2 block white, right 2x2 block black: Y follows each pixel, chroma each block.
        var frame = Solid(4, 2, 255, 255, 255);
        foreach (var pixel in new[] { 2, 3, 6, 7 })
        {
            frame.AsSpan(pixel * 4, 3).Clear();
        }

        var planes = new byte[12];
        I420Converter.FromBgra(frame, 4, 2, planes);
        Assert.Equal(new byte[] { 235, 235, 16, 16, 235, 235, 16, 16, 128, 128, 128, 128 }, planes);
        Assert.Throws<ArgumentException>(() => I420Converter.FromBgra(frame, 3, 2, planes));
        Assert.Throws<ArgumentOutOfRangeException>(() => I420Converter.FromBgra(frame, 4, 2, new byte[11]));
    }

    private static byte[] Solid(int width, int height, int r, int g, int b)
    {
        var frame = new byte[width * height * 4];
        for (var i = 0; i < frame.Length; i += 4)
        {
            (frame[i], frame[i + 1], frame[i + 2], frame[i + 3]) = ((byte)b, (byte)g, (byte)r, 255);
        }

        return frame;
    }
}
