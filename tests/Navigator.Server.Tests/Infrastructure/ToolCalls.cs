using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Navigator.Server.Tests.Infrastructure;

/// <summary>Calls tools and reads Navigator's answers: plain text for the model, JSON in structuredContent.</summary>
public static class ToolCalls
{
    public static async Task<CallToolResult> CallAsync(this McpClient client, string tool, object? arguments = null)
    {
        var args = arguments is null
            ? new Dictionary<string, object?>()
            : JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await client.CallToolAsync(tool, args, cancellationToken: timeout.Token);
    }

    /// <summary>Calls a tool that must succeed with readable text and returns its structured content.</summary>
    public static async Task<JsonElement> CallOkAsync(this McpClient client, string tool, object? arguments = null)
    {
        var result = await client.CallAsync(tool, arguments);
        var text = Text(result);
        Assert.False(result.IsError == true, $"{tool} failed: {text}");
        AssertReadable(text);
        return Json(result);
    }

    /// <summary>Calls a tool that must fail with <paramref name="code"/> and returns the error text (<c>Error code: message</c>).</summary>
    public static async Task<string> CallErrorAsync(this McpClient client, string tool, object? arguments, string code)
    {
        var result = await client.CallAsync(tool, arguments);
        var text = Text(result);
        Assert.True(result.IsError == true, $"{tool} should have failed with {code} but returned {text}");
        Assert.StartsWith($"Error {code}: ", text, StringComparison.Ordinal);
        Assert.True(text.Length > $"Error {code}: ".Length + 5, "the error has no message: " + text);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Null(result.StructuredContent);
        AssertReadable(text);
        return text;
    }

    /// <summary>The structured content (the result's JSON).</summary>
    public static JsonElement Json(CallToolResult result) =>
        result.StructuredContent?.Clone() ?? throw new InvalidOperationException("The tool returned no structured content: " + Text(result));

    /// <summary>The text content a model reads.</summary>
    public static string Text(CallToolResult result) =>
        result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text
            ?? throw new InvalidOperationException("The tool returned no text content");

    /// <summary>Text for a model: no JSON object, no JSON escapes to read through.</summary>
    public static void AssertReadable(string text)
    {
        Assert.False(text.TrimStart().StartsWith('{'), "the text content is JSON: " + text[..Math.Min(text.Length, 200)]);
        Assert.DoesNotContain("\\u00", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\\"", text, StringComparison.Ordinal);
    }
}
