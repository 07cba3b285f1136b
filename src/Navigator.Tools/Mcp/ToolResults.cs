using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;

namespace Navigator.Tools.Mcp;

/// <summary>Builds tool results: JSON text for models plus the same JSON as structured content.</summary>
internal static class ToolResults
{
    public static CallToolResult Success<T>(T value, JsonTypeInfo<T> typeInfo, ContentBlock? extra = null)
    {
        var element = JsonSerializer.SerializeToElement(value, typeInfo);
        var result = new CallToolResult
        {
            Content = [new TextContentBlock { Text = element.GetRawText() }],
            StructuredContent = element,
        };
        if (extra is not null)
        {
            result.Content.Add(extra);
        }

        return result;
    }

    public static CallToolResult Error(ToolError error)
    {
        var element = JsonSerializer.SerializeToElement(error, ToolJsonContext.Default.ToolError);
        return new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = element.GetRawText() }],
            StructuredContent = element,
        };
    }

    public static CallToolResult Error(string code, string message, string? roomName = null) =>
        Error(new ToolError { ErrorCode = code, Error = message, RoomName = roomName });

    /// <summary>An image block from the base64 text CDP returns, without decoding it.</summary>
    public static ImageContentBlock Image(string base64, string mimeType) =>
        new() { Data = Encoding.ASCII.GetBytes(base64), MimeType = mimeType };
}
