using System.Collections.Concurrent;
using System.Text.Json;
using Navigator.Cdp.Protocol;

namespace Navigator.Cdp.Tests;

[Collection(ChromiumProcessCollection.Name)]
[Trait("Step", "1")]
public sealed class CdpConnectionTests(ChromiumProcessFixture fixture)
{
    [Fact]
    public async Task TypedCommand_ReturnsTypedResult()
    {
        var version = await fixture.Connection.Browser.SendAsync(new BrowserGetVersionRequest());

        Assert.StartsWith("1.", version.ProtocolVersion, StringComparison.Ordinal);
        Assert.Contains("Chrome", version.Product, StringComparison.Ordinal);
        Assert.Contains("Headless", version.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFrameTree_OnAttachedPage_ReturnsMainFrameWithUrl()
    {
        fixture.Server.MapHtml("/cdp/frames", "<title>frames</title><iframe src='/cdp/child'></iframe>");
        fixture.Server.MapHtml("/cdp/child", "<p>child</p>");
        await using var page = await PageTarget.CreateAsync(fixture.Connection);
        await page.Session.SendAsync(new PageEnableRequest());
        var loaded = page.Session.WaitForEventAsync<PageLoadEventFiredEvent>();
        await page.Session.SendAsync(new PageNavigateRequest { Url = fixture.Server.Url("/cdp/frames") });
        await loaded.WaitAsync(TimeSpan.FromSeconds(10));

        var tree = await page.Session.SendAsync(new PageGetFrameTreeRequest());

        Assert.Equal(fixture.Server.Url("/cdp/frames"), tree.FrameTree.Frame.Url);
        var child = Assert.Single(tree.FrameTree.ChildFrames!);
        Assert.Equal(fixture.Server.Url("/cdp/child"), child.Frame.Url);
    }

    [Fact]
    public async Task Events_ArriveInOrder_AndOnlyOnTheirOwnSession()
    {
        await using var first = await PageTarget.CreateAsync(fixture.Connection);
        await using var second = await PageTarget.CreateAsync(fixture.Connection);
        var firstMessages = new ConcurrentQueue<string>();
        var secondMessages = new ConcurrentQueue<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = first.Session.On<RuntimeConsoleAPICalledEvent>(e =>
        {
            var text = e.Args[0].Value!.Value.ToString();
            firstMessages.Enqueue(text);
            if (text == "99")
            {
                done.TrySetResult();
            }
        });
        using var b = second.Session.On<RuntimeConsoleAPICalledEvent>(e => secondMessages.Enqueue(e.Args[0].Value!.Value.ToString()));
        await first.Session.SendAsync(new RuntimeEnableRequest());
        await second.Session.SendAsync(new RuntimeEnableRequest());

        await first.Session.SendAsync(new RuntimeEvaluateRequest { Expression = "for (let i = 0; i < 100; i++) console.log(String(i))" });
        await second.Session.SendAsync(new RuntimeEvaluateRequest { Expression = "console.log('second')" });
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(0, 100).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), firstMessages);
        Assert.DoesNotContain("second", firstMessages);
    }

    [Fact]
    public async Task DisposedSubscription_StopsReceivingEvents()
    {
        await using var page = await PageTarget.CreateAsync(fixture.Connection);
        await page.Session.SendAsync(new RuntimeEnableRequest());
        var received = 0;
        var subscription = page.Session.On<RuntimeConsoleAPICalledEvent>(_ => Interlocked.Increment(ref received));
        var marker = page.Session.WaitForEventAsync<RuntimeConsoleAPICalledEvent>(e => e.Args[0].Value?.GetString() == "one");
        await page.Session.SendAsync(new RuntimeEvaluateRequest { Expression = "console.log('one')" });
        await marker.WaitAsync(TimeSpan.FromSeconds(10));
        subscription.Dispose();

        var after = page.Session.WaitForEventAsync<RuntimeConsoleAPICalledEvent>(e => e.Args[0].Value?.GetString() == "two");
        await page.Session.SendAsync(new RuntimeEvaluateRequest { Expression = "console.log('two')" });
        await after.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, Volatile.Read(ref received));
    }

    [Fact]
    public async Task RawSend_ReturnsJson()
    {
        await using var page = await PageTarget.CreateAsync(fixture.Connection);
        using var parameters = JsonDocument.Parse("""{"expression":"6*7","returnByValue":true}""");

        var result = await page.Session.SendRawAsync("Runtime.evaluate", parameters.RootElement);

        Assert.Equal(42, result.GetProperty("result").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task UnknownTarget_FailsWithProtocolError()
    {
        var error = await Assert.ThrowsAsync<CdpProtocolException>(() =>
            fixture.Connection.Browser.SendAsync(new TargetAttachToTargetRequest { TargetId = "NO-SUCH-TARGET", Flatten = true }));

        Assert.Equal("Target.attachToTarget", error.Method);
        Assert.Contains("target", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnknownMethod_FailsWithProtocolError()
    {
        var error = await Assert.ThrowsAsync<CdpProtocolException>(() => fixture.Connection.Browser.SendRawAsync("Nope.notAMethod"));

        Assert.Equal(-32601, error.Code);
    }

    [Fact]
    public async Task CommandTimeout_FailsWithTimeoutException_AndConnectionKeepsWorking()
    {
        await using var page = await PageTarget.CreateAsync(fixture.Connection);

        var error = await Assert.ThrowsAsync<CdpCommandTimeoutException>(() =>
            page.Session.SendAsync(new RuntimeEvaluateRequest { Expression = "new Promise(() => {})", AwaitPromise = true }, TimeSpan.FromMilliseconds(200)));

        Assert.Equal("Runtime.evaluate", error.Method);
        var after = await page.Session.SendAsync(new RuntimeEvaluateRequest { Expression = "1+1", ReturnByValue = true });
        Assert.Equal(2, after.Result.Value!.Value.GetInt32());
    }

    [Fact]
    public async Task CommandTimeout_SaysWhetherTheTargetKeptAnswering()
    {
        await using var page = await PageTarget.CreateAsync(fixture.Connection);

        var stuck = page.Session.SendAsync(new RuntimeEvaluateRequest { Expression = "new Promise(() => {})", AwaitPromise = true }, TimeSpan.FromSeconds(2));
        for (var i = 0; i < 3; i++)
        {
            await page.Session.SendAsync(new RuntimeEvaluateRequest { Expression = "1+1", ReturnByValue = true });
        }

        var error = await Assert.ThrowsAsync<CdpCommandTimeoutException>(() => stuck);
        Assert.True(error.MessagesMeanwhile >= 3, error.Message);
        Assert.Contains("other messages from the same target meanwhile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_StopsWaiting()
    {
        await using var page = await PageTarget.CreateAsync(fixture.Connection);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            page.Session.SendAsync(new RuntimeEvaluateRequest { Expression = "new Promise(() => {})", AwaitPromise = true }, cancel.Token));
    }

    [Fact]
    public async Task ClosingTarget_FailsPendingCallsOfItsSession()
    {
        var page = await PageTarget.CreateAsync(fixture.Connection);
        await using (page)
        {
            var pending = page.Session.SendAsync(new RuntimeEvaluateRequest { Expression = "new Promise(() => {})", AwaitPromise = true });

            await fixture.Connection.Browser.SendAsync(new TargetCloseTargetRequest { TargetId = page.TargetId });

            var error = await Assert.ThrowsAsync<CdpSessionDetachedException>(() => pending.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(page.Session.SessionId, error.SessionId);
            Assert.True(page.Session.IsDetached);
        }
    }
}
