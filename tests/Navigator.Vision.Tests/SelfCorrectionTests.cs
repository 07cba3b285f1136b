using Navigator.Actions;
using Navigator.Actions.Correction;
using Navigator.Actions.State;
using Navigator.Testing;

namespace Navigator.Vision.Tests;

/// <summary>Self-correction of failed actions (issue 15) on real Chromium: overlays, re-rendered elements, and the three policies.</summary>
[Collection(VisionCollection.Name)]
[Trait("Step", "9")]
public sealed class SelfCorrectionTests(SharedBrowserFixture fixture)
{
    /// <summary>
    /// A cookie banner over the whole page; its buttons remove it. "Buy now" is below the fold, so a full-page
    /// read indexes it (an element covered on screen is not indexed) and scrolling to it meets the banner.
    /// Every click is logged by element id.
    /// </summary>
    internal const string CookiePage = """
        <html><head><title>Shop</title></head><body style="margin:0;font-family:sans-serif">
        <h1>Lamp</h1>
        <button id="buy" style="position:absolute;left:100px;top:1500px;font-size:18px">Buy now</button>
        <div id="cookie-banner" style="position:fixed;inset:0;background:rgba(0,0,0,.4);z-index:10">
          <div style="position:absolute;left:0;right:0;bottom:0;background:#fff;padding:20px">
            We use cookies to improve your experience. <a id="policy" href="#privacy">Privacy policy</a>
            <button id="reject">Reject all</button> <button id="accept">Accept all</button>
          </div>
        </div>
        <script>
          window.clicks = [];
          document.addEventListener('click', e => clicks.push(e.target.id || e.target.localName));
          for (const id of ['reject', 'accept']) {
            document.getElementById(id).addEventListener('click', () => document.getElementById('cookie-banner').remove());
          }
        </script></body></html>
        """;

    /// <summary>A modal with a destructive button, a subscribe button and a close button (×).</summary>
    private const string ModalPage = """
        <html><head><title>News</title></head><body style="margin:0;font-family:sans-serif">
        <button id="buy" style="position:absolute;left:100px;top:1500px;font-size:18px">Buy now</button>
        <div id="promo" role="dialog" aria-modal="true" style="position:fixed;inset:0;z-index:5;background:rgba(0,0,0,.5)">
          <div style="background:#fff;margin:80px auto;width:320px;padding:20px">
            <p>Get our weekly deals!</p>
            <button id="delete">Delete my account</button> <button id="subscribe">Subscribe</button>
            <button id="close" aria-label="Close">×</button>
          </div>
        </div>
        <script>
          window.clicks = [];
          document.addEventListener('click', e => clicks.push(e.target.id || e.target.localName));
          document.getElementById('close').addEventListener('click', () => document.getElementById('promo').remove());
        </script></body></html>
        """;

    /// <summary>Two product cards with look-alike "Add to cart" buttons; rerender() rebuilds them in the other order.</summary>
    internal const string ProductsPage = """
        <html><head><title>Products</title></head><body style="margin:0;font-family:sans-serif">
        <main id="list"></main>
        <script>
          window.added = [];
          const products = [{ id: 'blue', name: 'Blue shirt' }, { id: 'red', name: 'Red shirt' }];
          function render(order) {
            const list = document.getElementById('list');
            list.replaceChildren();
            for (const p of order) {
              const card = document.createElement('section');
              card.innerHTML = '<h2>' + p.name + '</h2><p>Cotton, colour ' + p.id + '</p><button>Add to cart</button>';
              card.querySelector('button').addEventListener('click', () => added.push(p.id));
              list.appendChild(card);
            }
          }
          render(products);
          window.rerender = () => render([...products].reverse());
        </script></body></html>
        """;

    [Fact]
    public async Task Auto_dismisses_a_cookie_banner_then_the_click_reaches_its_target()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/sc/cookie", CookiePage);
        var buy = IndexOf(await t.Dispatcher.GetContextAsync(FullPage), "Buy now");

        var result = await t.RunAsync("click", new { index = buy, self_correct = "auto" });

