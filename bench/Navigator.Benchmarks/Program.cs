using System.Reflection;
using Navigator.Benchmarks;

// Usage: dotnet run -c Release --project bench/Navigator.Benchmarks -- [name ...] [--iterations N]
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name, StringComparer.Ordinal)
    .ToList();

var iterations = 30;
var names = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--iterations" && i + 1 < args.Length)
    {
        iterations = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
    }
    else if (args[i] is "--list" or "-l")
    {
        foreach (var b in benchmarks)
        {
            Console.WriteLine($"{b.Name,-12} {b.Description}");
        }

        return 0;
    }
    else
    {
        names.Add(args[i]);
    }
}

var selected = names.Count == 0 ? benchmarks : benchmarks.Where(b => names.Contains(b.Name)).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"Unknown benchmark. Known: {string.Join(", ", benchmarks.Select(b => b.Name))}");
    return 2;
}

var context = new BenchmarkContext(iterations, Console.Out);
foreach (var benchmark in selected)
{
    Console.WriteLine($"# {benchmark.Name}: {benchmark.Description}");
    await benchmark.RunAsync(context, CancellationToken.None);
}

return 0;
