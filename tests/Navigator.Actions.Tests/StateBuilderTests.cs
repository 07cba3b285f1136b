using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

[Collection(BrowserCollection.Name)]
[Trait("Step", "4")]
public sealed class StateBuilderTests(SharedBrowserFixture fixture)
{
    private readonly PageStateBuilder _builder = new();

    private async Task<(BrowserSession Session, BrowserContextSnapshot Snapshot)> OpenAsync(string path, string html, PageStateOptions? options = null)
    {
        fixture.Server.MapHtml(path, html);
        var session = await fixture.NewSessionAsync();
        await session.NavigateAsync(fixture.Server.Url(path));
        var snapshot = await _builder.CaptureAsync(session, options ?? new PageStateOptions());
        return (session, snapshot);
    }

    private static InteractiveElement Single(BrowserContextSnapshot snapshot, Func<InteractiveElement, bool> predicate)
    {
        var matches = snapshot.Elements.Where(predicate).ToList();
        Assert.True(matches.Count == 1, $"expected one match, got {matches.Count} in:\n{snapshot.Text}");
        return matches[0];
    }

    /// <summary>The DOM node an index of the snapshot stands for now (null once the element is gone).</summary>
    private static Task<ElementNode?> NodeAsync(BrowserContextSnapshot snapshot, InteractiveElement element) =>
        snapshot.Nodes!.ResolveAsync(element.Index, CancellationToken.None);

    [Fact]
    public async Task Form_IndexesEveryFieldWithRoleTagTypeAndState()
    {
        var (session, snapshot) = await OpenAsync("/state/form", """
            <html><head><title>Signup</title></head><body>
            <h1>Sign up</h1>
            <form>
              <label>Email <input type="email" name="email" value="a@b.c"></label>
              <label for="pw">Password</label><input id="pw" type="password" value="secret">
              <textarea aria-label="Notes">hello there</textarea>
              <select aria-label="Country"><option>Germany</option><option selected>France</option><option>Italy</option></select>
              <label><input type="checkbox" checked> Subscribe</label>
              <label><input type="radio" name="c" value="red"> Red</label>
              <label><input type="radio" name="c" value="blue" checked> Blue</label>
              <label>Birthday <input type="date" value="2024-02-29"></label>
              <button type="submit">Create account</button>
            </form></body></html>
            """);
        await using var _ = session;

        Assert.Equal("Signup", snapshot.Title);
        Assert.Equal("complete", snapshot.LoadState);
        var email = Single(snapshot, e => e.Name == "Email");
        Assert.Equal(("textbox", "input", "email", "a@b.c"), (email.Role, email.Tag, email.InputType, email.Value));
        var password = Single(snapshot, e => e.Name == "Password");
        Assert.Equal("password", password.InputType);
        Assert.DoesNotContain("secret", snapshot.Text, StringComparison.Ordinal);
        var notes = Single(snapshot, e => e.Name == "Notes");
        Assert.Equal(("textbox", "textarea", "hello there"), (notes.Role, notes.Tag, notes.Value));
        Assert.Contains("<textarea>", notes.ToString(), StringComparison.Ordinal);
        var country = Single(snapshot, e => e.Name == "Country");
        Assert.Equal(("combobox", "select", "France"), (country.Role, country.Tag, country.Selected));
        Assert.Equal(3, country.OptionCount);
        Assert.True(Single(snapshot, e => e.Name == "Subscribe").Checked);
        Assert.False(Single(snapshot, e => e.Name == "Red").Checked);
        Assert.True(Single(snapshot, e => e.Name == "Blue").Checked);
        var birthday = Single(snapshot, e => e.Name == "Birthday");
        Assert.Equal(("date", "2024-02-29"), (birthday.InputType, birthday.Value));
        var submit = Single(snapshot, e => e.Name == "Create account");
        Assert.Equal(("button", "button"), (submit.Role, submit.Tag));

        Assert.Contains($"[{email.Index}] textbox type=email \"Email\": \"a@b.c\"", snapshot.Text, StringComparison.Ordinal);
        Assert.Contains($"[{country.Index}] combobox \"Country\": \"France\" options=[Germany|France|Italy]", snapshot.Text, StringComparison.Ordinal);
        Assert.Contains($"[{Single(snapshot, e => e.Name == "Subscribe").Index}] [x] \"Subscribe\"", snapshot.Text, StringComparison.Ordinal);
        Assert.Contains($"[{Single(snapshot, e => e.Name == "Red").Index}] radio \"Red\"", snapshot.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Red\" checked", snapshot.Text, StringComparison.Ordinal);
        Assert.Contains($"[{Single(snapshot, e => e.Name == "Blue").Index}] radio \"Blue\" checked", snapshot.Text, StringComparison.Ordinal);
        Assert.Contains("# Sign up", snapshot.Text, StringComparison.Ordinal);
        Assert.Equal(snapshot.Elements.Count, snapshot.Elements.Select(e => e.Index).Distinct().Count());
        foreach (var element in snapshot.Elements)
        {
            Assert.True((await NodeAsync(snapshot, element))?.BackendNodeId > 0, $"no node for {element}");
        }

        Assert.All(snapshot.Elements, e => Assert.True(e.InViewport));
    }

