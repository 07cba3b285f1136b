using System.Text.Json;
using Navigator.Actions.State;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

/// <summary>The dispatcher with the real <see cref="PageStateBuilder"/>: indices an agent read from the page state.</summary>
[Collection(DispatcherCollection.Name)]
[Trait("Step", "2")]
public sealed class DispatcherStateTests(SharedBrowserFixture fixture)
{
    private const string Page = """
        <html><head><title>Shop</title></head><body>
        <input id="q" placeholder="Search products">
        <button id="buy" onclick="window.bought = (window.bought || 0) + 1">Buy now</button>
        <button id="swap" onclick="location.href = '/state/other'">Leave</button>
        </body></html>
        """;

    private async Task<(Navigator.Browser.BrowserSession Session, ActionDispatcher Dispatcher)> OpenAsync(string path)
    {
        fixture.Server.MapHtml(path, Page);
        fixture.Server.MapHtml("/state/other", "<html><head><title>Other</title></head><body><button>Other</button></body></html>");
        var session = await fixture.NewSessionAsync();
        await session.NavigateAsync(fixture.Server.Url(path));
        return (session, new ActionDispatcher(session, new PageStateBuilder()));
    }

    private static int IndexOf(BrowserContextSnapshot snapshot, string name) =>
        snapshot.Elements.First(e => e.Name.Contains(name, StringComparison.Ordinal)).Index;

    [Fact]
    public async Task IndicesFromGetContext_DriveClickAndType()
    {
        var (session, dispatcher) = await OpenAsync("/state/shop");
        await using var _ = session;
        await using var __ = dispatcher;

        var snapshot = await dispatcher.GetContextAsync(PageStateOptions.Default);
        var click = await dispatcher.ExecuteAsync("click", JsonSerializer.SerializeToElement(new { index = IndexOf(snapshot, "Buy now") }));
        var type = await dispatcher.ExecuteAsync("type", JsonSerializer.SerializeToElement(new { index = IndexOf(snapshot, "Search products"), text = "lamp" }));

        Assert.True(click.Success, click.Error);
        Assert.True(type.Success, type.Error);
        Assert.Equal(1, (await session.ActivePage.EvaluateAsync("window.bought")).GetInt32());
        Assert.Equal("lamp", (await session.ActivePage.EvaluateAsync("document.getElementById('q').value")).GetString());
    }

    [Fact]
    public async Task IndexWithoutPriorCapture_CapturesFirst()
    {
        var (session, dispatcher) = await OpenAsync("/state/auto");
        await using var _ = session;
        await using var __ = dispatcher;
        var expected = await new PageStateBuilder().CaptureAsync(session, PageStateOptions.Default);

        var click = await dispatcher.ExecuteAsync("click", JsonSerializer.SerializeToElement(new { index = IndexOf(expected, "Buy now") }));

        Assert.True(click.Success, click.Error);
        Assert.Equal(1, (await session.ActivePage.EvaluateAsync("window.bought")).GetInt32());
    }

    [Fact]
    public async Task IndexAfterTheActionNavigated_IsStale()
    {
        var (session, dispatcher) = await OpenAsync("/state/stale");
        await using var _ = session;
        await using var __ = dispatcher;
        var snapshot = await dispatcher.GetContextAsync(PageStateOptions.Default);

        var leave = await dispatcher.ExecuteAsync("click", JsonSerializer.SerializeToElement(new { index = IndexOf(snapshot, "Leave") }));
        var again = await dispatcher.ExecuteAsync("click", JsonSerializer.SerializeToElement(new { index = IndexOf(snapshot, "Buy now") }));

        Assert.True(leave.Success, leave.Error);
        Assert.True(leave.Navigated);
        Assert.Equal("Other", leave.Title);
        Assert.Equal(ActionErrorCodes.StaleElement, again.ErrorCode);
    }

    [Fact]
    public async Task BadInput_ComesBackAsAFailedResult()
    {
        var (session, dispatcher) = await OpenAsync("/state/bad");
        await using var _ = session;
        await using var __ = dispatcher;

        var unknown = await dispatcher.ExecuteAsync("fly", JsonSerializer.SerializeToElement(new { }));
        var wrongType = await dispatcher.ExecuteAsync("click", JsonSerializer.SerializeToElement(new { index = "3" }));
        var empty = await dispatcher.ExecuteAsync(string.Empty, default);

        Assert.Equal((false, ActionErrorCodes.UnknownAction), (unknown.Success, unknown.ErrorCode));
        Assert.Equal("fly", unknown.ActionType);
        Assert.Equal(ActionErrorCodes.InvalidParameter, wrongType.ErrorCode);
        Assert.Equal(ActionErrorCodes.MissingParameter, empty.ErrorCode);
    }
}
