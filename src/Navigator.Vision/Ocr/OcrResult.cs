namespace Navigator.Vision.Ocr;

/// <summary>A rectangle in image pixels.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    /// <summary>The smallest rectangle holding both.</summary>
    public PixelRect Union(PixelRect other)
    {
        var left = Math.Min(X, other.X);
        var top = Math.Min(Y, other.Y);
        return new PixelRect(left, top, Math.Max(X + Width, other.X + other.Width) - left, Math.Max(Y + Height, other.Y + other.Height) - top);
    }
}

/// <summary>One recognized word: text, box in image pixels, confidence 0 to 100, and the line it belongs to.</summary>
public sealed record OcrWord(string Text, PixelRect Box, double Confidence, int LineKey);

/// <summary>One recognized line: its words in reading order.</summary>
public sealed record OcrLine(IReadOnlyList<OcrWord> Words)
{
    /// <summary>The words joined by spaces.</summary>
    public string Text => string.Join(' ', Words.Select(w => w.Text));

    /// <summary>The box around every word.</summary>
    public PixelRect Box => Words.Skip(1).Aggregate(Words[0].Box, (box, w) => box.Union(w.Box));

    /// <summary>Mean word confidence, 0 to 100.</summary>
    public double Confidence => Words.Average(w => w.Confidence);
}

/// <summary>What OCR read off an image, in image pixels.</summary>
public sealed record OcrResult(int ImageWidth, int ImageHeight, IReadOnlyList<OcrLine> Lines)
{
    /// <summary>Every word in reading order.</summary>
    public IEnumerable<OcrWord> Words => Lines.SelectMany(l => l.Words);
}
