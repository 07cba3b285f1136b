using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Navigator.Actions;
using Navigator.Actions.Commands;
using Navigator.Actions.Correction;
using Navigator.Actions.State;
using Navigator.Actions.Vision;
using Navigator.Vision.Analysis;
using Navigator.Vision.Models;
using Navigator.Vision.Ocr;

namespace Navigator.Vision;

/// <summary>Which analyzer answers: <c>auto</c> (the model when one is configured, else OCR), <c>ocr</c> or <c>model</c>.</summary>
public static class AnalyzerChoices
{
    /// <summary>The model when configured and valid, else OCR.</summary>
    public const string Auto = "auto";

    /// <summary>The offline OCR analyzer.</summary>
    public const string Ocr = "ocr";

    /// <summary>The configured vision model.</summary>
    public const string Model = "model";
}

/// <summary>
/// Screen analysis for a session: captures the page state and a screenshot through the session's
/// dispatcher and asks the offline analyzer (OCR) or the configured model. Also provides the OCR
/// text locator click_text uses. A bad model configuration is reported (logged once, and as the
/// error of calls that ask for the model) while the offline analyzer keeps working.
/// </summary>
public sealed partial class ScreenAnalysisService : IDisposable
{
    private readonly VisionOptions _options;
    private readonly TesseractOcr _recognizer;
    private readonly OcrScreenAnalyzer _offline;
    private readonly ModelScreenAnalyzer? _model;

    /// <summary>
    /// Creates the service. <paramref name="chatClient"/> overrides the client built from
    /// <paramref name="options"/> (tests, or hosts that build their own).
    /// </summary>
    public ScreenAnalysisService(VisionOptions options, ILoggerFactory? loggerFactory = null, IChatClient? chatClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _recognizer = new TesseractOcr(options.Ocr);
        _offline = new OcrScreenAnalyzer(_recognizer);
        TextLocator = new ScreenTextLocator(_recognizer);
        TargetFinder = new ScreenTargetFinder(() => Choose(null).Analyzer);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ScreenAnalysisService>();
        if (chatClient is not null)
        {
            _model = new ModelScreenAnalyzer(chatClient, options);
        }
        else if (options.ModelConfigured)
        {
            try
            {
                _model = new ModelScreenAnalyzer(ChatClientFactory.Create(options), options);
            }
            catch (VisionException ex)
            {
                ModelProblem = ex.Message;
                LogModelUnavailable(logger, ex.Message);
            }
        }

        if (_recognizer.Unavailable is { } missing)
        {
            LogOcrUnavailable(logger, missing);
        }
    }

    /// <summary>click_text's OCR step.</summary>
    public IScreenTextLocator TextLocator { get; }

    /// <summary>Self-correction's analyzer step (the model when configured, else OCR).</summary>
    public IScreenTargetFinder TargetFinder { get; }

    /// <summary>Why the configured model cannot be used, or null.</summary>
    public string? ModelProblem { get; }

    /// <summary>True when a model answers <c>auto</c> and <c>model</c> requests.</summary>
    public bool HasModel => _model is not null;

    /// <summary>
    /// Answers <paramref name="question"/> about the dispatcher's active tab. The page state it
    /// captures becomes the dispatcher's current one, so target indices work with click by index.
    /// Throws <see cref="VisionException"/> or <see cref="ActionException"/>.
    /// </summary>
    public async Task<ScreenAnalysis> AnalyzeAsync(ActionDispatcher dispatcher, string question, string? analyzer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        var (chosen, note) = Choose(analyzer);
        var useModel = chosen is ModelScreenAnalyzer;
        var state = await dispatcher.GetContextAsync(new PageStateOptions
        {
            IncludeScreenshot = useModel,
            ScreenshotQuality = _options.JpegQuality,
            IncludeTabs = false,
        }, cancellationToken);

        ReadOnlyMemory<byte> image;
        string mimeType;
        if (useModel && state.ScreenshotBase64 is { } jpeg)
        {
            image = Convert.FromBase64String(jpeg);
            mimeType = "image/jpeg";
        }
        else
        {
            // OCR reads lossless PNG better than JPEG.
            var shot = await dispatcher.ExecuteAsync(new ScreenshotCommand { Format = ScreenshotFormats.Png }, cancellationToken);
            if (!shot.Success || shot.ScreenshotBase64 is null)
            {
                throw new ActionException(shot.ErrorCode ?? ActionErrorCodes.InternalError, shot.Error ?? "The screenshot failed");
            }

            image = Convert.FromBase64String(shot.ScreenshotBase64);
            mimeType = "image/png";
        }

        var analysis = await chosen.AnalyzeAsync(new ScreenAnalysisRequest
        {
            Question = question,
            Image = image,
            ImageMimeType = mimeType,
            ViewportWidth = state.ViewportWidth > 0 ? state.ViewportWidth : dispatcher.Session.Options.ViewportWidth,
            ViewportHeight = state.ViewportHeight > 0 ? state.ViewportHeight : dispatcher.Session.Options.ViewportHeight,
            Elements = state.Elements,
            Url = state.Url,
            Title = state.Title,
        }, cancellationToken);
        return note is null ? analysis : analysis with { Note = note };
    }

    /// <summary>The analyzer for a choice, and a note when <c>auto</c> fell back to OCR because the model settings are wrong.</summary>
    private (IScreenAnalyzer Analyzer, string? Note) Choose(string? analyzer) => (analyzer?.Trim().ToLowerInvariant() ?? AnalyzerChoices.Auto) switch
    {
        "" or AnalyzerChoices.Auto => _model is not null
            ? (_model, null)
            : (_offline, ModelProblem is null ? null : $"The vision model is not used: {ModelProblem}. This answer is from OCR."),
        AnalyzerChoices.Ocr => (_offline, null),
        AnalyzerChoices.Model => _model is not null
            ? (_model, null)
            : throw new VisionException(
                ModelProblem is null ? VisionErrorCodes.ModelNotConfigured : VisionErrorCodes.ConfigurationInvalid,
                ModelProblem ?? "No vision model is configured (Vision:Provider, Vision:Model, Vision:ApiKey); use analyzer auto or ocr"),
        var other => throw new VisionException(VisionErrorCodes.ConfigurationInvalid, $"analyzer must be auto, ocr or model, not '{(other.Length > 20 ? other[..20] : other)}'"),
    };

    /// <summary>Unloads the recognizers.</summary>
    public void Dispose() => _recognizer.Dispose();

    [LoggerMessage(EventId = 900, Level = LogLevel.Error, Message = "The vision model cannot be used ({Problem}); screen analysis falls back to OCR")]
    private static partial void LogModelUnavailable(ILogger logger, string problem);

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "Screen text recognition is unavailable: {Problem}")]
    private static partial void LogOcrUnavailable(ILogger logger, string problem);
}
