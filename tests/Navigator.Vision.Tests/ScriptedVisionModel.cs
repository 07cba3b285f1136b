using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Navigator.Testing;
using Navigator.Vision.Models;

namespace Navigator.Vision.Tests;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on the test server: records each request and
/// answers with what the test scripts (the assistant message's content).
/// </summary>
internal sealed class ScriptedVisionModel
{
    private readonly string _prefix = "/model-" + Guid.NewGuid().ToString("N")[..8];

    public ScriptedVisionModel(TestWebServer server, Func<JsonNode, string> answer, int status = StatusCodes.Status200OK)
    {
        Options = new VisionOptions { Provider = "openai", Model = "scripted-vision", Endpoint = new Uri(server.Url(_prefix + "/v1")) };
        server.Map(_prefix + "/v1/chat/completions", async context =>
        {
            var request = (await JsonNode.ParseAsync(context.Request.Body))!;
            Requests.Enqueue(request);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            if (status != StatusCodes.Status200OK)
            {
                await context.Response.WriteAsync("""{"error":{"message":"the model is overloaded","type":"server_error"}}""");
                return;
            }

            var body = new JsonObject
            {
                ["id"] = "chatcmpl-test",
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = "scripted-vision",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = answer(request) },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = 1, ["total_tokens"] = 2 },
            };
            await context.Response.WriteAsync(body.ToJsonString());
        });
    }

    public VisionOptions Options { get; }

    public ConcurrentQueue<JsonNode> Requests { get; } = new();

    /// <summary>The user message's text part.</summary>
    public static string PromptOf(JsonNode request) =>
        request["messages"]!.AsArray().Last()!["content"]!.AsArray().First(p => (string?)p!["type"] == "text")!["text"]!.GetValue<string>();

    /// <summary>The user message's image URL (a data: URL).</summary>
    public static string? ImageOf(JsonNode request) =>
        request["messages"]!.AsArray().Last()!["content"]!.AsArray().FirstOrDefault(p => (string?)p!["type"] == "image_url")?["image_url"]?["url"]?.GetValue<string>();

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
