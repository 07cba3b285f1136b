using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Navigator.CdpGen;

// Usage: dotnet run --project tools/Navigator.CdpGen -- <repo root>
// Reads the devtools-protocol npm package pinned in tools/Navigator.CdpGen/package.json
// and rewrites src/Navigator.Cdp/Protocol/Generated/*.g.cs.
var root = Path.GetFullPath(args.Length > 0 ? args[0] : Directory.GetCurrentDirectory());
var packageDirectory = Path.Combine(root, GeneratorSettings.PackageDirectory);
var outputDirectory = Path.Combine(root, GeneratorSettings.OutputDirectory);
if (!Directory.Exists(packageDirectory))
{
    Console.Error.WriteLine($"{packageDirectory} not found; run 'npm ci' in tools/Navigator.CdpGen (tools/generate-cdp.sh does).");
    return 1;
}

var stopwatch = Stopwatch.StartNew();
string packageVersion;
using (var packageJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(packageDirectory, "package.json"))))
{
    packageVersion = packageJson.RootElement.GetProperty("version").GetString() ?? "unknown";
}

var domains = GeneratorSettings.ProtocolFiles
    .SelectMany(file => ProtocolReader.ReadDomains(Path.Combine(packageDirectory, file)))
    .ToList();
var result = new CSharpGenerator(domains, GeneratorSettings.FullDomains, packageVersion).Generate();

Directory.CreateDirectory(outputDirectory);
foreach (var stale in Directory.EnumerateFiles(outputDirectory, "*.g.cs"))
{
    File.Delete(stale);
}

var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
foreach (var file in result.Files)
{
    File.WriteAllText(Path.Combine(outputDirectory, file.FileName), file.Content, encoding);
}

foreach (var note in result.Notes)
{
    Console.WriteLine($"note: {note}");
}

Console.WriteLine(
    $"devtools-protocol {packageVersion}: {result.Files.Count} files, {result.Files.Sum(f => f.LineCount)} lines, " +
    $"{result.RecordTypes} records, {result.EnumTypes} enum classes, {result.Commands} commands " +
    $"({result.Responses} with responses), {result.Events} events -> {outputDirectory} ({stopwatch.ElapsedMilliseconds} ms)");
return 0;
