using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Navigator.Testing;
using Navigator.Vision.Models;

namespace Navigator.Vision.Tests;

[Collection(VisionCollection.Name)]
[Trait("Step", "7")]
public sealed partial class ModelAnalyzerTests(SharedBrowserFixture fixture)
{
    private const string ToolbarPage = """
        <html><head><title>Editor</title></head><body style="margin:0">
        <div style="position:absolute;left:20px;top:20px">
          <button id="bold" style="width:40px;height:40px"><svg width="20" height="20"><rect width="20" height="20"/></svg></button>
          <button id="gear" style="width:40px;height:40px"><svg width="20" height="20"><circle cx="10" cy="10" r="9"/></svg></button>
        </div>
        <script>window.clicked = []; document.addEventListener('click', e => clicked.push(e.target.closest('button')?.id));</script>
        </body></html>
        """;

    [Fact]
    public async Task An_icon_only_button_is_found_by_the_model_and_its_index_clicks_it()
    {
        var model = new ScriptedVisionModel(fixture.Server, request =>
        {
            // The "model" picks the second unnamed button of the list it was sent.
            var indices = UnnamedButtonRegex().Matches(ScriptedVisionModel.PromptOf(request)).Select(m => int.Parse(m.Groups[1].Value)).ToList();
            return ScriptedVisionModel.Json(new
            {
                description = "An editor toolbar with two icon buttons.",
                answer = "The settings button is the gear icon.",
                targets = new object[] { new { index = indices[1], confidence = 0.9, reason = "gear icon" }, new { index = 9999, confidence = 0.99 } },
            });
        });
        await using var t = await VisionTestContext.StartAsync(fixture, "/model/toolbar", ToolbarPage, new ScreenAnalysisService(model.Options));

        var analysis = await t.Vision.AnalyzeAsync(t.Dispatcher, "Which button opens the settings?");

        var request = Assert.Single(model.Requests);
        Assert.StartsWith("data:image/jpeg;base64,", ScriptedVisionModel.ImageOf(request), StringComparison.Ordinal);
        Assert.Contains("Which button opens the settings?", ScriptedVisionModel.PromptOf(request), StringComparison.Ordinal);
        Assert.Equal("scripted-vision", (string?)request["model"]);
        Assert.Equal("model", analysis.Analyzer);
        Assert.Equal("The settings button is the gear icon.", analysis.Answer);
        var target = Assert.Single(analysis.Targets); // index 9999 is not on the page and is dropped
        Assert.Equal(0.9, target.Confidence);

        var click = await t.RunAsync("click", new { index = target.Index });

        Assert.True(click.Success, click.Error);
        Assert.Equal("gear", (await t.EvalAsync("clicked[0]")).GetString());
    }

    [Theory]
    [InlineData("Sure! The settings are behind the gear icon at the top.", "no JSON object")]
    [InlineData("{\"description\": \"a toolbar\", \"targets\": []}", "no \"answer\"")]
    [InlineData("{\"answer\": \"gear\", \"targets\": 5}", "\"targets\" is not a list")]
    [InlineData("{\"answer\": \"gear\", ", "no JSON object")]
    public async Task Malformed_model_output_is_a_clear_error(string output, string why)
    {
        var model = new ScriptedVisionModel(fixture.Server, _ => output);
        await using var t = await VisionTestContext.StartAsync(fixture, "/model/bad-" + Guid.NewGuid().ToString("N")[..6], ToolbarPage, new ScreenAnalysisService(model.Options));

        var error = await Assert.ThrowsAsync<VisionException>(() => t.Vision.AnalyzeAsync(t.Dispatcher, "where is the gear?", AnalyzerChoices.Model));

        Assert.Equal(VisionErrorCodes.ModelBadOutput, error.Code);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_endpoint_is_a_model_failure()
    {
        var model = new ScriptedVisionModel(fixture.Server, _ => "{}", StatusCodes.Status400BadRequest);
        await using var t = await VisionTestContext.StartAsync(fixture, "/model/failing", ToolbarPage, new ScreenAnalysisService(model.Options));

        var error = await Assert.ThrowsAsync<VisionException>(() => t.Vision.AnalyzeAsync(t.Dispatcher, "where is the gear?"));

        Assert.Equal(VisionErrorCodes.ModelFailed, error.Code);
    }

    [GeneratedRegex(@"^\[(\d+)\] button """"", RegexOptions.Multiline)]
    private static partial Regex UnnamedButtonRegex();
}
