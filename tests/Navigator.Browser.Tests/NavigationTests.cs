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
}