        Assert.True(result.Success, result.Error);
        var report = Assert.IsType<CorrectionReport>(result.Correction);
        Assert.Equal(ActionErrorCodes.ElementObscured, report.FailedWith);
        Assert.Equal(SelfCorrectionSteps.DismissOverlay, report.Succeeded);
        Assert.Contains("Reject all", report.Tried.Single().Detail, StringComparison.Ordinal);
        Assert.Equal(["reject", "buy"], await ClicksAsync(t));
    }

    [Fact]
    public async Task Auto_closes_a_modal_with_its_close_button_never_a_destructive_one()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/sc/modal", ModalPage);
        var buy = IndexOf(await t.Dispatcher.GetContextAsync(FullPage), "Buy now");

        var result = await t.RunAsync("click", new { index = buy, self_correct = "auto" });

        Assert.True(result.Success, result.Error);
        Assert.Equal(SelfCorrectionSteps.DismissOverlay, result.Correction!.Succeeded);
        Assert.Equal(["close", "buy"], await ClicksAsync(t));
    }

    [Fact]
    public async Task Suggest_names_the_dismiss_button_by_index_and_does_not_click()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/sc/suggest-cookie", CookiePage);
        var buy = IndexOf(await t.Dispatcher.GetContextAsync(FullPage), "Buy now");

        var result = await t.RunAsync("click", new { index = buy, self_correct = "suggest" });

        Assert.False(result.Success);
        Assert.Equal(ActionErrorCodes.ElementObscured, result.ErrorCode);
        var report = result.Correction!;
        Assert.Null(report.Succeeded);
        Assert.Contains("cookie", report.StateSummary, StringComparison.Ordinal);
        var dismiss = report.Suggestions[0];
        Assert.Equal("click", dismiss.ActionType);
        Assert.Equal("Reject all", dismiss.Name);
        Assert.Empty(await ClicksAsync(t));
        Assert.True((await t.EvalAsync("!!document.getElementById('cookie-banner')")).GetBoolean());

        // The suggested index belongs to the state self-correction read: following it works at once.
        Assert.True((await t.RunAsync("click", new { index = dismiss.Index!.Value, self_correct = "off" })).Success);
        Assert.True((await t.RunAsync("click", new { index = IndexOf(await t.Dispatcher.GetContextAsync(FullPage), "Buy now"), self_correct = "off" })).Success);
        Assert.Equal(["reject", "buy"], await ClicksAsync(t));
    }

    [Fact]
    public async Task Auto_retries_a_rerendered_element_by_identity_not_its_look_alike()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/sc/rerender", ProductsPage);
        var state = await t.Dispatcher.GetContextAsync(PageStateOptions.Default);
        var blue = state.Elements.Where(e => e.Name == "Add to cart").Min(e => e.Index);

        await t.EvalAsync("rerender()");
        var result = await t.RunAsync("click", new { index = blue, self_correct = "auto" });

        Assert.True(result.Success, result.Error);
        var report = result.Correction!;
        Assert.Equal(ActionErrorCodes.StaleElement, report.FailedWith);
        Assert.Equal(SelfCorrectionSteps.Identity, report.Succeeded);
        Assert.Contains("Blue shirt", report.Tried.Single().Detail, StringComparison.Ordinal);
        Assert.Equal(["blue"], await AddedAsync(t));
    }

    [Fact]
    public async Task Suggest_lists_the_same_element_first_and_acts_on_nothing()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/sc/suggest-rerender", ProductsPage);
        var state = await t.Dispatcher.GetContextAsync(PageStateOptions.Default);
        var blue = state.Elements.Where(e => e.Name == "Add to cart").Min(e => e.Index);

        await t.EvalAsync("rerender()");
        var result = await t.RunAsync("click", new { index = blue, self_correct = "suggest" });

        Assert.False(result.Success);
        Assert.Equal(ActionErrorCodes.StaleElement, result.ErrorCode);
        var suggestions = result.Correction!.Suggestions;
        Assert.Equal(2, suggestions.Count);
        Assert.True(suggestions[0].Confidence > suggestions[1].Confidence);
        Assert.Contains("Blue shirt", suggestions[0].Reason, StringComparison.Ordinal);
        Assert.Empty(await AddedAsync(t));

        Assert.True((await t.RunAsync("click", new { index = suggestions[0].Index!.Value })).Success);
        Assert.Equal(["blue"], await AddedAsync(t));
    }

    [Fact]
    public async Task Off_reports_the_failure_as_before_without_reading_or_acting()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/sc/off", ProductsPage);
        var state = await t.Dispatcher.GetContextAsync(PageStateOptions.Default);
        var blue = state.Elements.Where(e => e.Name == "Add to cart").Min(e => e.Index);

        await t.EvalAsync("rerender()");
        var result = await t.RunAsync("click", new { index = blue, self_correct = "off" });
        var covered = await VisionTestContext.StartAsync(fixture, "/sc/off-cookie", CookiePage);
        await using var _ = covered;
        var buy = IndexOf(await covered.Dispatcher.GetContextAsync(FullPage), "Buy now");
        var obscured = await covered.RunAsync("click", new { index = buy, self_correct = "off" });

        Assert.Equal(ActionErrorCodes.StaleElement, result.ErrorCode);
        Assert.StartsWith($"Element [{blue}] button \"Add to cart\" is no longer in the page", result.Error, StringComparison.Ordinal);
        Assert.Null(result.Correction);
        Assert.Null(result.Data);
        Assert.Empty(await AddedAsync(t));
        Assert.Equal(ActionErrorCodes.ElementObscured, obscured.ErrorCode);
        Assert.Null(obscured.Correction);
        Assert.Empty(await ClicksAsync(covered));
    }

    [Fact]
    public async Task A_bad_policy_name_is_an_invalid_parameter()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/sc/bad", ProductsPage);

        var result = await t.RunAsync("click", new { index = 0, self_correct = "always" });

        Assert.Equal(ActionErrorCodes.InvalidParameter, result.ErrorCode);
        Assert.Contains("off, suggest, auto", result.Error, StringComparison.Ordinal);
    }

    private static readonly PageStateOptions FullPage = PageStateOptions.Default with { Mode = PageStateMode.FullPage };

    private static int IndexOf(BrowserContextSnapshot state, string name) => state.Elements.Single(e => e.Name == name).Index;

    private static async Task<string[]> ClicksAsync(VisionTestContext t) =>
        [.. (await t.EvalAsync("clicks")).EnumerateArray().Select(c => c.GetString()!)];

    private static async Task<string[]> AddedAsync(VisionTestContext t) =>
        [.. (await t.EvalAsync("added")).EnumerateArray().Select(c => c.GetString()!)];
}
