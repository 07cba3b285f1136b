using System.Globalization;

namespace Navigator.Benchmarks;

/// <summary>Prints "ours vs baseline vs target" rows.</summary>
internal sealed class ResultTable(TextWriter output, string title)
{
    private readonly List<string[]> _rows = [];

    public void Add(string metric, Samples ours, Samples? baseline, double? targetMs)
    {
        var ratio = baseline is null ? "-" : (ours.Median / baseline.Median).ToString("0.00x", CultureInfo.InvariantCulture);
        var verdict = targetMs is null ? "-" : ours.Median <= targetMs ? "PASS" : "MISS";
        _rows.Add(
        [
            metric,
            ours.Median.ToString("0.000", CultureInfo.InvariantCulture),
            ours.P95.ToString("0.000", CultureInfo.InvariantCulture),
            baseline?.Median.ToString("0.000", CultureInfo.InvariantCulture) ?? "-",
            ratio,
            targetMs?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-",
            verdict,
        ]);
    }

    public void AddValue(string metric, string value, string? baseline = null, string? target = null, string? verdict = null) =>
        _rows.Add([metric, value, "-", baseline ?? "-", "-", target ?? "-", verdict ?? "-"]);

    public void Print()
    {
        string[] header = ["metric", "p50 ms", "p95 ms", "baseline p50", "ratio", "target", "verdict"];
        var widths = header.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine();
        output.WriteLine($"== {title}");
        output.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))));
        foreach (var row in _rows)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))));
        }
    }
}
