namespace Navigator.Benchmarks;

/// <summary>A named benchmark; discovered by reflection so each lives in its own file.</summary>
internal interface IBenchmark
{
    /// <summary>Name used on the command line (e.g. <c>engine</c>).</summary>
    string Name { get; }

    /// <summary>One line saying what is measured.</summary>
    string Description { get; }

    /// <summary>Runs and prints its table.</summary>
    Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}
