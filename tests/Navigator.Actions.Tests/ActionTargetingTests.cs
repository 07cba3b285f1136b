using Navigator.Testing;

namespace Navigator.Actions.Tests;

/// <summary>Finding the right element: overlays, iframes, shadow DOM, off-screen elements, stale indices.</summary>
[Collection(DispatcherCollection.Name)]
[Trait("Step", "2")]
public sealed class ActionTargetingTests(SharedBrowserFixture fixture)
{
    [Fact]
    public async Task Click_CoveredButton_ReportsTheCoveringElementAndDoesNotClick()
    {
        const string page = """
            <html><body>
            <button id="buy" style="position:absolute;left:50px;top:50px;width:200px;height:50px">Buy</button>
            <div id="overlay" class="modal dark" style="position:fixed;inset:0;background:rgba(0,0,0,.4)"></div>
            <script>window.bought = 0; window.overlayClicks = 0;
              document.getElementById('buy').onclick = () => bought++;
              document.getElementById('overlay').onclick = () => overlayClicks++;</script>
            </body></html>
            """;
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/target/overlay", page);
        await t.IndexAsync("document.getElementById('buy')");

        var result = await t.RunAsync("click", new { index = 0 });

        Assert.False(result.Success);
        Assert.Equal(ActionErrorCodes.ElementObscured, result.ErrorCode);
        Assert.Contains("div#overlay.modal.dark", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await t.EvalIntAsync("bought"));
        Assert.Equal(0, await t.EvalIntAsync("overlayClicks"));
    }

    [Fact]
    public async Task Click_PartlyCoveredButton_ClicksItsUncoveredPart()
    {
        const string page = """
            <html><body style="margin:0">
            <button id="wide" style="position:absolute;left:0;top:100px;width:400px;height:60px">Wide</button>
            <div id="banner" style="position:absolute;left:100px;top:80px;width:200px;height:100px;background:red"></div>
            <script>window.hits = 0; document.getElementById('wide').onclick = () => hits++;</script>
            </body></html>
            """;
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/target/partial", page);
        await t.IndexAsync("document.getElementById('wide')");

        var result = await t.RunAsync("click", new { index = 0 });

        Assert.True(result.Success, result.Error);
        Assert.Equal(1, await t.EvalIntAsync("hits"));
        Assert.True(result.ClickPoint!.Value.X is <= 100 or >= 300, $"clicked at {result.ClickPoint}");
    }

    [Fact]
    public async Task Click_LabelledHiddenCheckbox_ClicksItsLabel()
    {
        const string page = """
            <html><body>
            <input id="opt" type="checkbox" style="display:none"><label for="opt" id="lbl" style="padding:10px;border:1px solid">Custom checkbox</label>
            </body></html>
            """;
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/target/label", page);
        await t.IndexAsync("document.getElementById('opt')");

        var result = await t.RunAsync("click", new { index = 0 });

        Assert.True(result.Success, result.Error);
        Assert.True((await t.EvalAsync("document.getElementById('opt').checked")).GetBoolean());
    }

