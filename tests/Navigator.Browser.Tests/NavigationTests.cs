using Navigator.Testing;

namespace Navigator.Browser.Tests;

[Collection(BrowserCollection.Name)]
[Trait("Step", "1")]
public sealed class NavigationTests(SharedBrowserFixture fixture)
{
    [Fact]
    public async Task Navigate_ReportsUrlAndTitleOfLocalPage()
    {
        fixture.Server.MapHtml("/nav/hello", "<html><head><title>Hello Navigator</title></head><body><h1>hi</h1></body></html>");
        await using var session = await fixture.NewSessionAsync();

        var url = fixture.Server.Url("/nav/hello");
        await session.NavigateAsync(url);

        Assert.Equal(url, session.Url);
        Assert.Equal("Hello Navigator", await session.GetTitleAsync());
        Assert.Equal(PageLoadState.Complete, session.ActivePage.LoadState);
        Assert.Equal("complete", await session.ActivePage.GetReadyStateAsync());
    }

    // Every room on a browser shares its browser process; a page pushing history entries in a
    // loop saturated it and slowed other rooms' commands to seconds until Chromium's own flooding
    // protection was left on. The protection caps same-document navigations per page.
    [Fact]
    public async Task PushStateFlood_IsCappedByTheBrowser()
    {
        fixture.Server.MapHtml("/nav/flood-cap", "<!doctype html><title>flood</title><p>flood</p>");
        await using var session = await fixture.NewSessionAsync();
        await session.NavigateAsync(fixture.Server.Url("/nav/flood-cap"));

        var url = await session.ActivePage.EvaluateAsync("for (let i = 0; i < 1000; i++) { history.pushState({}, '', '/nav/flood-cap?n=' + i); } location.search");

        Assert.NotEqual("?n=999", url.GetString());
    }
}
