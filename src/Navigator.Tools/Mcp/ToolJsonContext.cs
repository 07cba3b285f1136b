using System.Text.Json.Serialization;
using Navigator.Actions;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Mcp;

/// <summary>Source-generated JSON for tool results (snake_case, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ToolError))]
[JsonSerializable(typeof(RoomSessionInfo))]
[JsonSerializable(typeof(SessionListResult))]
[JsonSerializable(typeof(RecoverResult))]
[JsonSerializable(typeof(BrowserContextResult))]
[JsonSerializable(typeof(ActionResult))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;

/// <summary>list_browser_sessions' answer.</summary>
internal sealed record SessionListResult(int Count, int MaxSessions, IReadOnlyList<RoomSessionInfo> Sessions);

/// <summary>recover_browser_session's answer.</summary>
internal sealed record RecoverResult(bool Rebuilt, string Message, RoomSessionInfo Session);
