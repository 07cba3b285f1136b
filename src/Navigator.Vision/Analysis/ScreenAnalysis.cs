using Navigator.Actions;
using Navigator.Actions.State;

namespace Navigator.Vision.Analysis;

/// <summary>What a screen analyzer looks at: the question, the viewport screenshot and the indexed elements.</summary>
public sealed record ScreenAnalysisRequest
{
    /// <summary>What the agent wants to know, e.g. <c>where is "Pay now"?</c>.</summary>
    public required string Question { get; init; }

    /// <summary>The viewport screenshot (PNG or JPEG).</summary>
    public required ReadOnlyMemory<byte> Image { get; init; }

    /// <summary><c>image/png</c> or <c>image/jpeg</c>.</summary>
    public required string ImageMimeType { get; init; }

    /// <summary>Viewport width in CSS pixels (the screenshot may be larger by the device scale factor).</summary>
    public required double ViewportWidth { get; init; }

    /// <summary>Viewport height in CSS pixels.</summary>
    public required double ViewportHeight { get; init; }

    /// <summary>The page's indexed elements (indices valid for the state captured with the screenshot).</summary>
    public IReadOnlyList<InteractiveElement> Elements { get; init; } = [];

    /// <summary>The page's URL.</summary>
    public string? Url { get; init; }

    /// <summary>The page's title.</summary>
    public string? Title { get; init; }
}

/// <summary>An analyzer's answer: what the screen shows, the answer to the question, and where to act.</summary>
public sealed record ScreenAnalysis
{
    /// <summary><c>ocr</c> or <c>model</c>.</summary>
    public required string Analyzer { get; init; }

    /// <summary>What is on screen, briefly.</summary>
    public required string Description { get; init; }

    /// <summary>The answer to the question.</summary>
    public required string Answer { get; init; }

    /// <summary>Places to act, best first.</summary>
    public IReadOnlyList<ScreenTarget> Targets { get; init; } = [];

    /// <summary>Something the caller should know, e.g. why the model was not used.</summary>
    public string? Note { get; init; }
}

/// <summary>A place on screen that answers the question: an element index, a viewport point, or both.</summary>
public sealed record ScreenTarget
{
    /// <summary>The indexed element (from the state captured with the screenshot).</summary>
    public int? Index { get; init; }

    /// <summary>A viewport point in CSS pixels to click.</summary>
    public ActionPoint? Point { get; init; }

    /// <summary>0 to 1.</summary>
    public required double Confidence { get; init; }

    /// <summary>The text or element name seen there.</summary>
    public string? Text { get; init; }

    /// <summary>Why this place: <c>element name</c>, <c>text on screen (OCR)</c>, or the model's reason.</summary>
    public string? Reason { get; init; }
}

/// <summary>Answers questions about a screenshot of the page.</summary>
public interface IScreenAnalyzer
{
    /// <summary><c>ocr</c> or <c>model</c>.</summary>
    string Name { get; }

    /// <summary>Analyzes; throws <see cref="VisionException"/> when it cannot.</summary>
    Task<ScreenAnalysis> AnalyzeAsync(ScreenAnalysisRequest request, CancellationToken cancellationToken = default);
}
