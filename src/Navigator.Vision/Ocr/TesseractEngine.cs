using System.Runtime.InteropServices;

namespace Navigator.Vision.Ocr;

/// <summary>
/// One loaded Tesseract recognizer. Not thread-safe: <see cref="TesseractOcr"/> lends each
/// engine to one screenshot at a time.
/// </summary>
internal sealed class TesseractEngine : IDisposable
{
    private nint _handle;

    private TesseractEngine(nint handle) => _handle = handle;

    /// <summary>Loads the model; throws <see cref="VisionException"/> when Tesseract cannot start.</summary>
    public static TesseractEngine Create(OcrOptions options)
    {
        var handle = TesseractNative.TessBaseAPICreate();
        if (handle == 0)
        {
            throw new VisionException(VisionErrorCodes.OcrUnavailable, "Tesseract could not create a recognizer");
        }

        if (TesseractNative.TessBaseAPIInit2(handle, options.TessdataPath, options.Language, TesseractNative.EngineLstmOnly) != 0)
        {
            TesseractNative.TessBaseAPIDelete(handle);
            throw new VisionException(VisionErrorCodes.OcrUnavailable,
                $"Tesseract could not load the language '{options.Language}' from {options.TessdataPath ?? "its default tessdata folder"}; install tesseract-ocr-{options.Language.Split('+')[0]}");
        }

        // Screens rarely hold light-on-dark text Tesseract cannot read the normal way; trying
        // every line inverted as well costs about a fifth of the time.
        _ = TesseractNative.TessBaseAPISetVariable(handle, "tessedit_do_invert", "0");
        TesseractNative.TessBaseAPISetPageSegMode(handle, options.PageSegmentationMode);
        return new TesseractEngine(handle);
    }

    /// <summary>
    /// Reads <paramref name="image"/> (PNG or JPEG), only inside <paramref name="regions"/> when given.
    /// Returns the image size and the TSV of each region.
    /// </summary>
    public unsafe (int Width, int Height, List<string> Tsv) Recognize(ReadOnlySpan<byte> image, IReadOnlyList<PixelRect>? regions)
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        nint pix;
        fixed (byte* data = image)
        {
            pix = TesseractNative.pixReadMem(data, (nuint)image.Length);
        }

        if (pix == 0)
        {
            throw new VisionException(VisionErrorCodes.InvalidImage, "The screenshot could not be decoded (PNG or JPEG expected)");
        }

        try
        {
            var width = TesseractNative.pixGetWidth(pix);
            var height = TesseractNative.pixGetHeight(pix);
            TesseractNative.TessBaseAPISetImage2(_handle, pix);

            // Screenshots carry no resolution; 96 dpi matches CSS pixels and keeps Tesseract from guessing.
            TesseractNative.TessBaseAPISetSourceResolution(_handle, 96);
            var results = new List<string>();
            foreach (var region in regions ?? [new PixelRect(0, 0, width, height)])
            {
                TesseractNative.TessBaseAPISetRectangle(_handle, region.X, region.Y, region.Width, region.Height);
                if (TesseractNative.TessBaseAPIRecognize(_handle, 0) != 0)
                {
                    throw new VisionException(VisionErrorCodes.OcrFailed, "Tesseract failed to recognize the screenshot");
                }

                var text = TesseractNative.TessBaseAPIGetTsvText(_handle, 0);
                try
                {
                    results.Add(Marshal.PtrToStringUTF8(text) ?? string.Empty);
                }
                finally
                {
                    TesseractNative.TessDeleteText(text);
                }
            }

            return (width, height, results);
        }
        finally
        {
            TesseractNative.TessBaseAPIClear(_handle);
            TesseractNative.pixDestroy(ref pix);
        }
    }

    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0)
        {
            TesseractNative.TessBaseAPIEnd(handle);
            TesseractNative.TessBaseAPIDelete(handle);
        }
    }
}
