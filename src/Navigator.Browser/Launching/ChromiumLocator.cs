namespace Navigator.Browser.Launching;

/// <summary>Finds a Chromium binary.</summary>
public static class ChromiumLocator
{
    /// <summary>Environment variable that overrides the search.</summary>
    public const string EnvironmentVariable = "NAVIGATOR_CHROMIUM";

    // Debian's /usr/bin/chromium is a shell script; the real binary starts faster.
    private static readonly string[] Candidates =
    [
        "/usr/lib/chromium/chromium",
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/usr/bin/google-chrome-stable",
    ];

    /// <summary>Returns the executable to run or throws <see cref="ChromiumNotFoundException"/>.</summary>
    public static string Locate(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return File.Exists(explicitPath)
                ? explicitPath
                : throw new ChromiumNotFoundException($"Chromium was configured at '{explicitPath}' but that file does not exist");
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new ChromiumNotFoundException($"{EnvironmentVariable} points to '{fromEnvironment}' but that file does not exist");
        }

        return TryLocate() ?? throw new ChromiumNotFoundException(
            $"Chromium was not found (looked in {string.Join(", ", Candidates)}). Install it with 'apt-get install chromium' or set {EnvironmentVariable}.");
    }

    /// <summary>The first candidate that exists, or null.</summary>
    public static string? TryLocate() => Candidates.FirstOrDefault(File.Exists);
}