    [Fact]
    public async Task Click_AndType_InsideIframeAndShadowDom()
    {
        fixture.Server.MapHtml("/target/inner", """
            <html><body style="margin:0"><div style="height:40px"></div>
            <button id="inner" onclick="window.innerClicks = (window.innerClicks || 0) + 1">Inner</button>
            <input id="innerField">
            </body></html>
            """);
        const string page = """
            <html><body style="margin:0">
            <div style="height:120px">spacer</div>
            <iframe id="frame" src="/target/inner" style="margin-left:50px;border:5px solid;width:400px;height:200px"></iframe>
            <fancy-widget id="widget"></fancy-widget>
            <script>
              customElements.define('fancy-widget', class extends HTMLElement {
                constructor() {
                  super();
                  const root = this.attachShadow({ mode: 'closed' });
                  root.innerHTML = '<button id="shadowButton">Shadow</button><input id="shadowField">';
                  window.shadowClicks = 0;
                  root.getElementById('shadowButton').addEventListener('click', () => window.shadowClicks++);
                  window.widgetRoot = root;
                }
              });
            </script>
            </body></html>
            """;
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/target/frames", page);
        await t.EvalAsync("new Promise(r => { const f = document.getElementById('frame'); if (f.contentDocument && f.contentDocument.readyState === 'complete' && f.contentDocument.getElementById('inner')) r(); else f.onload = () => r(); })");
        await t.IndexAsync(
            "document.getElementById('frame').contentDocument.getElementById('inner')",
            "document.getElementById('frame').contentDocument.getElementById('innerField')",
            "widgetRoot.getElementById('shadowButton')",
            "widgetRoot.getElementById('shadowField')");

        var frameClick = await t.RunAsync("click", new { index = 0 });
        Assert.True(frameClick.Success, frameClick.Error);
        Assert.True((await t.RunAsync("type", new { index = 1, text = "in a frame" })).Success);
        var shadowClick = await t.RunAsync("click", new { index = 2 });
        Assert.True(shadowClick.Success, shadowClick.Error);
        Assert.True((await t.RunAsync("type", new { index = 3, text = "in a shadow" })).Success);

        Assert.Equal(1, await t.EvalIntAsync("document.getElementById('frame').contentWindow.innerClicks"));
        Assert.Equal("in a frame", await t.EvalStringAsync("document.getElementById('frame').contentDocument.getElementById('innerField').value"));
        Assert.Equal(1, await t.EvalIntAsync("shadowClicks"));
        Assert.Equal("in a shadow", await t.EvalStringAsync("widgetRoot.getElementById('shadowField').value"));

        // The click point is in top-level viewport pixels: frame offset (50 + 5 border) plus the button's place in the frame.
        Assert.True(frameClick.ClickPoint!.Value.X > 55 && frameClick.ClickPoint.Value.Y > 120 + 5 + 40);
    }

    [Fact]
    public async Task Click_ElementBelowTheFold_ScrollsItIntoViewFirst()
    {
        const string page = """
            <html><body><div style="height:3000px">tall</div>
            <button id="far" onclick="window.farClicks = 1">Far away</button>
            <div style="height:1000px"></div></body></html>
            """;
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/target/far", page);
        await t.IndexAsync("document.getElementById('far')");

        var result = await t.RunAsync("click", new { index = 0 });

        Assert.True(result.Success, result.Error);
        Assert.Equal(1, await t.EvalIntAsync("window.farClicks"));
        Assert.True(await t.EvalIntAsync("Math.round(scrollY)") > 2000);
        Assert.True(result.ClickPoint!.Value.Y is > 0 and < 720);
    }

    [Fact]
    public async Task Click_AnimatedElement_WaitsForItToStop()
    {
        const string page = """
            <html><head><style>
              @keyframes slide { from { transform: translateX(0); } to { transform: translateX(300px); } }
              #moving { position:absolute; left:0; top:100px; width:100px; height:40px; animation: slide 200ms linear forwards; }
            </style></head><body>
            <button id="moving" onclick="window.movingClicks = (window.movingClicks || 0) + 1">Moving</button>
            </body></html>
            """;
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/target/animated", page);
        await t.IndexAsync("document.getElementById('moving')");

        var result = await t.RunAsync("click", new { index = 0 });

        Assert.True(result.Success, result.Error);
        Assert.Equal(1, await t.EvalIntAsync("window.movingClicks || 0"));
        Assert.True(result.ClickPoint!.Value.X > 300, $"clicked at {result.ClickPoint}");
    }

    [Fact]
    public async Task StaleIndex_AfterElementRemovedOrPageNavigated_IsReported()
    {
        fixture.Server.MapHtml("/target/elsewhere", "<html><body>elsewhere</body></html>");
        const string page = "<html><body><button id='a'>A</button><button id='b'>B</button></body></html>";
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/target/stale", page);
        await t.IndexAsync("document.getElementById('a')", "document.getElementById('b')");

        await t.EvalAsync("document.getElementById('a').remove()");
        var removed = await t.RunAsync("click", new { index = 0 });
        Assert.Equal(ActionErrorCodes.StaleElement, removed.ErrorCode);

        await t.Page.NavigateAsync(fixture.Server.Url("/target/elsewhere"));
        var navigated = await t.RunAsync("click", new { index = 1 });
        Assert.Equal(ActionErrorCodes.StaleElement, navigated.ErrorCode);
        Assert.Contains("navigated", navigated.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexOutOfRange_IsElementNotFound()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/target/range", "<html><body><button id='a'>A</button></body></html>");
        await t.IndexAsync("document.getElementById('a')");

        var result = await t.RunAsync("click", new { index = 7 });

        Assert.Equal(ActionErrorCodes.ElementNotFound, result.ErrorCode);
        Assert.Contains("0 to 0", result.Error, StringComparison.Ordinal);
    }
}
