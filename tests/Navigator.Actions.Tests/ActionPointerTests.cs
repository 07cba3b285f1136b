using System.Text.Json;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

[Collection(DispatcherCollection.Name)]
[Trait("Step", "2")]
public sealed class ActionPointerTests(SharedBrowserFixture fixture)
{
    private const string ButtonsPage = """
        <html><head><title>Buttons</title></head><body style="margin:0">
        <button id="b" style="position:absolute;left:100px;top:100px;width:120px;height:40px">Go</button>
        <button id="dis" disabled style="position:absolute;left:300px;top:100px">Disabled</button>
        <button id="hid" style="display:none">Hidden</button>
        <div id="hover" style="position:absolute;left:100px;top:300px;width:100px;height:100px;background:#ccc">hover me</div>
        <script>
          window.clicks = []; window.hovered = 0; window.dbl = 0;
          document.getElementById('b').addEventListener('click', e => clicks.push({x: e.clientX, y: e.clientY, trusted: e.isTrusted, button: e.button}));
          document.getElementById('b').addEventListener('dblclick', () => dbl++);
          document.getElementById('b').addEventListener('contextmenu', e => { e.preventDefault(); clicks.push({button: e.button, trusted: e.isTrusted}); });
          document.getElementById('hover').addEventListener('mouseenter', () => hovered++);
        </script></body></html>
        """;

    [Fact]
    public async Task Click_ByIndex_DispatchesTrustedClickAtElementCentre()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/ptr/buttons", ButtonsPage);
        await t.IndexAsync("document.getElementById('b')");

        var result = await t.RunAsync("click", new { index = 0 });

        Assert.True(result.Success, result.Error);
        var clicks = await t.EvalAsync("clicks");
        Assert.Equal(1, clicks.GetArrayLength());
        Assert.True(clicks[0].GetProperty("trusted").GetBoolean());
        Assert.Equal(160, clicks[0].GetProperty("x").GetDouble(), 1.0);
        Assert.Equal(120, clicks[0].GetProperty("y").GetDouble(), 1.0);
        Assert.Equal(new ActionPoint(160, 120), result.ClickPoint);
        Assert.Equal("Buttons", result.Title);
        Assert.Equal(t.Page.Url, result.Url);
        Assert.False(result.Navigated);
    }

    [Fact]
    public async Task Click_ByCoordinates_HitsWhateverIsThere()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/ptr/coords", ButtonsPage);

        var result = await t.RunAsync("click", new { x = 110, y = 110 });

        Assert.True(result.Success, result.Error);
        Assert.Equal(1, await t.EvalIntAsync("clicks.length"));
        Assert.Equal(new ActionPoint(110, 110), result.ClickPoint);
    }

    [Fact]
    public async Task Click_DoubleAndRight_SendTheRightButtonsAndCounts()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/ptr/double", ButtonsPage);
        await t.IndexAsync("document.getElementById('b')");

        Assert.True((await t.RunAsync("click", new { index = 0, click_count = 2 })).Success);
        Assert.True((await t.RunAsync("click", new { index = 0, button = "right" })).Success);

        Assert.Equal(1, await t.EvalIntAsync("dbl"));
        Assert.Equal(2, await t.EvalIntAsync("clicks.filter(c => c.button === 0).length"));
        Assert.Equal(1, await t.EvalIntAsync("clicks.filter(c => c.button === 2).length"));
    }

    [Fact]
    public async Task Click_DisabledOrHiddenElement_IsNotInteractable()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/ptr/disabled", ButtonsPage);
        await t.IndexAsync("document.getElementById('dis')", "document.getElementById('hid')");

        var disabled = await t.RunAsync("click", new { index = 0 });
        var hidden = await t.RunAsync("click", new { index = 1 });

        Assert.Equal(ActionErrorCodes.ElementNotInteractable, disabled.ErrorCode);
        Assert.Contains("disabled", disabled.Error, StringComparison.Ordinal);
        Assert.Equal(ActionErrorCodes.ElementNotInteractable, hidden.ErrorCode);
        Assert.Contains("not visible", hidden.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hover_MovesThePointerOverTheElement()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/ptr/hover", ButtonsPage);
        await t.IndexAsync("document.getElementById('hover')");

        var result = await t.RunAsync("hover", new { index = 0 });

        Assert.True(result.Success, result.Error);
        Assert.Equal(1, await t.EvalIntAsync("hovered"));
        Assert.Equal(new ActionPoint(150, 350), result.ClickPoint);
    }
}
