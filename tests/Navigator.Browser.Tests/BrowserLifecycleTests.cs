using System.Diagnostics;
using Navigator.Browser.Diagnostics;
using Navigator.Browser.Launching;
using Navigator.Testing;
using Xunit.Abstractions;

namespace Navigator.Browser.Tests;

[Trait("Step", "1")]
public sealed class BrowserLifecycleTests(ITestOutputHelper output)
{
    // These tests have no page server; data: URLs are refused unless a session opts in.
    private static BrowserSessionOptions DataUrlSession => new() { NavigationPolicy = new Navigator.Browser.Security.NavigationPolicy { AllowDataUrls = true } };

    [Fact]
    public async Task TenBrowsers_CreatedAndDestroyedInSequence_LeaveNothingBehind()
    {
        var profileRoot = Directory.CreateTempSubdirectory("navigator-step1-").FullName;
        try
        {
            for (var i = 0; i < 10; i++)
            {
                var stopwatch = Stopwatch.StartNew();
                var browser = await ChromiumProcess.LaunchAsync(new ChromiumOptions { ProfileRoot = profileRoot });
                var version = await browser.Connection.Browser.SendAsync(new Cdp.Protocol.BrowserGetVersionRequest());
                Assert.Contains("Chrome", version.Product, StringComparison.Ordinal);
                var tree = ProcessTree.Descendants(browser.ProcessId);
                Assert.NotEmpty(tree);

                await browser.DisposeAsync();
                stopwatch.Stop();

                // A hang guard only (launch time is the engine benchmark's): a loaded CI machine takes seconds.
                Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"browser {i} took {stopwatch.Elapsed} to create and destroy");
                Assert.False(Directory.Exists(browser.UserDataDir), "the temporary profile was not deleted");
                await Eventually.TrueAsync(() => tree.All(pid => !Directory.Exists($"/proc/{pid}")), TimeSpan.FromSeconds(5),
                    $"processes {string.Join(",", tree)} of browser {i} to disappear (no zombies)");
            }

            Assert.Empty(ProcessTree.FindByCommandLine(profileRoot));
        }
        finally
        {
            Directory.Delete(profileRoot, recursive: true);
        }
    }

    [Fact]
    public async Task SharedPool_GivesEachSessionItsOwnContext_OnOneProcess()
    {
        await using var pool = new BrowserPool(new BrowserPoolOptions());
        await using var first = await pool.CreateSessionAsync(DataUrlSession);
        await using var second = await pool.CreateSessionAsync(DataUrlSession);

        Assert.Same(first.Browser, second.Browser);
        Assert.NotEqual(first.BrowserContextId, second.BrowserContextId);
        Assert.Equal(1, pool.BrowserCount);
    }

    [Fact]
    public async Task ProcessPerSession_GivesEachSessionItsOwnProcess_AndClosingKillsIt()
    {
        await using var pool = new BrowserPool(new BrowserPoolOptions { Isolation = BrowserIsolation.ProcessPerSession, WarmBrowsers = 1 });
        var first = await pool.CreateSessionAsync(DataUrlSession);
        await using var second = await pool.CreateSessionAsync(DataUrlSession);
        Assert.NotEqual(first.Browser.Process.ProcessId, second.Browser.Process.ProcessId);
        var firstTree = ProcessTree.Descendants(first.Browser.Process.ProcessId);

        await first.DisposeAsync();

        await Eventually.TrueAsync(() => firstTree.All(pid => !Directory.Exists($"/proc/{pid}")), TimeSpan.FromSeconds(5), "the first session's processes to exit");
        Assert.True(second.Browser.IsAlive);
        await second.NavigateAsync("data:text/html,<title>still here</title>");
        Assert.Equal("still here", await second.GetTitleAsync());
    }

    [Fact]
    public async Task BrowserMemory_IsMeasuredAndBelowTwoGiB()
    {
        await using var pool = new BrowserPool(new BrowserPoolOptions());
        await using var session = await pool.CreateSessionAsync(DataUrlSession);
        await session.NavigateAsync("data:text/html,<h1>memory</h1>");

        var pss = ProcessTree.PssBytes(session.Browser.Process.ProcessId);
        output.WriteLine($"browser PSS with one page: {pss / 1024.0 / 1024.0:0.0} MiB over {ProcessTree.Descendants(session.Browser.Process.ProcessId).Count} processes");

        Assert.InRange(pss, 10L * 1024 * 1024, 2L * 1024 * 1024 * 1024);
    }

    [Theory]
    [InlineData("pipe")]
    [InlineData("websocket")]
    public async Task KillingOurProcess_TakesTheBrowserWithIt(string transport)
    {
        var profileRoot = Directory.CreateTempSubdirectory("navigator-orphan-").FullName;
        // The probe runs from its own output folder (same configuration and framework as ours).
        var probe = Path.Combine(AppContext.BaseDirectory.Replace("Navigator.Browser.Tests", "Navigator.Browser.OrphanProbe", StringComparison.Ordinal), "Navigator.Browser.OrphanProbe.dll");
        Assert.True(File.Exists(probe), $"probe not built at {probe}");
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        startInfo.ArgumentList.Add(probe);
        startInfo.ArgumentList.Add(profileRoot);
        startInfo.ArgumentList.Add(transport);
        using var parent = Process.Start(startInfo)!;
        try
        {
            var line = await parent.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.StartsWith("ready ", line, StringComparison.Ordinal);
            Assert.NotEmpty(ProcessTree.FindByCommandLine(profileRoot));

            parent.Kill(); // SIGKILL: no cleanup code of the parent runs.
            await parent.WaitForExitAsync();

            await Eventually.TrueAsync(() => ProcessTree.FindByCommandLine(profileRoot).Count == 0, TimeSpan.FromSeconds(10),
                "every chromium process of the killed parent to exit");

            // The killed parent could not delete its profile; the next launch sweeps it.
            Assert.Single(Directory.GetDirectories(profileRoot));
            await using (await ChromiumProcess.LaunchAsync(new ChromiumOptions { ProfileRoot = profileRoot }))
            {
                var remaining = Directory.GetDirectories(profileRoot);
                Assert.Single(remaining);
                Assert.Contains($"-{Environment.ProcessId}-", remaining[0], StringComparison.Ordinal);
            }
        }
        finally
        {
            foreach (var pid in ProcessTree.FindByCommandLine(profileRoot))
            {
                Process.GetProcessById(pid).Kill();
            }

            Directory.Delete(profileRoot, recursive: true);
        }
    }

    [Fact]
    public async Task MissingChromium_FailsWithTypedError()
    {
        var error = await Assert.ThrowsAsync<ChromiumNotFoundException>(() =>
            ChromiumProcess.LaunchAsync(new ChromiumOptions { ExecutablePath = "/nonexistent/chromium" }));

        Assert.Contains("/nonexistent/chromium", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChromiumThatExitsAtOnce_FailsWithLaunchError_NotAHang()
    {
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ChromiumLaunchException>(() =>
            ChromiumProcess.LaunchAsync(new ChromiumOptions { ExecutablePath = "/bin/false", LaunchTimeout = TimeSpan.FromSeconds(20) }));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed}");
        Assert.Contains("/bin/false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrowserThatNeverAnswers_TimesOut_NotAHang()
    {
        // A stand-in browser that accepts any switches and stays silent.
        var fake = Path.Combine(Path.GetTempPath(), $"navigator-silent-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\nexec sleep 60\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var stopwatch = Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<ChromiumLaunchException>(() =>
                ChromiumProcess.LaunchAsync(new ChromiumOptions { ExecutablePath = fake, LaunchTimeout = TimeSpan.FromMilliseconds(700) }));

            Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
        }
        finally
        {
            File.Delete(fake);
        }
    }
}
