using Microsoft.AspNetCore.Http;
using Navigator.Browser.Security;
using Navigator.Cdp.Protocol;

namespace Navigator.Browser.Tests.Security;

/// <summary>Policy validation at session start, scheme refusals, isolation between sessions, downloads.</summary>
[Collection(SecurityCollection.Name)]
[Trait("Step", "3")]
public sealed class SessionSecurityTests(SecurityFixture fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("exa*mple.com")]
    [InlineData("https://example.com/path")]
    public async Task BadPattern_FailsSessionStart_NamingThePattern(string pattern)
    {
        var before = fixture.Pool.ProcessIds.Count;

        var error = await Assert.ThrowsAsync<InvalidDomainPatternException>(() =>
            fixture.NewSessionAsync(new NavigationPolicy { AllowedDomains = ["allowed.test", pattern] }));

        Assert.Equal(pattern, error.Pattern);
        Assert.Contains($"'{pattern}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Pool.ProcessIds.Count);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("chrome://version")]
    [InlineData("chrome-extension://abcdefghijklmnop/x.html")]
    [InlineData("devtools://devtools/bundled/inspector.html")]
    [InlineData("view-source:http://allowed.test/")]
    [InlineData("javascript:document.title='pwned'")]
    [InlineData("data:text/html,<title>data</title>")]
    public async Task DangerousSchemes_AreRefused_AndThePageDoesNotMove(string url)
    {
        fixture.Server.MapHtml("/ss/scheme", "<title>home</title>");
        await using var session = await fixture.NewSessionAsync();
        var home = fixture.Url("allowed.test", "/ss/scheme");
        await session.NavigateAsync(home);

        var error = await Assert.ThrowsAsync<NavigationBlockedException>(() => session.NavigateAsync(url));

        Assert.Equal(BlockReason.Scheme, error.BlockReason);
        Assert.Contains("net::ERR_BLOCKED_BY_CLIENT", error.Reason, StringComparison.Ordinal);
        Assert.Equal(home, session.Url);
        Assert.Equal("home", await session.GetTitleAsync());
        Assert.Equal(1, session.BlockedRequests.Navigations);
    }

    [Fact]
    public async Task DataUrls_LoadWhenAllowedByOption()
    {
        await using var session = await fixture.NewSessionAsync(new NavigationPolicy { AllowDataUrls = true });

        await session.NavigateAsync("data:text/html,<title>inline</title>");

        Assert.Equal("inline", await session.GetTitleAsync());
    }

    [Fact]
    public async Task Sessions_DoNotShareCookiesOrStorage()
    {
        fixture.Server.Map("/ss/set-cookie", c =>
        {
            c.Response.Headers.SetCookie = "sid=alice; Path=/";
            c.Response.ContentType = "text/html";
            return c.Response.WriteAsync("<title>set</title><script>localStorage.setItem('who', 'alice')</script>");
        });
        fixture.Server.MapHtml("/ss/read", "<title>read</title>");
        var policy = NavigationPolicy.Allow("allowed.test");
        await using var alice = await fixture.NewSessionAsync(policy);
        await using var bob = await fixture.NewSessionAsync(policy);

        await alice.NavigateAsync(fixture.Url("allowed.test", "/ss/set-cookie"));
        await alice.NavigateAsync(fixture.Url("allowed.test", "/ss/read"));
        await bob.NavigateAsync(fixture.Url("allowed.test", "/ss/read"));

        Assert.Equal("sid=alice", (await alice.ActivePage.EvaluateAsync("document.cookie")).GetString());
        Assert.Equal("alice", (await alice.ActivePage.EvaluateAsync("localStorage.getItem('who')")).GetString());
        Assert.Equal(string.Empty, (await bob.ActivePage.EvaluateAsync("document.cookie")).GetString());
        Assert.Equal("none", (await bob.ActivePage.EvaluateAsync("localStorage.getItem('who') ?? 'none'")).GetString());
        Assert.NotEqual(alice.BrowserContextId, bob.BrowserContextId);
    }

    [Fact]
    public async Task Session_CannotActivateAnotherSessionsTab()
    {
        await using var alice = await fixture.NewSessionAsync();
        await using var bob = await fixture.NewSessionAsync();

        await Assert.ThrowsAsync<BrowserSessionClosedException>(() => bob.ActivateAsync(alice.ActivePage));

        Assert.DoesNotContain(alice.ActivePage, bob.Pages);
    }

    [Fact]
    public async Task Download_LandsInTheSessionsOwnFolder_AndIsRemovedWithTheSession()
    {
        var root = Path.Combine(Path.GetTempPath(), "navigator-download-test-" + Guid.NewGuid().ToString("N"));
        fixture.Server.Map("/ss/report.txt", c =>
        {
            c.Response.ContentType = "application/octet-stream";
            c.Response.Headers.ContentDisposition = "attachment; filename=\"../../report.txt\"";
            return c.Response.WriteAsync("quarterly numbers");
        });
        fixture.Server.MapHtml("/ss/download", "<title>dl</title><a id=dl href=\"/ss/report.txt\">get</a>");
        string folder;
        try
        {
            await using (var session = await fixture.NewSessionAsync(NavigationPolicy.Allow("allowed.test"), new DownloadOptions { Root = root }))
            {
                folder = session.DownloadDirectory!;
                Assert.StartsWith(root, folder, StringComparison.Ordinal);
                // Browser.downloadProgress "completed" is the end of the download; file system
                // events are not (Chromium creates the final name empty before writing to it).
                var completed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using var progress = session.Browser.Connection.Browser.On<BrowserDownloadProgressEvent>(e =>
                {
                    if (e.State == "completed")
                    {
                        completed.TrySetResult();
                    }
                });

                await session.NavigateAsync(fixture.Url("allowed.test", "/ss/download"));
                await session.ActivePage.EvaluateAsync("document.getElementById('dl').click()");
                await completed.Task.WaitAsync(TimeSpan.FromSeconds(10));
                var path = Assert.Single(Directory.GetFiles(folder));

                Assert.Equal(folder, Path.GetDirectoryName(path));
                Assert.Equal("quarterly numbers", await File.ReadAllTextAsync(path));
                Assert.Empty(Directory.GetFiles(root, "report.txt", SearchOption.TopDirectoryOnly));
            }

            Assert.False(Directory.Exists(folder));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Fact]
    public async Task DisabledDownloads_HaveNoFolder()
    {
        await using var session = await fixture.NewSessionAsync(downloads: new DownloadOptions { Enabled = false });

        Assert.Null(session.DownloadDirectory);
    }
}
