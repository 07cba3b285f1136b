using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Navigator.Tools.Sessions;
using Navigator.Vision;
using Navigator.Vision.Analysis;

namespace Navigator.Tools.Mcp;

/// <summary>The analyze_screen tool: what is on a room's screen and where, from OCR or a vision model.</summary>
[McpServerToolType]
internal sealed class VisionTools(RoomSessionManager sessions, ScreenAnalysisService vision)
{
    /// <summary>Longest question accepted.</summary>
    public const int MaxQuestionLength = 2000;

    [McpServerTool(Name = "analyze_screen", Title = "Look at a room's screen", Destructive = false, Idempotent = true, OpenWorld = true, ReadOnly = true,
        UseStructuredContent = true, OutputSchemaType = typeof(AnalyzeScreenResult))]
    [Description("Looks at a screenshot of the room's page and answers a question about it, for what the page text does not say: "
        + "text drawn in a canvas or an image, icon-only buttons, overlays. Returns a description, an answer and targets "
        + "(element index and/or viewport x, y, with confidence, best first); click a target with execute_action click {index} or {x, y}. "
        + "Offline (OCR) by default: it answers where a text is, e.g. where is \"Pay now\"?; with a configured vision model it answers any question. "
        + "The page state read with the screenshot becomes the room's current one, so target indices are valid for execute_action.")]
    public Task<CallToolResult> AnalyzeScreen(
        [Description("The room whose screen to look at.")] string room_name,
        [Description("What to find out, e.g. where is \"Pay now\"? or which icon opens the settings?")] string question,
        [Description("auto (default: the vision model when one is configured, else OCR), ocr, or model.")] string? analyzer = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            throw new NavigatorToolException(ToolErrorCodes.MissingParameter, "question must not be empty");
        }

        if (question.Length > MaxQuestionLength)
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, $"question is {question.Length} characters; at most {MaxQuestionLength} are allowed");
        }

        return sessions.RunAsync(room_name, async (room, ct) =>
        {
            ScreenAnalysis analysis;
            try
            {
                analysis = await vision.AnalyzeAsync(room.Dispatcher!, question, analyzer, ct);
            }
            catch (VisionException ex)
            {
                return ToolResults.Error(ex.Code, ex.Message);
            }

            var result = new AnalyzeScreenResult(room.RoomName, analysis.Analyzer, analysis.Description, analysis.Answer, analysis.Targets, analysis.Note);
            return ToolResults.Success(Text(result), result, ToolJsonContext.Default.AnalyzeScreenResult);
        }, requireHealthy: true, cancellationToken);
    }

    /// <summary>E.g. <c>Answer: ... / Targets: [4] at (412, 293), 0.93, "Apply coupon", text on screen (OCR)</c>.</summary>
    private static string Text(AnalyzeScreenResult result)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var text = new System.Text.StringBuilder(512);
        text.Append(culture, $"Room {result.RoomName}, analyzer {result.Analyzer}.\nScreen: {result.Description}\nAnswer: {result.Answer}\n");
        text.Append(result.Targets.Count == 0 ? "Targets: none" : "Targets (best first):");
        foreach (var target in result.Targets)
        {
            text.Append("\n- ");
            text.Append(target.Index is { } index ? $"[{index}] " : "no element ");
            if (target.Point is { } point)
            {
                text.Append(culture, $"at ({point.X:0.#}, {point.Y:0.#}) ");
            }

            text.Append(culture, $"confidence {target.Confidence:0.00}");
            text.Append(target.Text is { } seen ? $", \"{seen}\"" : string.Empty).Append(target.Reason is { } reason ? $", {reason}" : string.Empty);
        }

        return result.Note is { } note ? text.Append("\nNote: ").Append(note).ToString() : text.ToString();
    }
}

/// <summary>analyze_screen's answer.</summary>
internal sealed record AnalyzeScreenResult(string RoomName, string Analyzer, string Description, string Answer, IReadOnlyList<ScreenTarget> Targets, string? Note);
