namespace Navigator.Vision.Ocr;

/// <summary>Reads text and its position off an image.</summary>
public interface ITextRecognizer
{
    /// <summary>
    /// Recognizes the text of <paramref name="image"/> (PNG or JPEG), only inside
    /// <paramref name="regions"/> (image pixels) when given. Throws <see cref="VisionException"/>
    /// when the recognizer is not installed or the image cannot be read.
    /// </summary>
    Task<OcrResult> RecognizeAsync(ReadOnlyMemory<byte> image, IReadOnlyList<PixelRect>? regions = null, CancellationToken cancellationToken = default);
}
