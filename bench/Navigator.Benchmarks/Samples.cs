using System.Diagnostics;
using System.Globalization;

namespace Navigator.Benchmarks;

/// <summary>Timing samples of one operation, reported as median and p95.</summary>
internal sealed class Samples(string name)
{
    private readonly List<double> _milliseconds = [];

    public string Name { get; } = name;

    public int Count => _milliseconds.Count;

    public double Median => Percentile(0.5);

    public double P95 => Percentile(0.95);

    public void Add(double milliseconds) => _milliseconds.Add(milliseconds);

    /// <summary>Times <paramref name="operation"/> <paramref name="count"/> times after <paramref name="warmup"/> untimed runs.</summary>
    public static async Task<Samples> MeasureAsync(string name, int count, Func<Task> operation, int warmup = 3)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation();
        }

        var samples = new Samples(name);
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return samples;
    }

    /// <summary>
    /// Times two operations in alternation so both see the same machine noise
    /// (other processes, thermal state); returns (first, second).
    /// </summary>
    public static async Task<(Samples First, Samples Second)> MeasurePairAsync(
        string firstName, Func<Task> first, string secondName, Func<Task> second, int count, int warmup = 3)
    {
        for (var i = 0; i < warmup; i++)
        {
            await first();
            await second();
        }

        var a = new Samples(firstName);
        var b = new Samples(secondName);
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await first();
            a.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            start = Stopwatch.GetTimestamp();
            await second();
            b.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return (a, b);
    }

    public double Percentile(double fraction)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(fraction * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}: p50 {Median:0.000} ms, p95 {P95:0.000} ms (n={Count})");
}
