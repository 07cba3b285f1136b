using Navigator.Testing;
using Navigator.Vision.Models;

namespace Navigator.Vision.Tests;

[Collection(VisionCollection.Name)]
[Trait("Step", "7")]
public sealed class VisionConfigurationTests(SharedBrowserFixture fixture)
{
    [Fact]
    public async Task An_unknown_provider_is_reported_and_the_offline_analyzer_keeps_working()
    {
        using var vision = new ScreenAnalysisService(new VisionOptions { Provider = "skynet", Model = "t-800" });
        await using var t = await VisionTestContext.StartAsync(fixture, "/config/unknown", TestPages.Canvas, vision);

        Assert.False(vision.HasModel);
        Assert.Contains("'skynet' is unknown", vision.ModelProblem, StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<VisionException>(() => vision.AnalyzeAsync(t.Dispatcher, "where is 'Place order'", AnalyzerChoices.Model));
        Assert.Equal(VisionErrorCodes.ConfigurationInvalid, error.Code);

        var offline = await vision.AnalyzeAsync(t.Dispatcher, "where is 'Place order'");

        Assert.Equal("ocr", offline.Analyzer);
        Assert.Contains("'skynet' is unknown", offline.Note, StringComparison.Ordinal);
        Assert.Equal("Place order", Assert.Single(offline.Targets).Text);
    }

    [Fact]
    public void A_provider_endpoint_without_a_key_or_a_model_is_a_clear_problem()
    {
        var previous = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY");
        Environment.SetEnvironmentVariable("ANTHROPIC_API_KEY", null);
        try
        {
            Assert.Contains("ANTHROPIC_API_KEY", new VisionOptions { Provider = "anthropic", Model = "claude-sonnet-4-5" }.ModelProblem(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("ANTHROPIC_API_KEY", previous);
        }

        Assert.Contains("Vision:Model is required", new VisionOptions { Provider = "openai", ApiKey = "k" }.ModelProblem(), StringComparison.Ordinal);
        Assert.Contains("absolute http(s) URL", new VisionOptions { Provider = "ollama", Model = "llava", Endpoint = new Uri("ftp://127.0.0.1/v1") }.ModelProblem(), StringComparison.Ordinal);
        Assert.Null(new VisionOptions { Provider = "ollama", Model = "llava", Endpoint = new Uri("http://127.0.0.1:11434/v1") }.ModelProblem());
        Assert.Null(new VisionOptions { Provider = "anthropic", Model = "claude-sonnet-4-5", ApiKey = "k" }.ModelProblem());
        Assert.Null(new VisionOptions().ModelProblem());
    }

    [Fact]
    public void Configured_providers_build_a_model_client()
    {
        using var anthropic = new ScreenAnalysisService(new VisionOptions { Provider = "anthropic", Model = "claude-sonnet-4-5", ApiKey = "k" });
        using var openai = new ScreenAnalysisService(new VisionOptions { Provider = "openai", Model = "gpt-4o-mini", ApiKey = "k" });
        using var none = new ScreenAnalysisService(new VisionOptions());

        Assert.True(anthropic.HasModel);
        Assert.True(openai.HasModel);
        Assert.False(none.HasModel);
        Assert.Null(none.ModelProblem);
    }

    [Fact]
    public void Bad_ocr_settings_are_refused_when_the_service_is_built() =>
        Assert.Throws<ArgumentException>(() => new ScreenAnalysisService(new VisionOptions { Ocr = new Ocr.OcrOptions { MaxEngines = 0 } }));
}
