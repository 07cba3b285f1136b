using System.Diagnostics;

namespace Navigator.Browser.Tests;

[Trait("Step", "1")]
public sealed class BrowserCrashTests
{
    // These tests have no page server; data: URLs are refused unless a session opts in.
    private static BrowserSessionOptions DataUrlSession => new() { NavigationPolicy = new Navigator.Browser.Security.NavigationPolicy { AllowDataUrls = true } };

    [Fact]
    public async Task KilledBrowserProcess_IsReportedToItsSessions_AndThePoolRecovers()
    {
        await using var pool = new BrowserPool(new BrowserPoolOptions());
        var session = await pool.CreateSessionAsync(DataUrlSession);
        var crashed = new TaskCompletionSource<BrowserCrashedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        session.Crashed += (_, e) => crashed.TrySetResult(e);

        Process.GetProcessById(session.Browser.Process.ProcessId).Kill(entireProcessTree: true);
        var crash = await crashed.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(BrowserCrashKind.BrowserProcess, crash.Kind);
        Assert.True(session.IsClosed);
        await Assert.ThrowsAsync<BrowserSessionClosedException>(() => session.NavigateAsync("data:text/html,x"));

        // The next session gets a fresh browser.
        await using var next = await pool.CreateSessionAsync(DataUrlSession);
        await next.NavigateAsync("data:text/html,<title>again</title>");
        Assert.Equal("again", await next.GetTitleAsync());
        await session.DisposeAsync();
    }
}
