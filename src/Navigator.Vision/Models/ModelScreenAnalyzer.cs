using System.ClientModel;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Navigator.Vision.Analysis;

namespace Navigator.Vision.Models;

/// <summary>
/// Asks a vision model (any <see cref="IChatClient"/>) about the screenshot: sends the image, the
/// indexed elements and the question, and asks for JSON with a description, an answer and targets.
/// </summary>
public sealed class ModelScreenAnalyzer(IChatClient client, VisionOptions options) : IScreenAnalyzer
{
    internal const string Instructions =
        "You look at a screenshot of a web page for a browser automation agent and answer its question. "
        + "Indexed elements are listed as [index] role \"name\" @ x,y widthxheight in viewport CSS pixels. "
        + "Answer with one JSON object only, no prose around it: "
        + "{\"description\": \"what the screen shows, one or two sentences\", \"answer\": \"the answer to the question\", "
        + "\"targets\": [{\"index\": element index or null, \"x\": viewport x or null, \"y\": viewport y or null, "
        + "\"confidence\": 0 to 1, \"reason\": \"why\"}]}. "
        + "Targets are where to click or look, best first; prefer an element index, give x and y for things no element covers; "
        + "use an empty list when nothing fits.";

    /// <inheritdoc />
    public string Name => "model";

    /// <inheritdoc />
    public async Task<ScreenAnalysis> AnalyzeAsync(ScreenAnalysisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, Instructions),
            new(ChatRole.User, [new TextContent(Prompt(request)), new DataContent(request.Image, request.ImageMimeType)]),
        };
        var chatOptions = new ChatOptions
        {
            Temperature = 0,
            MaxOutputTokens = options.MaxOutputTokens,
            ResponseFormat = ChatResponseFormat.Json,
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        ChatResponse response;
        try
        {
            response = await client.GetResponseAsync(messages, chatOptions, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VisionException(VisionErrorCodes.ModelFailed, $"The vision model did not answer within {options.Timeout.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is ClientResultException or HttpRequestException or InvalidOperationException or Anthropic.Exceptions.AnthropicException)
        {
            throw new VisionException(VisionErrorCodes.ModelFailed, $"The vision model request failed: {ex.Message}", ex);
        }

        return ModelOutputParser.Parse(response.Text, request) with { Analyzer = Name };
    }

    private string Prompt(ScreenAnalysisRequest request)
    {
        var builder = new StringBuilder();
        builder.Append("Question: ").AppendLine(request.Question);
        builder.Append(CultureInfo.InvariantCulture, $"Page: {request.Title} ({request.Url}); viewport {request.ViewportWidth:0}x{request.ViewportHeight:0} CSS pixels.").AppendLine();
        var elements = request.Elements.OrderByDescending(e => e.InViewport).Take(options.MaxElements).ToList();
        builder.AppendLine(elements.Count == 0 ? "No indexed elements." : "Indexed elements:");
        foreach (var e in elements)
        {
            var b = e.Bounds;
            builder.Append(CultureInfo.InvariantCulture, $"[{e.Index}] {e.Role} \"{e.Name}\"");
            if (!string.IsNullOrEmpty(e.Hint))
            {
                builder.Append(" (").Append(e.Hint).Append(')');
            }

            builder.AppendLine(e.InViewport
                ? string.Create(CultureInfo.InvariantCulture, $" @ {b.X:0},{b.Y:0} {b.Width:0}x{b.Height:0}")
                : " (off screen)");
        }

        return builder.ToString();
    }
}
