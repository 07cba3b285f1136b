using System.Runtime.InteropServices;
using Navigator.Media.Cursor;
using SkiaSharp;

namespace Navigator.Media;

/// <summary>
/// Builds output frames: the page's latest JPEG decoded and scaled to the output size, with the
/// ghost cursor painted over it, in a BGRA buffer that can go to an encoder as it is. Decoding
/// happens once per new page frame; each output frame copies that picture and paints the cursor.
/// Not thread-safe: one compositor per frame loop.
/// </summary>
public sealed class FrameCompositor : IDisposable
{
    private readonly byte[] _pagePixels;
    private readonly byte[] _outputPixels;
    private readonly SKSurface _page;
    private readonly SKSurface _output;
    private readonly CursorPainter _painter = new();
    private readonly SKPaint _imagePaint = new();
    private float _scale;

    /// <summary>Creates a compositor for <paramref name="width"/> x <paramref name="height"/> frames (rounded down to even, as yuv420p needs).</summary>
    public FrameCompositor(int width, int height, double cssWidth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
        Width = width & ~1;
        Height = height & ~1;
        _scale = (float)(Width / cssWidth);
        var info = new SKImageInfo(Width, Height, SKColorType.Bgra8888, SKAlphaType.Premul);

        // Pinned so Skia can draw straight into arrays that are then written to the encoder.
        _pagePixels = GC.AllocateArray<byte>(info.BytesSize, pinned: true);
        _outputPixels = GC.AllocateArray<byte>(info.BytesSize, pinned: true);
        _page = SKSurface.Create(info, Marshal.UnsafeAddrOfPinnedArrayElement(_pagePixels, 0), info.RowBytes)
            ?? throw new InvalidOperationException("Skia could not create a raster surface");
        _output = SKSurface.Create(info, Marshal.UnsafeAddrOfPinnedArrayElement(_outputPixels, 0), info.RowBytes)
            ?? throw new InvalidOperationException("Skia could not create a raster surface");
        _page.Canvas.Clear(SKColors.White);
        _page.Flush();
    }

    /// <summary>Output width in pixels (even).</summary>
    public int Width { get; }

    /// <summary>Output height in pixels (even).</summary>
    public int Height { get; }

    /// <summary>The last composed frame, BGRA, <see cref="Width"/> x <see cref="Height"/>, no row padding.</summary>
    public ReadOnlyMemory<byte> Pixels => _outputPixels;

    /// <summary>
    /// Replaces the page picture with a JPEG scaled to the output size; <paramref name="cssWidth"/>
    /// is the viewport width the frame shows, for placing the cursor. False when the image does not decode.
    /// </summary>
    public bool SetPage(byte[] jpeg, double cssWidth)
    {
        using var image = SKImage.FromEncodedData(jpeg);
        if (image is null)
        {
            return false;
        }

        if (cssWidth > 0)
        {
            _scale = (float)(Width / cssWidth);
        }

        var canvas = _page.Canvas;
        if (image.Width == Width && image.Height == Height)
        {
            canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default, _imagePaint);
        }
        else
        {
            canvas.Clear(SKColors.White);
            canvas.DrawImage(image, new SKRect(0, 0, Width, Height), new SKSamplingOptions(SKFilterMode.Linear), _imagePaint);
        }

        _page.Flush();
        return true;
    }

    /// <summary>Composes the page picture with the cursor into <see cref="Pixels"/>.</summary>
    public void Compose(CursorPose cursor)
    {
        _pagePixels.CopyTo(_outputPixels, 0);
        if (cursor.Visible)
        {
            _painter.Paint(_output.Canvas, cursor, _scale);
            _output.Flush();
        }
    }

    /// <summary>The last composed frame (<see cref="Compose"/>) as a JPEG of <paramref name="quality"/> (1..100).</summary>
    public byte[] EncodeJpeg(int quality)
    {
        using var image = _output.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, Math.Clamp(quality, 1, 100));
        return data.ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _page.Dispose();
        _output.Dispose();
        _painter.Dispose();
        _imagePaint.Dispose();
    }
}
