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
    public async Task Click_ScrollsEveryScrollingBoxAroundTheElement_NotOnlyThePage()
    {
        // The button lies inside the viewport's rectangle but below what two nested scrolling
        // boxes show (and the second one sits off to the right of the first): before, the click
        // landed on whatever was at that point ("html covers it").
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/ptr/nested-scroll", """
            <html><head><title>Nested</title></head><body style="margin:0">
            <div id="outer" style="height:200px;width:300px;overflow:auto;border:1px solid">
              <div style="height:250px">Top of the outer box</div>
              <div id="inner" style="height:120px;width:250px;overflow:auto;border:1px solid">
                <div style="height:300px;width:600px">Top of the inner box</div>
                <button id="deep" style="margin-left:400px" onclick="document.title = 'clicked'">Deep</button>
              </div>
            </div>
            </body></html>
            """);
        await t.IndexAsync("document.getElementById('deep')");

        var result = await t.RunAsync("click", new { index = 0 });

        Assert.True(result.Success, $"{result.ErrorCode}: {result.Error}");
        Assert.Equal("clicked", result.Title);
        Assert.True(await t.EvalIntAsync("document.getElementById('outer').scrollTop") > 0);
        Assert.True(await t.EvalIntAsync("document.getElementById('inner').scrollTop") > 0);
        Assert.True(await t.EvalIntAsync("document.getElementById('inner').scrollLeft") > 0);
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
