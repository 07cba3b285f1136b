using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Navigator.Server.Tests.Infrastructure;

/// <summary>Calls tools and reads Navigator's JSON answers.</summary>
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

    /// <summary>Calls a tool that must succeed and returns its JSON.</summary>
    public static async Task<JsonElement> CallOkAsync(this McpClient client, string tool, object? arguments = null)
    {
        var result = await client.CallAsync(tool, arguments);
        var json = Json(result);
        Assert.False(result.IsError == true, $"{tool} failed: {json}");
        return json;
    }

    /// <summary>Calls a tool that must fail with <paramref name="code"/> and returns the error JSON.</summary>
    public static async Task<JsonElement> CallErrorAsync(this McpClient client, string tool, object? arguments, string code)
    {
        var result = await client.CallAsync(tool, arguments);
        var json = Json(result);
        Assert.True(result.IsError == true, $"{tool} should have failed with {code} but returned {json}");
        Assert.Equal(code, json.GetProperty("error_code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("error").GetString()));
        Assert.DoesNotContain("   at ", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        return json;
    }

    public static JsonElement Json(CallToolResult result)
    {
        var text = result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text
            ?? throw new InvalidOperationException("The tool returned no text content");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
