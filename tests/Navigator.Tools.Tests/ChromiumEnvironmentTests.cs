using Navigator.Browser;
using Navigator.Browser.Diagnostics;

namespace Navigator.Tools.Tests;

/// <summary>Chromium and its children never see the server's secrets.</summary>
public sealed class ChromiumEnvironmentTests
{
    [Fact]
    public async Task Chromium_DoesNotInheritTheApiKeyOrOtherSecrets()
    {
        const string secret = "sk-test-secret-5f1d2c";
        Environment.SetEnvironmentVariable("NAVIGATOR_SERVER__APIKEY", secret);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", secret);
        try
        {
            await using var pool = new BrowserPool(new BrowserPoolOptions());
            await using var session = await pool.CreateSessionAsync(new BrowserSessionOptions());
            var processes = ProcessTree.Descendants(session.Browser.Process.ProcessId);
            Assert.NotEmpty(processes);
            var environments = processes.Select(ReadEnvironment).Where(e => e is not null).ToList();
            Assert.NotEmpty(environments);
            Assert.All(environments, environment =>
            {
                Assert.DoesNotContain(secret, environment, StringComparison.Ordinal);
                Assert.DoesNotContain("NAVIGATOR_", environment, StringComparison.Ordinal);
            });
            Assert.Contains(environments, e => e!.Contains("PATH=", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable("NAVIGATOR_SERVER__APIKEY", null);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", null);
        }
    }

    private static string? ReadEnvironment(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Replace('\0', '\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process ended meanwhile.
            return null;
        }
    }
}
