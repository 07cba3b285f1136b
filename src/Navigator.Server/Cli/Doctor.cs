using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Navigator.Browser;
using Navigator.Browser.Launching;

namespace Navigator.Server.Cli;

/// <summary><c>navigator doctor</c>: finds what the service needs on this machine and says what is missing.</summary>
public static class Doctor
{
    /// <summary>Environment variable naming the ffmpeg executable.</summary>
    public const string FfmpegVariable = "NAVIGATOR_FFMPEG";

    /// <summary>Runs every check; returns 0 when all pass, 1 otherwise.</summary>
    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var ok = true;
        output.WriteLine($"navigator {Hosting.NavigatorServiceCollectionExtensions.Version} on .NET {Environment.Version}");

        string? chromium = null;
        try
        {
            chromium = ChromiumLocator.Locate();
            var version = await RunVersionAsync(chromium, "--version", cancellationToken);
            output.WriteLine($"[ok]      chromium  {chromium} ({version ?? "version unknown"})");
        }
        catch (ChromiumNotFoundException ex)
        {
            ok = false;
            output.WriteLine($"[missing] chromium  {ex.Message}");
        }

        if (chromium is not null)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                await using var browser = await ChromiumBrowser.LaunchAsync(new ChromiumOptions { ExecutablePath = chromium }, NullLoggerFactory.Instance, cancellationToken);
                var version = await browser.GetVersionAsync(cancellationToken);
                output.WriteLine($"[ok]      launch    headless {version.Product} answered CDP in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
            }
            catch (BrowserException ex)
            {
                ok = false;
                output.WriteLine($"[failed]  launch    {ex.Message}");
            }
        }

        var ffmpeg = FindFfmpeg();
        if (ffmpeg is null)
        {
            ok = false;
            output.WriteLine($"[missing] ffmpeg    not found on PATH (needed for video streaming). Install it with 'apt-get install ffmpeg' or set {FfmpegVariable}.");
        }
        else
        {
            var version = await RunVersionAsync(ffmpeg, "-version", cancellationToken);
            output.WriteLine($"[ok]      ffmpeg    {ffmpeg} ({version ?? "version unknown"})");
        }

        output.WriteLine(ok ? "All checks passed." : "Some checks failed; see above.");
        return ok ? 0 : 1;
    }

    /// <summary>ffmpeg from <see cref="FfmpegVariable"/> or PATH, or null.</summary>
    public static string? FindFfmpeg()
    {
        var configured = Environment.GetEnvironmentVariable(FfmpegVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "ffmpeg"))
            .FirstOrDefault(File.Exists);
    }

    private static async Task<string?> RunVersionAsync(string executable, string argument, CancellationToken cancellationToken)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(executable, argument)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var firstLine = await process.StandardOutput.ReadLineAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return firstLine?.Trim();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException or InvalidOperationException)
        {
            return null;
        }
    }
}
