using System.Diagnostics;
using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

[Trait("Step", "10")]
public sealed class CliTests
{
    private static async Task<(int Code, string Output)> RunAsync(IDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(NavigatorExecutable.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task Doctor_PassesHere_AndNamesWhatIsMissing()
    {
        var (ok, okOutput) = await RunAsync(null, "doctor");
        Assert.Equal(0, ok);
        Assert.Contains("[ok]      chromium", okOutput, StringComparison.Ordinal);
        Assert.Contains("[ok]      launch", okOutput, StringComparison.Ordinal);

        var (missing, missingOutput) = await RunAsync(new Dictionary<string, string> { ["NAVIGATOR_FFMPEG"] = "/nonexistent/ffmpeg", ["NAVIGATOR_CHROMIUM"] = "/nonexistent/chromium" }, "doctor");
        Assert.Equal(1, missing);
        Assert.Contains("[missing] chromium", missingOutput, StringComparison.Ordinal);
        Assert.Contains("[missing] ffmpeg", missingOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_OnAnExposedAddressWithoutAKey_RefusesWithExitCode2()
    {
        var (code, output) = await RunAsync(new Dictionary<string, string> { ["NAVIGATOR_SERVER__APIKEY"] = "" }, "serve", "--urls", "http://0.0.0.0:0");

        Assert.Equal(2, code);
        Assert.Contains("Refusing to listen on http://0.0.0.0:0 without an API key", output, StringComparison.Ordinal);
    }
}
