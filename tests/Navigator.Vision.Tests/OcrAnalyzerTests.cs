using Navigator.Browser;
using Navigator.Testing;
using Navigator.Vision.Analysis;

namespace Navigator.Vision.Tests;

[Collection(VisionCollection.Name)]
[Trait("Step", "7")]
public sealed class OcrAnalyzerTests(SharedBrowserFixture fixture)
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public async Task Canvas_text_is_found_by_ocr_at_its_viewport_coordinates(double deviceScaleFactor)
    {
        await using var t = await VisionTestContext.StartAsync(fixture, $"/ocr/canvas-{deviceScaleFactor}", TestPages.Canvas,
            sessionOptions: new BrowserSessionOptions { DeviceScaleFactor = deviceScaleFactor });

        var analysis = await t.Vision.AnalyzeAsync(t.Dispatcher, "Where is \"Apply coupon\"?");

        Assert.Equal("ocr", analysis.Analyzer);
        var target = Assert.Single(analysis.Targets);
        Assert.Equal("text on screen (OCR)", target.Reason);
        Assert.Equal("Apply coupon", target.Text);

        // Drawn at canvas x 220..~390, baseline 100 (glyphs ~y 78..108), canvas at (100, 200).
        var point = target.Point!.Value;
        Assert.InRange(point.X, 320, 490);
        Assert.InRange(point.Y, 278, 308);

        // The canvas listens for clicks, so it is indexed: the text lies on that element.
        var state = await t.Dispatcher.GetContextAsync(Actions.State.PageStateOptions.Default);
        Assert.Equal(state.Elements.Single(e => e.Tag == "canvas").Index, target.Index);
        Assert.Contains("Place order", analysis.Description, StringComparison.Ordinal);
        Assert.Contains("Apply coupon", analysis.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Element_names_are_targets_with_their_index()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/ocr/buttons", """
            <html><body style="margin:0"><button style="position:absolute;left:40px;top:40px;font-size:20px">Pay now</button>
            <button style="position:absolute;left:240px;top:40px;font-size:20px">Cancel</button></body></html>
            """);

        var analysis = await t.Vision.AnalyzeAsync(t.Dispatcher, "where is the pay now button");

        var state = await t.Dispatcher.GetContextAsync(Actions.State.PageStateOptions.Default);
        var pay = state.Elements.Single(e => e.Name == "Pay now");
        Assert.Equal(pay.Index, analysis.Targets[0].Index);
        Assert.Equal("element name", analysis.Targets[0].Reason);
        Assert.DoesNotContain(analysis.Targets, x => x.Text == "Cancel");
    }

    [Fact]
    public async Task Text_that_is_not_on_screen_gets_no_targets()
    {
        await using var t = await VisionTestContext.StartAsync(fixture, "/ocr/absent", TestPages.Canvas);

        var analysis = await t.Vision.AnalyzeAsync(t.Dispatcher, "where is 'Track my parcel'");

        Assert.Empty(analysis.Targets);
        Assert.Contains("not on screen", analysis.Answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Where is \"Pay now\"?", "Pay now")]
    [InlineData("where is the Pay now button?", "Pay now")]
    [InlineData("find Apply coupon", "Apply coupon")]
    [InlineData("What is on the screen?", "")]
    public void The_phrase_of_a_question_is_the_quoted_part_or_what_remains_without_the_question_words(string question, string phrase) =>
        Assert.Equal(phrase, OcrScreenAnalyzer.Phrase(question));
}
