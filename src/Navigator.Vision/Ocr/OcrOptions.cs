namespace Navigator.Vision.Ocr;

/// <summary>How the offline recognizer reads screenshots (configuration section <c>Vision:Ocr</c>).</summary>
public sealed class OcrOptions
{
    /// <summary>Folder holding <c>{Language}.traineddata</c>; null uses Tesseract's own default (Debian: /usr/share/tesseract-ocr/5/tessdata).</summary>
    public string? TessdataPath { get; set; }

    /// <summary>Tesseract language code(s), e.g. <c>eng</c> or <c>eng+deu</c>.</summary>
    public string Language { get; set; } = "eng";

    /// <summary>
    /// Tesseract page segmentation mode; 11 (sparse text: find as much text as possible in no
    /// particular order) suits screens, where text is scattered over buttons, labels and images.
    /// </summary>
    public int PageSegmentationMode { get; set; } = 11;

    /// <summary>Recognizers kept loaded (each holds the model, ~20 MB); screenshots beyond this wait.</summary>
    public int MaxEngines { get; set; } = 2;

    /// <summary>Words recognized with less confidence (0 to 100) are dropped.</summary>
    public double MinConfidence { get; set; } = 30;

    /// <summary>Throws <see cref="ArgumentException"/> for values that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Language))
        {
            throw new ArgumentException("Vision:Ocr:Language must name a Tesseract language, e.g. eng");
        }

        if (PageSegmentationMode is < 0 or > 13)
        {
            throw new ArgumentException($"Vision:Ocr:PageSegmentationMode must be 0 to 13 (got {PageSegmentationMode})");
        }

        if (MaxEngines is < 1 or > 16)
        {
            throw new ArgumentException($"Vision:Ocr:MaxEngines must be 1 to 16 (got {MaxEngines})");
        }

        if (MinConfidence is < 0 or > 100)
        {
            throw new ArgumentException($"Vision:Ocr:MinConfidence must be 0 to 100 (got {MinConfidence})");
        }
    }
}
