using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;

namespace Navigator.Tools.Mcp;

/// <summary>
/// Builds tool results: plain text for the model as the content, the same facts as JSON in
/// structuredContent (declared by each tool's outputSchema) for programs. Errors are text only,
/// <c>Error &lt;error_code&gt;: &lt;message&gt;</c>: structured content must match the output
/// schema, and clients (the TypeScript SDK) reject an error body that does not.
/// </summary>
internal static class ToolResults
{
    /// <summary>A result whose text is <see cref="ToolResultText.Describe"/> of <paramref name="value"/>.</summary>
    public static CallToolResult Success<T>(T value, JsonTypeInfo<T> typeInfo, ContentBlock? extra = null) =>
        Success(ToolResultText.Describe(value), value, typeInfo, extra);

    public static CallToolResult Success<T>(string text, T value, JsonTypeInfo<T> typeInfo, ContentBlock? extra = null)
    {
        var result = new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = Serialize(value, typeInfo),
        };
        if (extra is not null)
        {
            result.Content.Add(extra);
        }

        return result;
    }

    public static CallToolResult Error(ToolError error)
    {
        error = error with
        {
            Error = TextCaps.Cap(error.Error, TextCaps.Message),
            Url = TextCaps.CapOrNull(error.Url, TextCaps.Url),
            Title = TextCaps.CapOrNull(error.Title, TextCaps.Title),
        };
        return new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = ToolResultText.Error(error) }],
        };
    }

    public static CallToolResult Error(string code, string message) =>
        Error(new ToolError { ErrorCode = code, Error = message });

    /// <summary>An image block from the base64 text CDP returns, without decoding it.</summary>
    public static ImageContentBlock Image(string base64, string mimeType) =>
        new() { Data = Encoding.ASCII.GetBytes(base64), MimeType = mimeType };

    /// <summary>JSON with relaxed escaping: the same contract as <paramref name="typeInfo"/>, no <c>\u0022</c>.</summary>
    private static JsonElement Serialize<T>(T value, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.SerializeToElement(value, (JsonTypeInfo<T>)ToolJsonContext.ToolOptions.GetTypeInfo(typeInfo.Type));
}