    [Fact]
    public async Task ClickPoint_HitsTheElementItNames()
    {
        var (session, snapshot) = await OpenAsync("/state/points", """
            <html><body style="margin:0">
            <div style="height:150px"></div>
            <button id="b1" style="margin-left:300px;width:120px;height:40px">One</button>
            <p>Text with <a id="l1" href="/docs">a link</a> inside.</p>
            </body></html>
            """);
        await using var _ = session;

        foreach (var element in snapshot.Elements)
        {
            var id = await session.ActivePage.EvaluateAsync($"document.elementFromPoint({element.ClickPoint.X}, {element.ClickPoint.Y})?.closest('[id]')?.id ?? ''");
            Assert.Equal(element.Name == "One" ? "b1" : "l1", id.GetString());
            Assert.InRange(element.ClickPoint.X, element.Bounds.X, element.Bounds.X + element.Bounds.Width);
            Assert.InRange(element.ClickPoint.Y, element.Bounds.Y, element.Bounds.Y + element.Bounds.Height);
        }

        Assert.Equal(2, snapshot.Elements.Count);
        var link = Single(snapshot, e => e.Role == "link");
        Assert.Equal("/docs", link.Href);
        Assert.Contains($"Text with [{link.Index}] link \"a link\" inside.", snapshot.Text, StringComparison.Ordinal);
    }

    // Plain root-relative hrefs are taken as written (no URL serialisation per link); anything the
    // URL parser would rewrite, and any page whose base URL is elsewhere, goes through el.href.
    [Fact]
    public async Task Links_AreResolvedAsTheBrowserResolvesThem()
    {
        var (session, snapshot) = await OpenAsync("/state/link-forms", """
            <html><body>
            <p><a href="/a/../b?q=1#top">Dots</a> <a href="/café menu">Accents</a> <a href="relative/x">Relative</a>
            <a href="javascript:void(0)">Script</a> <a href="/plain/path?x=1&y=2">Plain</a></p>
            </body></html>
            """);
        await using var _ = session;
        Assert.Equal("/b?q=1#top", Single(snapshot, e => e.Name == "Dots").Href);
        Assert.Equal("/caf%C3%A9%20menu", Single(snapshot, e => e.Name == "Accents").Href);
        Assert.Equal("/state/relative/x", Single(snapshot, e => e.Name == "Relative").Href);
        Assert.Null(Single(snapshot, e => e.Name == "Script").Href);
        Assert.Equal("/plain/path?x=1&y=2", Single(snapshot, e => e.Name == "Plain").Href);

        var (based, basedSnapshot) = await OpenAsync("/state/link-base", """
            <html><head><base href="https://cdn.example/app/"></head><body>
            <p><a href="/orders/4">Elsewhere</a></p>
            </body></html>
            """);
        await using var __ = based;
        Assert.Equal("https://cdn.example/orders/4", Single(basedSnapshot, e => e.Name == "Elsewhere").Href);
    }

