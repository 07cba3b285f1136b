using System.Diagnostics;
using Navigator.Browser.Launching;
using Navigator.Cdp.Protocol;

namespace Navigator.Cdp.Tests;

[Trait("Step", "1")]
public sealed class ConnectionLossTests
{
    [Theory]
    [InlineData(ChromiumTransportKind.Pipe)]
    [InlineData(ChromiumTransportKind.WebSocket)]
    public async Task KilledBrowser_FailsEveryPendingCallAtOnce(ChromiumTransportKind transport)
    {
        await using var browser = await ChromiumProcess.LaunchAsync(new ChromiumOptions { Transport = transport });
        await using var page = await PageTarget.CreateAsync(browser.Connection);
        var pending = Enumerable.Range(0, 5)
            .Select(_ => page.Session.SendAsync(new RuntimeEvaluateRequest { Expression = "new Promise(() => {})", AwaitPromise = true }))
            .ToList();

        var stopwatch = Stopwatch.StartNew();
        Process.GetProcessById(browser.ProcessId).Kill(entireProcessTree: true);

        foreach (var call in pending)
        {
            var error = await Assert.ThrowsAnyAsync<CdpException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.True(error is CdpConnectionClosedException or CdpSessionDetachedException, error.GetType().Name);
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"pending calls failed only after {stopwatch.Elapsed}");
        var closed = await browser.Connection.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotEmpty(closed.Reason);
        var later = await Assert.ThrowsAsync<CdpConnectionClosedException>(() => browser.Connection.Browser.SendAsync(new BrowserGetVersionRequest()));
        Assert.Contains("closed", later.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocketTransport_RunsCommandsAndEvents()
    {
        await using var browser = await ChromiumProcess.LaunchAsync(new ChromiumOptions { Transport = ChromiumTransportKind.WebSocket });
        await using var page = await PageTarget.CreateAsync(browser.Connection);
        await page.Session.SendAsync(new PageEnableRequest());
        var loaded = page.Session.WaitForEventAsync<PageLoadEventFiredEvent>();

        await page.Session.SendAsync(new PageNavigateRequest { Url = "data:text/html,<title>ws</title>" });
        await loaded.WaitAsync(TimeSpan.FromSeconds(10));
        var title = await page.Session.SendAsync(new RuntimeEvaluateRequest { Expression = "document.title", ReturnByValue = true });

        Assert.Equal("ws", title.Result.Value!.Value.GetString());
    }
}
