using System.Text.Json;
using Navigator.Actions;
using Navigator.Vision.Analysis;

namespace Navigator.Vision.Models;

/// <summary>
/// Turns a model's answer into a <see cref="ScreenAnalysis"/>: the JSON object (a code fence or
/// text around it is tolerated), targets checked against the elements and the viewport.
/// </summary>
internal static class ModelOutputParser
{
    public static ScreenAnalysis Parse(string? text, ScreenAnalysisRequest request)
    {
        var body = text?.Trim() ?? string.Empty;
        var start = body.IndexOf('{', StringComparison.Ordinal);
        var end = body.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            throw BadOutput("it holds no JSON object", body);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body[start..(end + 1)]);
        }
        catch (JsonException ex)
        {
            throw BadOutput($"its JSON does not parse ({ex.Message})", body);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("answer", out var answer) || answer.ValueKind != JsonValueKind.String)
            {
                throw BadOutput("it has no \"answer\" text", body);
            }

            var indices = request.Elements.Select(e => e.Index).ToHashSet();
            var targets = new List<ScreenTarget>();
            if (root.TryGetProperty("targets", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && Target(item, indices, request) is { } target)
                    {
                        targets.Add(target);
                    }
                }
            }
            else if (root.TryGetProperty("targets", out var other) && other.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                throw BadOutput("\"targets\" is not a list", body);
            }

            return new ScreenAnalysis
            {
                Analyzer = "model",
                Description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : string.Empty,
                Answer = answer.GetString()!,
                Targets = [.. targets.OrderByDescending(t => t.Confidence)],
            };
        }
    }

    // A target naming an index the page does not have, or a point off the viewport, is dropped:
    // acting on it would click something else.
    private static ScreenTarget? Target(JsonElement item, HashSet<int> indices, ScreenAnalysisRequest request)
    {
        int? index = item.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out var n) && indices.Contains(n) ? n : null;
        double? x = Number(item, "x");
        double? y = Number(item, "y");
        ActionPoint? point = x is { } px && y is { } py && px >= 0 && py >= 0 && px < request.ViewportWidth && py < request.ViewportHeight ? new ActionPoint(px, py) : null;
        if (index is null && point is null)
        {
            return null;
        }

        var element = index is { } found ? request.Elements.First(e => e.Index == found) : null;
        return new ScreenTarget
        {
            Index = index,
            Point = point ?? element?.ClickPoint,
            Confidence = Math.Clamp(Number(item, "confidence") ?? 0.5, 0, 1),
            Text = element?.Name,
            Reason = item.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null,
        };
    }

    private static double? Number(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble()) ? v.GetDouble() : null;

    private static VisionException BadOutput(string why, string body) => new(VisionErrorCodes.ModelBadOutput,
        $"The vision model's answer is not the JSON asked for: {why}. It began: \"{(body.Length > 160 ? body[..160] + "…" : body)}\"");
}