    [Fact]
    public async Task Links_ShowTheirTargetOnlyWhenItLeavesTheSite()
    {
        var (session, snapshot) = await OpenAsync("/state/links", """
            <html><body>
            <p><a href="/orders/4">Details</a></p>
            <p><a href="https://pay.example/checkout?id=7">Pay now</a></p>
            <p><a href="http://old.example/">Old site</a></p>
            <p><a href="mailto:help@shop.example">Write to us</a></p>
            <p><a href="/cart" style="display:inline-block;width:24px;height:24px;background:#c00"></a></p>
            </body></html>
            """);
        await using var _ = session;

        string Line(string name) => Single(snapshot, e => e.Name == name).ToString();
        var details = Single(snapshot, e => e.Name == "Details");
        Assert.Equal("/orders/4", details.Href);
        Assert.Equal($"[{details.Index}] link \"Details\"", details.ToString());
        Assert.EndsWith("link \"Pay now\" -> pay.example/checkout?id=7", Line("Pay now"), StringComparison.Ordinal);
        Assert.EndsWith("link \"Old site\" -> http://old.example/", Line("Old site"), StringComparison.Ordinal);
        Assert.EndsWith("link \"Write to us\" -> mailto:help@shop.example", Line("Write to us"), StringComparison.Ordinal);
        var cart = Single(snapshot, e => e.Href == "/cart");
        Assert.Equal(string.Empty, cart.Name);
        Assert.EndsWith(" -> /cart", cart.ToString(), StringComparison.Ordinal);
        Assert.Contains(cart.ToString(), snapshot.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CoveredAndHiddenElements_AreExcluded()
    {
        var (session, snapshot) = await OpenAsync("/state/hidden", """
            <html><body>
            <button>Visible</button>
            <button style="display:none">DisplayNone</button>
            <button style="visibility:hidden">VisibilityHidden</button>
            <button style="width:0;height:0;padding:0;border:0;overflow:hidden">ZeroSize</button>
            <div style="display:none"><a href="/x">InsideHidden</a> hidden text</div>
            <p hidden>Hidden paragraph</p>
            <div style="position:relative;width:300px;height:100px">
              <button style="position:absolute;left:10px;top:10px">Covered</button>
              <div style="position:absolute;inset:0;background:white;z-index:10">Overlay text</div>
            </div>
            </body></html>
            """);
        await using var _ = session;

        Assert.Equal(["Visible"], snapshot.Elements.Select(e => e.Name));
        Assert.Contains("Overlay text", snapshot.Text, StringComparison.Ordinal);
        foreach (var gone in new[] { "DisplayNone", "VisibilityHidden", "ZeroSize", "InsideHidden", "hidden text", "Hidden paragraph", "Covered" })
        {
            Assert.DoesNotContain(gone, snapshot.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TableAndList_TextAppearsInReadingOrder()
    {
        var (session, snapshot) = await OpenAsync("/state/table", """
            <html><body>
            <h2>Inbox</h2>
            <table>
              <tr><th>From</th><th>Subject</th><th></th></tr>
              <tr><td>Alice</td><td>Quarterly report</td><td><button>Open</button></td></tr>
              <tr><td>Bob</td><td>Lunch?</td><td><button>Open</button></td></tr>
            </table>
            <ul><li>First item</li><li>Second <b>bold</b> item</li></ul>
            <p>Closing paragraph.</p>
            </body></html>
            """);
        await using var _ = session;

        var text = snapshot.Text;
        string[] order = ["## Inbox", "From|Subject", "Alice|Quarterly report|", "Bob|Lunch?|", "- First item", "- Second bold item", "Closing paragraph."];
        var last = -1;
        foreach (var piece in order)
        {
            var at = text.IndexOf(piece, StringComparison.Ordinal);
            Assert.True(at > last, $"'{piece}' not after the previous piece in:\n{text}");
            last = at;
        }

        var opens = snapshot.Elements.Where(e => e.Name == "Open").ToList();
        Assert.Equal(2, opens.Count);
        Assert.Contains($"Alice|Quarterly report|[{opens[0].Index}] button \"Open\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IconOnlyAndInlineClickables_GetIndicesAndHints()
    {
        var (session, snapshot) = await OpenAsync("/state/icons", """
            <html><head><style>.icon{display:inline-block;width:20px;height:20px;background:#ccc}</style></head><body>
            <span class="icon fa-trash" onclick="this.dataset.hit=1"></span>
            <i class="icon icon-settings" style="cursor:pointer"></i>
            <div role="button" title="Close dialog" class="icon"></div>
            <button><svg width="16" height="16"><title>Search</title><rect width="16" height="16"/></svg></button>
            <p>Please accept the <span style="cursor:pointer;color:blue" onclick="1">terms of service</span> before you continue.</p>
            </body></html>
            """);
        await using var _ = session;

        var trash = Single(snapshot, e => e.Tag == "span" && e.Hint is not null && e.Hint.Contains("trash", StringComparison.Ordinal));
        Assert.Equal("clickable", trash.Role);
        Assert.Contains("settings", Single(snapshot, e => e.Tag == "i").Hint, StringComparison.Ordinal);
        Assert.Equal("Close dialog", Single(snapshot, e => e.Tag == "div").Hint);
        Assert.Equal("Search", Single(snapshot, e => e.Tag == "button").Name);
        var terms = Single(snapshot, e => e.Name == "terms of service" || e.Hint == "terms of service");
        Assert.Contains($"Please accept the [{terms.Index}]", snapshot.Text, StringComparison.Ordinal);
        Assert.Contains("before you continue.", snapshot.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameOriginIframeAndOpenShadowDom_AreIncluded()
    {
        fixture.Server.MapHtml("/state/frame-child", """
            <html><body><p>Inside the frame</p><button>Frame button</button></body></html>
            """);
        var (session, snapshot) = await OpenAsync("/state/frame-host", """
            <html><body>
            <p>Before</p>
            <iframe src="/state/frame-child" style="width:400px;height:150px;border:5px solid black"></iframe>
            <my-widget></my-widget>
            <script>
              customElements.define('my-widget', class extends HTMLElement {
                constructor() { super(); const root = this.attachShadow({ mode: 'open' });
                  root.innerHTML = '<p>Shadow text</p><button>Shadow button</button><slot></slot>'; }
              });
            </script>
            </body></html>
            """);
        await using var _ = session;

        var frameButton = Single(snapshot, e => e.Name == "Frame button");
        var frameNode = await NodeAsync(snapshot, frameButton);
        Assert.NotNull(frameNode?.FrameId);
        Assert.True(frameNode?.BackendNodeId > 0);
        var described = await session.ActivePage.SendAsync(new Navigator.Cdp.Protocol.DomDescribeNodeRequest { BackendNodeId = frameNode!.Value.BackendNodeId });
        Assert.Equal("button", described.Node.LocalName);
        var hit = await session.ActivePage.EvaluateAsync(
            $"(() => {{ const f = document.querySelector('iframe'); const r = f.getBoundingClientRect(); return f.contentDocument.elementFromPoint({frameButton.ClickPoint.X} - r.left - 5, {frameButton.ClickPoint.Y} - r.top - 5)?.textContent ?? ''; }})()");
        Assert.Equal("Frame button", hit.GetString());
        Assert.Contains("Inside the frame", snapshot.Text, StringComparison.Ordinal);
        var shadowButton = Single(snapshot, e => e.Name == "Shadow button");
        Assert.Null((await NodeAsync(snapshot, shadowButton))?.FrameId);
        Assert.Contains("Shadow text", snapshot.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indices_AreStableWhileThePageDoesNotChange_AndVersionMovesOnChange()
    {
        var (session, first) = await OpenAsync("/state/stable", """
            <html><body>
            <button id="a">Alpha</button><a href="/b">Beta</a><input aria-label="Gamma">
            </body></html>
            """);
        await using var _ = session;

        var second = await _builder.CaptureAsync(session, new PageStateOptions());
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Elements.Select(e => e.Index), second.Elements.Select(e => e.Index));
        foreach (var element in first.Elements)
        {
            Assert.Equal(await NodeAsync(first, element), await NodeAsync(second, element));
        }

        Assert.Equal(first.Version, second.Version);

        await session.ActivePage.EvaluateAsync("document.getElementById('a').insertAdjacentHTML('beforebegin', '<button>New</button>')");
        var third = await _builder.CaptureAsync(session, new PageStateOptions());
        Assert.True(third.Version > second.Version);
        var alpha = first.Elements.Single(e => e.Name == "Alpha");
        Assert.Equal(alpha.Index, third.Elements.Single(e => e.Name == "Alpha").Index);
        Assert.DoesNotContain(third.Elements.Single(e => e.Name == "New").Index, first.Elements.Select(e => e.Index));

        await session.ActivePage.EvaluateAsync("document.querySelector('input').value = 'typed'");
        var fourth = await _builder.CaptureAsync(session, new PageStateOptions());
        Assert.Equal("typed", fourth.Elements.Single(e => e.Name == "Gamma").Value);
    }

    [Fact]
    public async Task LongPage_ViewportModeSummarisesOffscreen_FullPageFlagsDirection()
    {
        var rows = string.Concat(Enumerable.Range(0, 60).Select(i => $"<p style=\"height:60px\">Paragraph {i} <button>Action {i}</button></p>"));
        var (session, viewport) = await OpenAsync("/state/long", $"<html><body>{rows}</body></html>");
        await using var _ = session;

        Assert.Equal(PageStateMode.Viewport, viewport.Mode);
        Assert.Contains("Action 0", viewport.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Action 59", viewport.Text, StringComparison.Ordinal);
        Assert.All(viewport.Elements, e => Assert.True(e.InViewport));
        Assert.NotNull(viewport.OffscreenSummary);
        Assert.Contains("below", viewport.OffscreenSummary, StringComparison.Ordinal);
        Assert.True(viewport.PageHeight > viewport.ViewportHeight * 3);

        var full = await _builder.CaptureAsync(session, new PageStateOptions { Mode = PageStateMode.FullPage });
        Assert.Equal(60, full.Elements.Count);
        var lastButton = full.Elements.Single(e => e.Name == "Action 59");
        Assert.False(lastButton.InViewport);
        Assert.Equal("below", lastButton.OffscreenDirection);
        Assert.Contains("--- below the viewport ---", full.Text, StringComparison.Ordinal);
        Assert.Equal(viewport.Elements[0].Index, full.Elements[0].Index);

        await session.ActivePage.EvaluateAsync("window.scrollTo(0, document.body.scrollHeight)");
        var scrolled = await _builder.CaptureAsync(session, new PageStateOptions());
        Assert.Contains("Action 59", scrolled.Text, StringComparison.Ordinal);
        Assert.Equal(lastButton.Index, scrolled.Elements.Single(e => e.Name == "Action 59").Index);
        Assert.Contains("above", scrolled.OffscreenSummary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ElementsWithScriptAddedClickListeners_AreIndexed()
    {
        var (session, first) = await OpenAsync("/state/listeners", """
            <html><body>
            <p>Row one <span id="star" style="display:inline-block;width:16px;height:16px" class="star-icon"></span></p>
            <div id="card">Plain card text</div>
            <script>
              document.getElementById('star').addEventListener('click', () => {});
              document.body.addEventListener('click', () => {});
            </script>
            </body></html>
            """);
        await using var _ = session;

        var star = Single(first, e => e.Tag == "span");
        Assert.Equal("clickable", star.Role);
        Assert.Contains("star", star.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Elements, e => e.Tag is "body" or "div");

        // A listener added later is found after the DOM changes.
        await session.ActivePage.EvaluateAsync("document.getElementById('card').addEventListener('mousedown', () => {}); document.getElementById('card').dataset.ready = '1'");
        var second = await _builder.CaptureAsync(session, new PageStateOptions());
        var card = Single(second, e => e.Tag == "div");
        Assert.Contains($"[{card.Index}] clickable <div>", second.Text, StringComparison.Ordinal);
        Assert.Contains("Plain card text", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownElementWithoutExtraFields_KeepsItsNode_WhenNewElementsAppear()
    {
        var (session, first) = await OpenAsync("/state/fresh-slot", """
            <html><body>
            <input aria-label="City"><button>Submit</button><ul id="list"></ul>
            </body></html>
            """);
        await using var _ = session;
        var submit = Single(first, e => e.Name == "Submit");

        // A suggestion list appears: its items are the capture's only new elements.
        await session.ActivePage.EvaluateAsync("document.getElementById('list').innerHTML = '<li><button>Paris</button></li><li><button>Rome</button></li>'");
        var second = await _builder.CaptureAsync(session, new PageStateOptions());

        var submitAgain = Single(second, e => e.Name == "Submit");
        var submitNode = await NodeAsync(second, submitAgain);
        Assert.Equal((submit.Index, await NodeAsync(first, submit)), (submitAgain.Index, submitNode));
        var nodes = new List<int>();
        foreach (var element in second.Elements)
        {
            nodes.Add((await NodeAsync(second, element))!.Value.BackendNodeId);
        }

        Assert.Equal(second.Elements.Count, nodes.Distinct().Count());
        var resolved = await session.ActivePage.SendAsync(new Navigator.Cdp.Protocol.DomResolveNodeRequest { BackendNodeId = submitNode!.Value.BackendNodeId });
        var text = await session.ActivePage.SendAsync(new Navigator.Cdp.Protocol.RuntimeCallFunctionOnRequest { ObjectId = resolved.Object.ObjectId, FunctionDeclaration = "function() { return this.localName + ' ' + this.textContent; }", ReturnByValue = true });
        Assert.Equal("button Submit", text.Result.Value?.GetString());
    }

    [Fact]
    public async Task Containers_SpanningLines_AreSetOffByBlankLines_SoButtonsStayWithTheirCard()
    {
        var (session, snapshot) = await OpenAsync("/state/containers", """
            <html><body>
            <h1>Feed</h1>
            <article><h2>Alice</h2><p>Great day at the beach</p><button aria-label="Like Alice">&#9829;</button></article>
            <article><h2>Bob</h2><p>New job</p><button aria-label="Like Bob">&#9829;</button></article>
            <div style="box-shadow:0 1px 3px #0004;padding:8px"><p>Shadow card</p><button title="Share card"><svg width="10" height="10"></svg></button></div>
            <div style="border:1px solid #ccc"><p>Bordered card</p><button>Open</button></div>
            <ul><li>Plain item</li><li>Another item</li></ul>
            <table><tr><td>Row one</td><td><button>Edit one</button></td></tr><tr><td>Row two</td><td><button>Edit two</button></td></tr></table>
            <div role="dialog"><p>Cookie notice</p><button>Accept</button></div>
            <p>After everything</p>
            </body></html>
            """, new PageStateOptions { Mode = PageStateMode.FullPage });
        await using var _ = session;

        var groups = snapshot.Text.Split("\n\n");
        string GroupOf(string text) => Assert.Single(groups, g => g.Contains(text, StringComparison.Ordinal));
        Assert.StartsWith("# Feed", snapshot.Text, StringComparison.Ordinal);
        Assert.Contains($"[{Single(snapshot, e => e.Name == "Like Alice").Index}]", GroupOf("Great day at the beach"), StringComparison.Ordinal);
        Assert.DoesNotContain("Bob", GroupOf("Great day at the beach"), StringComparison.Ordinal);
        Assert.Contains($"[{Single(snapshot, e => e.Name == "Like Bob").Index}]", GroupOf("New job"), StringComparison.Ordinal);
        Assert.Contains($"[{Single(snapshot, e => e.Hint == "Share card").Index}]", GroupOf("Shadow card"), StringComparison.Ordinal);
        Assert.DoesNotContain("Bordered card", GroupOf("Shadow card"), StringComparison.Ordinal);
        Assert.Contains("Open", GroupOf("Bordered card"), StringComparison.Ordinal);
        Assert.Contains("Accept", GroupOf("Cookie notice"), StringComparison.Ordinal);
        Assert.DoesNotContain("After everything", GroupOf("Cookie notice"), StringComparison.Ordinal);

        // One-line containers (list items, table rows) are already grouped by their line: no blank lines.
        Assert.Contains("- Plain item\n- Another item\n", snapshot.Text, StringComparison.Ordinal);
        Assert.Matches(@"Row one\|\[\d+\] button ""Edit one""\nRow two\|\[\d+\] button ""Edit two""", snapshot.Text);
        Assert.DoesNotContain("\n\n\n", snapshot.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nodes_AreResolvedOnDemand_AndNotForElementsThatLeftThePage()
    {
        var (session, first) = await OpenAsync("/state/on-demand", """
            <html><body><button id="gone">Gone soon</button><button>Stays</button></body></html>
            """);
        await using var _ = session;
        var gone = Single(first, e => e.Name == "Gone soon");
        var stays = Single(first, e => e.Name == "Stays");

        await session.ActivePage.EvaluateAsync("document.getElementById('gone').remove()");
        Assert.Null(await NodeAsync(first, gone));
        Assert.NotNull(await NodeAsync(first, stays));

        // Indices of a replaced document mean nothing in the new one, even where the numbers match.
        await session.NavigateAsync(fixture.Server.Url("/state/on-demand"));
        var second = await _builder.CaptureAsync(session, new PageStateOptions());
        Assert.Contains(second.Elements, e => e.Index == stays.Index);
        Assert.Null(await NodeAsync(first, stays));
        Assert.NotNull(await NodeAsync(second, Single(second, e => e.Name == "Stays")));
    }

    [Fact]
    public async Task ListenerScan_LeavesHitTestingIntact_OverManyDocuments()
    {
        // The issue's reproduction: a form with an inline script adding a listener. The listener
        // scan once broke the isolated world's element identity (every element judged covered).
        fixture.Server.MapHtml("/state/listener-form", ReproductionPages.ListenerForm);
        await using var session = await fixture.NewSessionAsync();
        int? expected = null;
        for (var i = 0; i < 30; i++)
        {
            await session.NavigateAsync(fixture.Server.Url($"/state/listener-form?i={i}"));
            var snapshot = await _builder.CaptureAsync(session, new PageStateOptions { Mode = i % 2 == 0 ? PageStateMode.FullPage : PageStateMode.Viewport });
            Assert.True(snapshot.Elements.Count > 0, $"navigation {i}: no elements in\n{snapshot.Text}");
            expected ??= snapshot.Elements.Count;
            Assert.Equal(expected, snapshot.Elements.Count);
            Assert.Contains(snapshot.Elements, e => e.Name == "Submit");
        }

        Assert.False(session.ActivePage.IsClosed);
    }

    [Fact]
    public async Task Reading_InlineTextJoinsAsWritten_LongValuesWhole_AllOptionsInFullPage_DraggableItemsIndexed()
    {
        var longValue = string.Concat(Enumerable.Repeat("abcdefghij", 150));
        var options = string.Concat(Enumerable.Range(1, 12).Select(i => $"<option>Option {i}</option>"));
        var (session, viewport) = await OpenAsync("/state/reading", $$"""
            <html><body>
            <p>Enter "<b>Marcella</b>" into the <i>name</i> field, <span>then</span> <span>save</span>.</p>
            <textarea aria-label="Story">{{longValue}}</textarea>
            <input aria-label="Huge" value="{{longValue}}{{longValue}}">
            <select aria-label="Pick">{{options}}</select>
            <ul><li draggable="true">First task</li><li draggable="true">Second task</li></ul>
            </body></html>
            """);
        await using var _ = session;

        Assert.Contains("Enter \"Marcella\" into the name field, then save.", viewport.Text, StringComparison.Ordinal);
        Assert.Equal(longValue, Single(viewport, e => e.Name == "Story").Value);
        var huge = Single(viewport, e => e.Name == "Huge").Value!;
        Assert.StartsWith(longValue, huge, StringComparison.Ordinal);
        Assert.EndsWith("(cut; 3000 chars in all)", huge, StringComparison.Ordinal);
        Assert.Contains("+4 more", viewport.Text, StringComparison.Ordinal);
        Assert.Equal(2, viewport.Elements.Count(e => e.Name is "First task" or "Second task" || e.Hint is "First task" or "Second task"));

        var full = await _builder.CaptureAsync(session, new PageStateOptions { Mode = PageStateMode.FullPage });
        Assert.Equal(12, Single(full, e => e.Name == "Pick").Options!.Count);
        Assert.Contains("Option 12", full.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomCheckboxesUnderStyledLabels_AreIndexed_AndClickingTheIndexTogglesTheRealInput()
    {
        fixture.Server.MapHtml("/state/custom-toggles", """
            <html><head><style>
              .switch { position: relative; display: inline-block; width: 60px; height: 30px; }
              .switch input { opacity: 0; width: 100%; height: 100%; position: absolute; }
              .slider { position: absolute; inset: 0; background: #ccc; }
              .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
              .away { position: absolute; left: -9999px; }
              .box { display: inline-block; padding: 6px; border: 1px solid #333; }
            </style></head><body>
            <label class="switch" title="Dark mode"><input id="dark" type="checkbox" aria-label="Dark mode"><span class="slider"></span></label>
            <input id="news" class="sr-only" type="checkbox"><label class="box" for="news">Newsletter</label>
            <label class="box"><input id="plan" class="away" type="radio" name="p"> Yearly plan</label>
            </body></html>
            """);
        await using var session = await fixture.NewSessionAsync();
        await session.NavigateAsync(fixture.Server.Url("/state/custom-toggles"));
        await using var dispatcher = new ActionDispatcher(session, _builder);
        var snapshot = await dispatcher.GetContextAsync(PageStateOptions.Default);

        foreach (var (name, id) in new[] { ("Dark mode", "dark"), ("Newsletter", "news"), ("Yearly plan", "plan") })
        {
            var toggle = Single(snapshot, e => e.Name == name);
            Assert.True(toggle.Role is "checkbox" or "radio", $"{name}: {toggle.Role}");
            Assert.False(toggle.Checked);
            var clicked = await dispatcher.ExecuteAsync("click", System.Text.Json.JsonSerializer.SerializeToElement(new { index = toggle.Index }));
            Assert.True(clicked.Success, $"{name}: {clicked.ErrorCode} {clicked.Error}");
            Assert.True((await session.ActivePage.EvaluateAsync($"document.getElementById('{id}').checked")).GetBoolean(), name);
        }

        var after = await _builder.CaptureAsync(session, PageStateOptions.Default);
        Assert.All(after.Elements.Where(e => e.Role is "checkbox" or "radio"), e => Assert.True(e.Checked));
        Assert.Equal(3, after.Elements.Count(e => e.Role is "checkbox" or "radio"));
    }
}
