using Navigator.Actions.Content;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

[Collection(BrowserCollection.Name)]
[Trait("Step", "4")]
public sealed class ContentExtractorTests(SharedBrowserFixture fixture)
{
    private const string Article = """
        <html><head><title>Article</title><style>.gone{display:none}</style></head><body>
        <nav><a href="/home">Home</a></nav>
        <main>
          <h1>Release notes</h1>
          <p>Version <strong>2.0</strong> adds <a href="/docs/sync">sync</a> and <em>faster</em> search.</p>
          <ul><li>First change</li><li>Second change<ul><li>Nested detail</li></ul></li></ul>
          <ol><li>Install</li><li>Run</li></ol>
          <table><tr><th>Name</th><th>Price</th></tr><tr><td>Basic</td><td>5 | 6 EUR</td></tr><tr><td>Pro</td><td>12 EUR</td></tr></table>
          <p class="gone">Hidden text</p>
          <pre>line one
          line two</pre>
        </main>
        </body></html>
        """;

    [Fact]
    public async Task Markdown_HasHeadingsListsLinksTablesAndSkipsHiddenText()
    {
        fixture.Server.MapHtml("/content/article", Article);
        await using var session = await fixture.NewSessionAsync();
        await session.NavigateAsync(fixture.Server.Url("/content/article"));

        var markdown = await new PageContentExtractor().ExtractAsync(session.ActivePage, ContentFormat.Markdown);

        Assert.Contains("# Release notes", markdown, StringComparison.Ordinal);
        Assert.Contains($"Version **2.0** adds [sync]({fixture.Server.Url("/docs/sync")}) and *faster* search.", markdown, StringComparison.Ordinal);
        Assert.Contains("- First change\n- Second change\n  - Nested detail", markdown, StringComparison.Ordinal);
        Assert.Contains("1. Install\n2. Run", markdown, StringComparison.Ordinal);
        Assert.Contains("| Name | Price |\n| --- | --- |\n| Basic | 5 \\| 6 EUR |\n| Pro | 12 EUR |", markdown, StringComparison.Ordinal);
        Assert.Contains("```\nline one", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Hidden text", markdown, StringComparison.Ordinal);
        Assert.Contains("[Home]", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_IsPlainAndMainContentOnlyDropsNavigation()
    {
        fixture.Server.MapHtml("/content/article-text", Article);
        await using var session = await fixture.NewSessionAsync();
        await session.NavigateAsync(fixture.Server.Url("/content/article-text"));
        var extractor = new PageContentExtractor();

        var text = await extractor.ExtractAsync(session.ActivePage, ContentFormat.Text);
        Assert.Contains("Release notes\n", text, StringComparison.Ordinal);
        Assert.Contains("Version 2.0 adds sync and faster search.", text, StringComparison.Ordinal);
        Assert.Contains("Basic | 5 \\| 6 EUR", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
        Assert.DoesNotContain("](", text, StringComparison.Ordinal);
        Assert.StartsWith("Home", text, StringComparison.Ordinal);

        var main = await extractor.ExtractAsync(session.ActivePage, new ContentExtractionOptions { Format = ContentFormat.Text, MainContentOnly = true });
        Assert.StartsWith("Release notes", main, StringComparison.Ordinal);
        Assert.DoesNotContain("Home", main, StringComparison.Ordinal);

        var cut = await extractor.ExtractAsync(session.ActivePage, new ContentExtractionOptions { Format = ContentFormat.Text, MaxLength = 20 });
        Assert.Equal(text[..20] + "\n[content truncated]", cut);
    }

    [Fact]
    public async Task UnknownFormat_IsATypedError()
    {
        await using var session = await fixture.NewSessionAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new PageContentExtractor().ExtractAsync(session.ActivePage, (ContentFormat)42));
    }
}
