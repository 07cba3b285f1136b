using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelContextProtocol;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Mcp;

/// <summary>Source-generated JSON for tool results (snake_case, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(RoomSessionInfo))]
[JsonSerializable(typeof(SessionListResult))]
[JsonSerializable(typeof(RecoverResult))]
[JsonSerializable(typeof(BrowserContextResult))]
[JsonSerializable(typeof(ActionToolResult))]
[JsonSerializable(typeof(Media.RecordingStartedResult))]
[JsonSerializable(typeof(Media.RecordingStoppedResult))]
[JsonSerializable(typeof(AnalyzeScreenResult))]
[JsonSerializable(typeof(Live.HumanHelpResult))]
internal sealed partial class ToolJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The tools' serializer options: this context's contracts with relaxed escaping (no <c>\u0022</c>
    /// for quotes, non-ASCII kept), then the MCP SDK's for binding arguments. Output schemas are
    /// generated from these, so they match the structured content.
    /// </summary>
    public static JsonSerializerOptions ToolOptions => LazyToolOptions.Value;

    // Lazy: the generated Default is initialised after static members declared here.
    private static readonly Lazy<JsonSerializerOptions> LazyToolOptions = new(CreateToolOptions);

    private static JsonSerializerOptions CreateToolOptions()
    {
        var options = new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.TypeInfoResolverChain.Add(McpJsonUtilities.DefaultOptions.TypeInfoResolver!);
        options.MakeReadOnly();
        return options;
    }
}

/// <summary>list_browser_sessions' answer.</summary>
internal sealed record SessionListResult(int Count, int MaxSessions, IReadOnlyList<RoomSessionInfo> Sessions);

/// <summary>recover_browser_session's answer.</summary>
internal sealed record RecoverResult(bool Rebuilt, string Message, RoomSessionInfo Session);
