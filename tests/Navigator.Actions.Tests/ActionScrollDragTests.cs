using Navigator.Testing;

namespace Navigator.Actions.Tests;

[Collection(DispatcherCollection.Name)]
[Trait("Step", "2")]
public sealed class ActionScrollDragTests(SharedBrowserFixture fixture)
{
    private const string LongPage = """
        <html><body style="margin:0;width:3000px">
        <div style="height:5000px;background:linear-gradient(white,gray)">long</div>
        <div id="box" style="height:200px;width:300px;overflow:auto"><div style="height:2000px">inner</div></div>
        <p id="end">The end</p>
        <script>window.scrolls = 0; addEventListener('scroll', () => scrolls++);</script>
        </body></html>
        """;

    [Fact]
    public async Task Scroll_DownUpRightLeft_MovesThePageByTheAmount()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/scroll/long", LongPage);

        var down = await t.RunAsync("scroll", new { direction = "down", amount = 600 });
        Assert.True(down.Success, down.Error);
        Assert.Equal(600, await t.EvalIntAsync("Math.round(scrollY)"));
        Assert.Equal(600, down.Data!.Value.GetProperty("scroll_y").GetDouble());
        Assert.Equal("page", down.Data.Value.GetProperty("container").GetString());

        Assert.True((await t.RunAsync("scroll", new { direction = "up", amount = 200 })).Success);
        Assert.Equal(400, await t.EvalIntAsync("Math.round(scrollY)"));

        Assert.True((await t.RunAsync("scroll", new { direction = "right" })).Success);
        Assert.Equal(1024, await t.EvalIntAsync("Math.round(scrollX)"));  // 80% of the 1280 px viewport
        Assert.True((await t.RunAsync("scroll", new { direction = "left", amount = 24 })).Success);
        Assert.Equal(1000, await t.EvalIntAsync("Math.round(scrollX)"));
        Assert.True(await t.EvalIntAsync("scrolls") >= 1);
    }

    [Fact]
    public async Task Scroll_AtTheTop_ReportsNothingMoved()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/scroll/top", LongPage);

        var up = await t.RunAsync("scroll", new { direction = "up" });

        Assert.True(up.Success, up.Error);
        Assert.False(up.Data!.Value.GetProperty("moved").GetBoolean());
        Assert.True(up.Data.Value.GetProperty("at_end").GetBoolean());
    }

    [Fact]
    public async Task Scroll_ToElement_AndInsideItsContainer()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/scroll/element", LongPage);
        await t.IndexAsync("document.getElementById('end')", "document.getElementById('box')");

        Assert.True((await t.RunAsync("scroll", new { index = 0 })).Success);
        var endTop = await t.EvalAsync("document.getElementById('end').getBoundingClientRect().top");
        Assert.InRange(endTop.GetDouble(), 0, 720);

        var inner = await t.RunAsync("scroll", new { index = 1, direction = "down", amount = 150 });
        Assert.True(inner.Success, inner.Error);
        Assert.Equal(150, await t.EvalIntAsync("document.getElementById('box').scrollTop"));
        Assert.Equal("div#box", inner.Data!.Value.GetProperty("container").GetString());
    }

    [Fact]
    public async Task Scroll_WithoutDirectionOrIndex_IsMissingParameter()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/scroll/bad", LongPage);

        var result = await t.RunAsync("scroll", new { amount = 100 });

        Assert.Equal(ActionErrorCodes.MissingParameter, result.ErrorCode);
    }

    [Fact]
    public async Task Drag_MouseMode_MovesThroughIntermediatePoints()
    {
        const string page = """
            <html><body style="margin:0">
            <div id="handle" style="position:absolute;left:50px;top:50px;width:50px;height:50px;background:blue"></div>
            <div id="target" style="position:absolute;left:400px;top:300px;width:100px;height:100px;background:green"></div>
            <script>
              window.moves = 0; window.dropAt = null; let dragging = false;
              const h = document.getElementById('handle');
              h.addEventListener('pointerdown', () => { dragging = true; });
              document.addEventListener('pointermove', e => { if (dragging) { moves++; h.style.left = (e.clientX - 25) + 'px'; h.style.top = (e.clientY - 25) + 'px'; } });
              document.addEventListener('pointerup', e => { if (dragging) { dragging = false; dropAt = document.elementsFromPoint(e.clientX, e.clientY).map(x => x.id).filter(Boolean); } });
            </script></body></html>
            """;
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/drag/mouse", page);
        await t.IndexAsync("document.getElementById('handle')", "document.getElementById('target')");

        var result = await t.RunAsync("drag", new { from_index = 0, to_index = 1, steps = 8 });

        Assert.True(result.Success, result.Error);
        Assert.Equal("mouse", result.Data!.Value.GetProperty("mode").GetString());
        Assert.True(await t.EvalIntAsync("moves") >= 8, "intermediate moves were not delivered");
        Assert.Contains("target", (await t.EvalAsync("dropAt")).EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new ActionPoint(450, 350), result.ClickPoint);
    }

    [Fact]
    public async Task Drag_Html5_FiresDragStartOverAndDrop()
    {
        const string page = """
            <html><body style="margin:0">
            <div id="card" draggable="true" style="position:absolute;left:50px;top:50px;width:80px;height:40px;background:orange">Card</div>
            <div id="column" style="position:absolute;left:400px;top:50px;width:200px;height:300px;background:#eee"></div>
            <script>
              window.events = []; window.dropped = null;
              const card = document.getElementById('card'), column = document.getElementById('column');
              card.addEventListener('dragstart', e => { events.push('dragstart'); e.dataTransfer.setData('text/plain', 'card-1'); });
              column.addEventListener('dragenter', e => { events.push('dragenter'); e.preventDefault(); });
              column.addEventListener('dragover', e => { events.push('dragover'); e.preventDefault(); });
              column.addEventListener('drop', e => { e.preventDefault(); events.push('drop'); dropped = e.dataTransfer.getData('text/plain'); column.appendChild(card); card.style.position = 'static'; });
            </script></body></html>
            """;
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/drag/html5", page);
        await t.IndexAsync("document.getElementById('card')", "document.getElementById('column')");

        var result = await t.RunAsync("drag", new { from_index = 0, to_index = 1 });

        Assert.True(result.Success, result.Error);
        Assert.Equal("html5", result.Data!.Value.GetProperty("mode").GetString());
        Assert.Equal("card-1", await t.EvalStringAsync("dropped"));
        Assert.Equal("column", await t.EvalStringAsync("document.getElementById('card').parentElement.id"));
        var events = (await t.EvalAsync("events")).EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal("dragstart", events[0]);
        Assert.Contains("dragover", events);
    }

    [Fact]
    public async Task Drag_ByPoints_Works()
    {
        const string page = """
            <html><body style="margin:0"><input id="slider" type="range" min="0" max="100" value="0" style="position:absolute;left:100px;top:100px;width:400px;margin:0"></body></html>
            """;
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/drag/points", page);
        var y = await t.EvalAsync("(() => { const r = document.getElementById('slider').getBoundingClientRect(); return r.top + r.height / 2; })()");

        var result = await t.RunAsync("drag", new { from_x = 102, from_y = y.GetDouble(), to_x = 500, to_y = y.GetDouble(), steps = 5 });

        Assert.True(result.Success, result.Error);
        Assert.True(await t.EvalIntAsync("+document.getElementById('slider').value") >= 90);
    }
}
