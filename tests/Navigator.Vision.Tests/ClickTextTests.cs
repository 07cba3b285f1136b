using Navigator.Actions;
using Navigator.Testing;

namespace Navigator.Vision.Tests;

[Collection(VisionCollection.Name)]
[Trait("Step", "7")]
public sealed class ClickTextTests(SharedBrowserFixture fixture)
{
    private const string DomPage = """
        <html><head><title>DOM text</title></head><body style="margin:0;font-family:sans-serif">
        <button id="pay" style="position:absolute;left:50px;top:50px;font-size:18px">Pay now</button>
        <button id="paylater" style="position:absolute;left:250px;top:50px;font-size:18px">Pay later with Paypal</button>
        <p id="terms" style="position:absolute;left:50px;top:150px;margin:0;font-size:18px">Read the terms and <b>conditions</b> first</p>
        <div style="height:2000px"></div>
        <p id="far" style="margin:0 0 0 50px;font-size:18px">Far below</p>
        <script>
          window.clicked = [];
          document.addEventListener('click', e => clicked.push({ id: e.target.closest('[id]')?.id ?? null, x: e.clientX, y: e.clientY, trusted: e.isTrusted }));
        </script></body></html>
        """;

    [Fact]
    public async Task Clicks_the_element_named_by_the_text()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/ct/element", DomPage);

        var result = await t.RunAsync("click_text", new { text = "pay now" });

        Assert.True(result.Success, result.Error);
        Assert.Equal("element", result.Data!.Value.GetProperty("source").GetString());
        Assert.Equal("pay", (await t.EvalAsync("clicked[0].id")).GetString());
        Assert.True((await t.EvalAsync("clicked[0].trusted")).GetBoolean());
        Assert.Equal(1, (await t.EvalAsync("clicked.length")).GetInt32());
    }

    [Fact]
    public async Task Exact_text_needs_the_whole_name_with_its_case()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/ct/exact", DomPage);

        var partial = await t.RunAsync("click_text", new { text = "Paypal", exact = true });
        var whole = await t.RunAsync("click_text", new { text = "Pay later with Paypal", exact = true });

        Assert.False(partial.Success);
        Assert.Equal(ActionErrorCodes.ElementNotFound, partial.ErrorCode);
        Assert.True(whole.Success, whole.Error);
        Assert.Equal("paylater", (await t.EvalAsync("clicked[0].id")).GetString());
    }

    [Fact]
    public async Task Clicks_plain_dom_text_split_over_elements_and_scrolls_to_it()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/ct/dom", DomPage);

        var terms = await t.RunAsync("click_text", new { text = "terms and conditions" });
        var far = await t.RunAsync("click_text", new { text = "Far below" });

        Assert.True(terms.Success, terms.Error);
        Assert.Equal("dom_text", terms.Data!.Value.GetProperty("source").GetString());
        Assert.Equal("terms", (await t.EvalAsync("clicked[0].id")).GetString());
        Assert.True(far.Success, far.Error);
        Assert.Equal("far", (await t.EvalAsync("clicked[1].id")).GetString());
        Assert.True((await t.EvalAsync("scrollY")).GetDouble() > 1000);
    }

    [Fact]
    public async Task Canvas_text_is_clicked_where_ocr_reads_it()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/ct/canvas", TestPages.Canvas);

        var result = await t.RunAsync("click_text", new { text = "Place order" });

        Assert.True(result.Success, result.Error);
        var data = result.Data!.Value;
        Assert.Equal("ocr", data.GetProperty("source").GetString());
        Assert.Equal("Place order", data.GetProperty("text").GetString());

        // Drawn at canvas x 20..~175, baseline 50 (glyphs ~y 28..58), canvas at (100, 200).
        var click = await t.EvalAsync("canvasClicks[0]");
        Assert.InRange(click.GetProperty("x").GetDouble(), 120, 275);
        Assert.InRange(click.GetProperty("y").GetDouble(), 228, 258);
    }

    [Fact]
    public async Task Text_nowhere_on_the_page_is_element_not_found()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/ct/absent", TestPages.Canvas);

        var result = await t.RunAsync("click_text", new { text = "Track my parcel" });

        Assert.False(result.Success);
        Assert.Equal(ActionErrorCodes.ElementNotFound, result.ErrorCode);
        Assert.Contains("OCR", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await t.EvalAsync("canvasClicks.length")).GetInt32());
    }

    [Fact]
    public async Task Empty_text_is_a_missing_parameter()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/ct/empty", DomPage);

        var empty = await t.RunAsync("click_text", new { text = "  " });
        var none = await t.RunAsync("click_text", new { exact = true });

        Assert.Equal(ActionErrorCodes.MissingParameter, empty.ErrorCode);
        Assert.Equal(ActionErrorCodes.MissingParameter, none.ErrorCode);
    }
}
