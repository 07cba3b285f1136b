using Microsoft.AspNetCore.Http;
using System.Text.Json;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

/// <summary>
/// Cross-site iframes run out of process (another loopback address is another site): their
/// content is read into the tab's page state and acted on by index, like the tab's own.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Step", "4")]
public sealed class CrossSiteFrameTests(SharedBrowserFixture fixture)
{
    private const string PaymentForm = """
        <html><body style="margin:0">
        <h2>Payment</h2>
        <label>Card number <input id="card"></label>
        <button onclick="document.getElementById('out').textContent = 'Paid with ' + document.getElementById('card').value">Pay now</button>
        <p id="out">Not paid</p>
        </body></html>
        """;

    [Fact]
    public async Task CrossSiteFrame_FormIsRead_TypedInto_AndItsButtonClicked()
    {
        await using var remote = await TestWebServer.StartAsync("127.0.0.2");
        remote.MapHtml("/frames/pay", PaymentForm);
        fixture.Server.MapHtml("/frames/shop", $$"""
            <html><head><title>Shop</title></head><body style="margin:0">
            <p>Checkout</p><button>Top before</button>
            <iframe src="{{remote.Url("/frames/pay")}}" title="payment" style="display:block;margin:20px 30px;width:420px;height:220px;border:6px solid black;padding:4px"></iframe>
            <button>Top after</button>
            </body></html>
            """);
        await using var session = await fixture.NewSessionAsync();
        await using var dispatcher = new ActionDispatcher(session, new PageStateBuilder());
        await SucceedsAsync(dispatcher, "navigate", Params(new { url = fixture.Server.Url("/frames/shop") }));

        var snapshot = await dispatcher.GetContextAsync(PageStateOptions.Default);
        var card = Single(snapshot, e => e.Tag == "input");
        var pay = Single(snapshot, e => e.Name == "Pay now");
        Assert.Contains("Payment", snapshot.Text, StringComparison.Ordinal);
        Assert.Contains("Not paid", snapshot.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("not readable", snapshot.Text, StringComparison.Ordinal);
        Assert.NotNull(card.FrameTarget);
        Assert.Equal(card.FrameTarget, pay.FrameTarget);
        Assert.Null(Single(snapshot, e => e.Name == "Top after").FrameTarget);

        // One numbering for the tab and its frame.
        Assert.Equal(snapshot.Elements.Count, snapshot.Elements.Select(e => e.Index).Distinct().Count());

        // Nodes are resolved on demand: a frame element by the frame's own agent (its backend id is
        // the frame session's), a tab element by the tab's.
        var frame = session.ActivePage.FindFrame(pay.FrameTarget!)!;
        var payNode = await snapshot.Nodes!.ResolveAsync(pay.Index, CancellationToken.None);
        Assert.NotNull(payNode);
        var described = await frame.Cdp.SendAsync(new Navigator.Cdp.Protocol.DomDescribeNodeRequest { BackendNodeId = payNode.Value.BackendNodeId });
        Assert.Equal("button", described.Node.LocalName);
        var topAfter = Single(snapshot, e => e.Name == "Top after");
        var topNode = await snapshot.Nodes.ResolveAsync(topAfter.Index, CancellationToken.None);
        Assert.NotNull(topNode);
        var resolvedTop = await session.ActivePage.SendAsync(new Navigator.Cdp.Protocol.DomResolveNodeRequest { BackendNodeId = topNode.Value.BackendNodeId });
        Assert.NotNull(resolvedTop.Object.ObjectId);

        // Boxes in top-page coordinates: inside the frame's content box (30+6+4, 20+6+4 onwards).
        var frameLeft = 40;
        var frameTop = await EvalIntAsync(session, "Math.round(document.querySelector('iframe').getBoundingClientRect().top) + 10");
        Assert.InRange(card.Bounds.X, frameLeft, frameLeft + 420);
        Assert.InRange(card.Bounds.Y, frameTop, frameTop + 220);
        Assert.InRange(pay.ClickPoint.Y, frameTop, frameTop + 220);

        var typed = await dispatcher.ExecuteAsync("type", Params(new { index = card.Index, text = "4242 4242" }));
        Assert.True(typed.Success, typed.Error);
        var clicked = await dispatcher.ExecuteAsync("click", Params(new { index = pay.Index }));
        Assert.True(clicked.Success, clicked.Error);

        var after = await ReadUntilAsync(dispatcher, "Paid with 4242 4242");
        Assert.Equal("4242 4242", Single(after, e => e.Tag == "input").Value);

        // Indices stay put across reads of the same documents.
        Assert.Equal(pay.Index, Single(after, e => e.Name == "Pay now").Index);
        Assert.Equal(0, await EvalIntAsync(session, "window.topClicks || 0"));
    }

    [Fact]
    public async Task CrossSiteFrame_UnderTheTabsModal_IsNotClickedThrough_UntilTheModalIsDismissed()
    {
        await using var remote = await TestWebServer.StartAsync("127.0.0.2");
        remote.MapHtml("/frames/pay", PaymentForm);
        fixture.Server.MapHtml("/frames/consent", $$"""
            <html><head><title>Shop</title></head><body style="margin:0">
            <iframe src="{{remote.Url("/frames/pay")}}" title="payment" style="width:420px;height:220px"></iframe>
            <div id="consent" class="modal wide" style="position:fixed;inset:0;background:rgba(0,0,0,.3)">
            <button style="position:absolute;right:20px;bottom:20px" onclick="document.getElementById('consent').remove()">Accept cookies</button></div>
            </body></html>
            """);
        await using var session = await fixture.NewSessionAsync();
        await using var dispatcher = new ActionDispatcher(session, new PageStateBuilder());
        await SucceedsAsync(dispatcher, "navigate", Params(new { url = fixture.Server.Url("/frames/consent") }));
        var snapshot = await ReadUntilAsync(dispatcher, "Not paid");
        var pay = Single(snapshot, e => e.Name == "Pay now");

        var covered = await dispatcher.ExecuteAsync("click", Params(new { index = pay.Index }));

        Assert.False(covered.Success);
        Assert.Equal(ActionErrorCodes.ElementObscured, covered.ErrorCode);
        Assert.Contains("div#consent.modal.wide covers its frame", covered.Error, StringComparison.Ordinal);
        var frame = session.ActivePage.FindFrame(pay.FrameTarget!)!;
        var output = await frame.Cdp.SendAsync(new Navigator.Cdp.Protocol.RuntimeEvaluateRequest { Expression = "document.getElementById('out').textContent", ReturnByValue = true });
        Assert.Equal("Not paid", output.Result.Value?.GetString());

        await SucceedsAsync(dispatcher, "click", Params(new { index = Single(snapshot, e => e.Name == "Accept cookies").Index }));
        var after = await dispatcher.GetContextAsync(PageStateOptions.Default);
        await SucceedsAsync(dispatcher, "click", Params(new { index = Single(after, e => e.Name == "Pay now").Index }));
        await ReadUntilAsync(dispatcher, "Paid with");
    }

    [Fact]
    public async Task ClickInCrossSiteFrame_WaitsForTheRequestsItStartedThere()
    {
        await using var remote = await TestWebServer.StartAsync("127.0.0.2");
        remote.Map("/frames/quote", async context =>
        {
            // Slower than anything else the click waits for, so only following the frame's request covers it.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await context.Response.WriteAsync("12.50 EUR");
        });
        remote.MapHtml("/frames/widget", """
            <html><body><p id="price">No quote</p>
            <button onclick="fetch('/frames/quote').then(r => r.text()).then(t => document.getElementById('price').textContent = 'Quote ' + t)">Get quote</button>
            </body></html>
            """);
        fixture.Server.MapHtml("/frames/quote-host", $$"""
            <html><head><title>Host</title></head><body><iframe src="{{remote.Url("/frames/widget")}}" style="width:400px;height:200px"></iframe></body></html>
            """);
        await using var session = await fixture.NewSessionAsync();
        await using var dispatcher = new ActionDispatcher(session, new PageStateBuilder());
        await SucceedsAsync(dispatcher, "navigate", Params(new { url = fixture.Server.Url("/frames/quote-host") }));
        var snapshot = await ReadUntilAsync(dispatcher, "No quote");

        await SucceedsAsync(dispatcher, "click", Params(new { index = Single(snapshot, e => e.Name == "Get quote").Index }));

        var after = await dispatcher.GetContextAsync(PageStateOptions.Default);
        Assert.Contains("Quote 12.50 EUR", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClickText_FindsPlainTextInACrossSiteFrame()
    {
        await using var remote = await TestWebServer.StartAsync("127.0.0.2");
        // Text with a click handler on a plain div: no indexed element names it, so only the DOM text search finds it.
        remote.MapHtml("/frames/terms", """
            <html><body><p id="state">Terms not accepted</p>
            <div onclick="document.getElementById('state').textContent = 'Terms accepted'">I have read the terms</div></body></html>
            """);
        fixture.Server.MapHtml("/frames/terms-host", $$"""
            <html><head><title>Host</title></head><body><p>Sign up</p><iframe src="{{remote.Url("/frames/terms")}}" style="width:400px;height:200px"></iframe></body></html>
            """);
        await using var session = await fixture.NewSessionAsync();
        await using var dispatcher = new ActionDispatcher(session, new PageStateBuilder());
        await SucceedsAsync(dispatcher, "navigate", Params(new { url = fixture.Server.Url("/frames/terms-host") }));
        await ReadUntilAsync(dispatcher, "Terms not accepted");

        var clicked = await dispatcher.ExecuteAsync("click_text", Params(new { text = "read the terms" }));

        Assert.True(clicked.Success, clicked.Error);
        Assert.Equal("dom_text", clicked.Data!.Value.GetProperty("source").GetString());
        Assert.EndsWith("/frames/terms", clicked.Data.Value.GetProperty("frame_url").GetString(), StringComparison.Ordinal);
        Assert.True(clicked.PageChanged);
        await ReadUntilAsync(dispatcher, "Terms accepted");
    }

    [Fact]
    public async Task NestedCrossSiteFrames_AreReadAndActedOn()
    {
        await using var middle = await TestWebServer.StartAsync("127.0.0.2");
        await using var inner = await TestWebServer.StartAsync("127.0.0.3");
        inner.MapHtml("/frames/inner", """
            <html><body><p id="state">Inner idle</p><button onclick="document.getElementById('state').textContent = 'Inner pressed'">Inner button</button></body></html>
            """);
        middle.MapHtml("/frames/middle", $$"""
            <html><body><p>Middle text</p><iframe src="{{inner.Url("/frames/inner")}}" style="width:300px;height:120px;border:3px solid"></iframe></body></html>
            """);
        fixture.Server.MapHtml("/frames/nested", $$"""
            <html><head><title>Nested</title></head><body><p>Outer text</p>
            <iframe src="{{middle.Url("/frames/middle")}}" style="width:420px;height:260px"></iframe></body></html>
            """);
        await using var session = await fixture.NewSessionAsync();
        await using var dispatcher = new ActionDispatcher(session, new PageStateBuilder());
        await SucceedsAsync(dispatcher, "navigate", Params(new { url = fixture.Server.Url("/frames/nested") }));

        var snapshot = await ReadUntilAsync(dispatcher, "Inner idle");
        Assert.Contains("Middle text", snapshot.Text, StringComparison.Ordinal);
        var button = Single(snapshot, e => e.Name == "Inner button");
        Assert.Equal(2, session.ActivePage.Frames.Count);
        Assert.Equal(session.ActivePage.Frames.Single(f => f.Depth == 1).FrameId, button.FrameTarget);

        var clicked = await dispatcher.ExecuteAsync("click", Params(new { index = button.Index }));
        Assert.True(clicked.Success, clicked.Error);
        await ReadUntilAsync(dispatcher, "Inner pressed");
    }

    [Fact]
    public async Task CrossSiteFrame_ThatNavigatesOrIsRemoved_DoesNotBreakReadingOrActing()
    {
        await using var remote = await TestWebServer.StartAsync("127.0.0.2");
        remote.MapHtml("/frames/first", """
            <html><body><p>First frame page</p><a href="/frames/second">Go second</a></body></html>
            """);
        remote.MapHtml("/frames/second", """
            <html><body><p>Second frame page</p><button onclick="this.textContent = 'Second pressed'">Second button</button></body></html>
            """);
        fixture.Server.MapHtml("/frames/changing", $$"""
            <html><head><title>Changing</title></head><body><p>Host page</p>
            <iframe src="{{remote.Url("/frames/first")}}" style="width:400px;height:160px"></iframe></body></html>
            """);
        await using var session = await fixture.NewSessionAsync();
        await using var dispatcher = new ActionDispatcher(session, new PageStateBuilder());
        await SucceedsAsync(dispatcher, "navigate", Params(new { url = fixture.Server.Url("/frames/changing") }));

        // The frame navigates itself (a link inside it).
        var snapshot = await ReadUntilAsync(dispatcher, "First frame page");
        var link = Single(snapshot, e => e.Name == "Go second");
        await SucceedsAsync(dispatcher, "click", Params(new { index = link.Index }));
        snapshot = await ReadUntilAsync(dispatcher, "Second button");
        Assert.DoesNotContain("First frame page", snapshot.Text, StringComparison.Ordinal);
        var second = Single(snapshot, e => e.Name == "Second button");
        await SucceedsAsync(dispatcher, "click", Params(new { index = second.Index }));
        snapshot = await ReadUntilAsync(dispatcher, "Second pressed");

        // The page removes the frame on its own while the agent still holds its indices.
        var stale = Single(snapshot, e => e.Name == "Second pressed");
        await session.ActivePage.EvaluateAsync("setTimeout(() => document.querySelector('iframe').remove(), 0)");
        await Eventually.TrueAsync(() => session.ActivePage.Frames.Count == 0, TimeSpan.FromSeconds(10), "the removed frame's target detaches");
        var failed = await dispatcher.ExecuteAsync("click", Params(new { index = stale.Index }));
        Assert.False(failed.Success);
        Assert.Equal(ActionErrorCodes.StaleElement, failed.ErrorCode);

        snapshot = await dispatcher.GetContextAsync(PageStateOptions.Default);
        Assert.Contains("Host page", snapshot.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Second", snapshot.Text, StringComparison.Ordinal);
        Assert.All(snapshot.Elements, e => Assert.Null(e.FrameTarget));
    }

    [Fact]
    public async Task WithAnAllowlist_AnAllowedCrossSiteFrameIsRead_AndABlockedOneNeverLoads()
    {
        await using var allowed = await TestWebServer.StartAsync("127.0.0.2");
        await using var blocked = await TestWebServer.StartAsync("127.0.0.3");
        allowed.MapHtml("/frames/allowed", PaymentForm);
        blocked.MapHtml("/frames/blocked", "<html><body><p>Blocked widget</p><button>Blocked button</button></body></html>");
        fixture.Server.MapHtml("/frames/guarded", $$"""
            <html><head><title>Guarded</title></head><body><p>Guarded host</p>
            <iframe src="{{allowed.Url("/frames/allowed")}}" style="width:400px;height:200px"></iframe>
            <iframe src="{{blocked.Url("/frames/blocked")}}" style="width:400px;height:200px"></iframe></body></html>
            """);
        await using var session = await fixture.NewSessionAsync(new BrowserSessionOptions { NavigationPolicy = Navigator.Browser.Security.NavigationPolicy.Allow("127.0.0.1", "127.0.0.2") });
        await using var dispatcher = new ActionDispatcher(session, new PageStateBuilder());
        await SucceedsAsync(dispatcher, "navigate", Params(new { url = fixture.Server.Url("/frames/guarded") }));

        var snapshot = await ReadUntilAsync(dispatcher, "Not paid");
        var card = Single(snapshot, e => e.Tag == "input");
        await SucceedsAsync(dispatcher, "type", Params(new { index = card.Index, text = "1111" }));
        await SucceedsAsync(dispatcher, "click", Params(new { index = Single(snapshot, e => e.Name == "Pay now").Index }));
        snapshot = await ReadUntilAsync(dispatcher, "Paid with 1111");

        Assert.DoesNotContain("Blocked", snapshot.Text, StringComparison.Ordinal);
        Assert.Equal(0, blocked.HostHits("127.0.0.3"));
        Assert.True(session.BlockedRequests.Frames >= 1, "the blocked frame was not counted");
    }

    private static async Task SucceedsAsync(ActionDispatcher dispatcher, string type, JsonElement parameters)
    {
        var result = await dispatcher.ExecuteAsync(type, parameters);
        Assert.True(result.Success, $"{type}: {result.ErrorCode} {result.Error}");
    }

    private static async Task<BrowserContextSnapshot> ReadUntilAsync(ActionDispatcher dispatcher, string text)
    {
        // The frame's document loads on its own schedule: read until it shows (10 s at most).
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var snapshot = await dispatcher.GetContextAsync(PageStateOptions.Default);
            if (snapshot.Text.Contains(text, StringComparison.Ordinal))
            {
                return snapshot;
            }

            Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10), $"'{text}' never appeared in:\n{snapshot.Text}");
            await Task.Delay(50);
        }
    }

    private static InteractiveElement Single(BrowserContextSnapshot snapshot, Func<InteractiveElement, bool> predicate)
    {
        var matches = snapshot.Elements.Where(predicate).ToList();
        Assert.True(matches.Count == 1, $"expected one match, got {matches.Count} in:\n{snapshot.Text}");
        return matches[0];
    }

    private static async Task<int> EvalIntAsync(BrowserSession session, string expression) =>
        (await session.ActivePage.EvaluateAsync(expression)).GetInt32();

    private static JsonElement Params(object value) => JsonSerializer.SerializeToElement(value);
}
