using System.Text.Json;
using Navigator.Browser;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

/// <summary>
/// <c>navigate</c> to a page that sends itself elsewhere while loading ends on the page it
/// landed on, instead of waiting for a load event the replaced document never fires.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Step", "2")]
public sealed class SelfNavigationTests(SharedBrowserFixture fixture)
{
    private const string Landing = """<html><head><title>Landed</title></head><body><p>Landing page</p></body></html>""";

    [Theory]
    [InlineData("replace", """<html><head><script>location.replace('/self/landing-replace')</script></head><body><img src="/self/slow.png"></body></html>""")]
    [InlineData("assign", """<html><head><title>Going</title></head><body><p>Going</p><script>location.href = '/self/landing-assign'</script><img src="/self/slow.png"></body></html>""")]
    [InlineData("meta", """<html><head><meta http-equiv="refresh" content="0;url=/self/landing-meta"></head><body>Refreshing</body></html>""")]
    [InlineData("timer", """<html><head><script>setTimeout(() => location.replace('/self/landing-timer'), 10)</script></head><body><img src="/self/slow.png"></body></html>""")]
    public async Task Navigate_ToAPageThatRedirectsItselfWhileLoading_Returns(string kind, string html)
    {
        fixture.Server.MapHtml($"/self/start-{kind}", html);
        fixture.Server.MapHtml($"/self/landing-{kind}", Landing);

        // An image that answers slowly keeps the first document's load event from firing before it is replaced.
        fixture.Server.Map("/self/slow.png", async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2), context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            context.Response.StatusCode = 404;
        });

        // A bound well under the default 30 s, so a hang fails as a timeout instead of passing late.
        await using var session = await fixture.NewSessionAsync(new BrowserSessionOptions { NavigationTimeout = TimeSpan.FromSeconds(15) });
        await using var dispatcher = new ActionDispatcher(session, new Navigator.Actions.State.PageStateBuilder());

        var result = await dispatcher.ExecuteAsync("navigate", JsonSerializer.SerializeToElement(new { url = fixture.Server.Url($"/self/start-{kind}") }));

        Assert.True(result.Success, $"{result.ErrorCode}: {result.Error}");
        await Eventually.TrueAsync(() => session.ActivePage.Url.EndsWith($"/self/landing-{kind}", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the tab lands on the redirect target");
        var snapshot = await dispatcher.GetContextAsync(new Navigator.Actions.State.PageStateOptions());
        Assert.Contains("Landing page", snapshot.Text, StringComparison.Ordinal);
    }
}
