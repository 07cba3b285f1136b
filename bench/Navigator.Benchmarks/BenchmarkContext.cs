namespace Navigator.Benchmarks;

/// <summary>Run settings shared by benchmarks.</summary>
internal sealed class BenchmarkContext(int iterations, TextWriter output)
{
    /// <summary>Samples per measured operation (after warm-up).</summary>
    public int Iterations { get; } = iterations;

    /// <summary>Where tables go.</summary>
    public TextWriter Output { get; } = output;
}
