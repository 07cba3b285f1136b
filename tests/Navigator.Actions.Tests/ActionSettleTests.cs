using Microsoft.AspNetCore.Http;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

/// <summary>After an action the dispatcher waits for what the action started, and only that.</summary>
[Collection(DispatcherCollection.Name)]
[Trait("Step", "2")]
public sealed class ActionSettleTests(SharedBrowserFixture fixture)
{
    private const string AppPage = """
        <html><head><title>App home</title></head><body>
        <nav><a id="about" href="/settle/about" onclick="event.preventDefault(); go('/settle/about')">About</a></nav>
        <main id="view">home view</main>
        <button id="load">Load data</button>
        <button id="noop">Nothing</button>
        <a id="real" href="/settle/next">Next page</a>
        <a id="popup" href="/settle/popup" target="_blank">Open popup</a>
        <script>
          function go(path) {
            history.pushState({}, '', path);
            document.getElementById('view').textContent = 'about view';
            document.title = 'App about';
          }
          document.getElementById('load').onclick = async () => {
            const response = await fetch('/settle/api');
            document.getElementById('view').textContent = await response.text();
          };
        </script></body></html>
        """;

    private async Task<DispatcherTestContext> OpenAsync(string path)
    {
        fixture.Server.Map("/settle/api", async context =>
        {
            await Task.Delay(300, context.RequestAborted);
            await context.Response.WriteAsync("loaded from the server", context.RequestAborted);
        });
        fixture.Server.MapHtml("/settle/next", "<html><head><title>Next</title></head><body>next page</body></html>");
        fixture.Server.MapHtml("/settle/popup", "<html><head><title>Popup</title></head><body>popup page</body></html>");
        var t = await DispatcherTestContext.StartAsync(fixture, path, AppPage);
        await t.IndexAsync(
            "document.getElementById('about')", "document.getElementById('load')", "document.getElementById('noop')",
            "document.getElementById('real')", "document.getElementById('popup')");
        return t;
    }

    [Fact]
    public async Task Click_SpaRouteChange_ReportsNewUrlTitleAndChange()
    {
        await using var t = await OpenAsync("/settle/spa");

        var result = await t.RunAsync("click", new { index = 0 });

        Assert.True(result.Success, result.Error);
        Assert.True(result.PageChanged);
        Assert.False(result.Navigated);
        Assert.EndsWith("/settle/about", result.Url, StringComparison.Ordinal);
        Assert.Equal("App about", result.Title);
        Assert.Equal("about view", await t.EvalStringAsync("document.getElementById('view').textContent"));
    }

    [Fact]
    public async Task Click_ThatFetches_WaitsForTheResponseToBeRendered()
    {
        await using var t = await OpenAsync("/settle/fetch");

        var result = await t.RunAsync("click", new { index = 1 });

        Assert.True(result.Success, result.Error);
        Assert.True(result.PageChanged);

        // Read right after the action returned: the response had to be in the page already.
        Assert.Equal("loaded from the server", await t.EvalStringAsync("document.getElementById('view').textContent"));
        Assert.True(result.DurationMs >= 250, $"returned after {result.DurationMs} ms, before the 300 ms response");
    }

    [Fact]
    public async Task Click_ThatDoesNothing_ReturnsAtOnceWithNoChange()
    {
        await using var t = await OpenAsync("/settle/noop");

        var result = await t.RunAsync("click", new { index = 2 });

        Assert.True(result.Success, result.Error);
        Assert.False(result.PageChanged);
        Assert.False(result.Navigated);

        // No settle wait: far below any bound (network 3 s, navigation 10 s) or a fixed sleep.
        Assert.True(result.DurationMs < 250, $"took {result.DurationMs} ms");
    }

    [Fact]
    public async Task Click_Link_WaitsForTheNextPageToLoad()
    {
        await using var t = await OpenAsync("/settle/link");

        var result = await t.RunAsync("click", new { index = 3 });

        Assert.True(result.Success, result.Error);
        Assert.True(result.Navigated);
        Assert.Equal("Next", result.Title);
        Assert.Equal(fixture.Server.Url("/settle/next"), result.Url);
        Assert.Equal("complete", await t.EvalStringAsync("document.readyState"));
    }

    [Fact]
    public async Task Click_PopupLink_SwitchesToTheLoadedPopup()
    {
        await using var t = await OpenAsync("/settle/opener");
        var opener = t.Page;

        var result = await t.RunAsync("click", new { index = 4 });

        Assert.True(result.Success, result.Error);
        Assert.True(result.PageChanged);
        Assert.Equal(fixture.Server.Url("/settle/popup"), result.Url);
        Assert.Equal("Popup", result.Title);
        Assert.Equal(2, t.Session.Pages.Count);
        Assert.NotEqual(opener, t.Session.ActivePage);
        Assert.Equal(t.Session.ActivePage.TargetId, result.Data!.Value.GetProperty("tab_opened").GetProperty("target_id").GetString());
        Assert.Equal("popup page", await t.EvalStringAsync("document.body.textContent"));
    }

    [Fact]
    public async Task Click_ByIndexAfterTheActionChangedTheDom_ReportsChangeFromMutations()
    {
        const string page = """
            <html><body><button id="add" onclick="document.body.insertAdjacentHTML('beforeend', '<p>added</p>')">Add</button></body></html>
            """;
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/settle/mutate", page);
        await t.IndexAsync("document.getElementById('add')");

        var result = await t.RunAsync("click", new { index = 0 });

        Assert.True(result.Success, result.Error);
        Assert.True(result.PageChanged);
        Assert.False(result.Navigated);
        Assert.Equal(1, await t.EvalIntAsync("document.querySelectorAll('p').length"));
    }
}
