using System.Globalization;

namespace Navigator.Vision.Ocr;

/// <summary>
/// Parses Tesseract's TSV output (level, page, block, paragraph, line, word, left, top, width,
/// height, confidence, text) into words grouped by line.
/// </summary>
internal static class TsvParser
{
    private const int WordLevel = 5;

    /// <summary>Words with text and at least <paramref name="minConfidence"/> (0 to 100), grouped into lines.</summary>
    public static List<OcrLine> Parse(string tsv, int pageOffset, double minConfidence)
    {
        var lines = new List<OcrLine>();
        List<OcrWord>? current = null;
        var currentKey = -1;
        foreach (var row in tsv.Split('\n'))
        {
            var cells = row.Split('\t');
            if (cells.Length < 12 || !int.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) || level != WordLevel)
            {
                continue;
            }

            var text = cells[11].Trim();
            var confidence = double.Parse(cells[10], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (text.Length == 0 || confidence < minConfidence || IsNoise(text))
            {
                continue;
            }

            var block = Int(cells[2]);
            var paragraph = Int(cells[3]);
            var line = Int(cells[4]);
            var key = ((pageOffset * 1000 + block) * 1000 + paragraph) * 1000 + line;
            var word = new OcrWord(text, new PixelRect(Int(cells[6]), Int(cells[7]), Int(cells[8]), Int(cells[9])), confidence, key);
            if (current is null || key != currentKey)
            {
                current = [];
                currentKey = key;
                lines.Add(new OcrLine(current));
            }

            current.Add(word);
        }

        return lines;
    }

    private static int Int(string cell) => int.Parse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture);

    // Borders and separators read as text ("|", "—", "||").
    private static bool IsNoise(string text) => text.All(c => !char.IsLetterOrDigit(c)) && text.Length <= 2;
}
