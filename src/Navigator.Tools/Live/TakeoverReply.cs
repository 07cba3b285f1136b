using System.Text.Json.Serialization;

namespace Navigator.Tools.Live;

/// <summary>
/// What a LiveKit participant is told after a takeover command, in the live view's shapes:
/// <c>{type: control_granted|control_released}</c> or <c>{type: viewer_error, error_code, message}</c>.
/// </summary>
internal sealed record TakeoverReply(string Type, string? ErrorCode = null, string? Message = null)
{
    /// <summary>The type of an error reply.</summary>
    public const string ErrorType = "viewer_error";
}

/// <summary>Source-generated JSON of takeover commands and replies (snake_case, nulls omitted).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TakeoverCommand))]
[JsonSerializable(typeof(TakeoverReply))]
internal sealed partial class TakeoverJsonContext : JsonSerializerContext;
