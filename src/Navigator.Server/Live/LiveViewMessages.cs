using System.Text.Json.Serialization;
using Navigator.Tools.Live;

namespace Navigator.Server.Live;

/// <summary>The first message a live view page gets: who it is and who has control.</summary>
public sealed record ViewerHello(string RoomName, string ViewerId, string Holder)
{
    /// <summary>Always <c>viewer_hello</c>.</summary>
    [JsonPropertyOrder(-10)]
    public string Type => "viewer_hello";
}

/// <summary>A reply meant for one page only: <c>control_granted</c> or <c>control_released</c>.</summary>
public sealed record ViewerNotice(string Type);

/// <summary>A command of the page failed: <c>{type: viewer_error, error_code, message}</c>.</summary>
public sealed record ViewerError(string ErrorCode, string Message)
{
    /// <summary>Always <c>viewer_error</c>.</summary>
    [JsonPropertyOrder(-10)]
    public string Type => "viewer_error";
}

/// <summary>Source-generated JSON for the live view (snake_case, nulls omitted).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TakeoverCommand))]
[JsonSerializable(typeof(ViewerHello))]
[JsonSerializable(typeof(ViewerNotice))]
[JsonSerializable(typeof(ViewerError))]
[JsonSerializable(typeof(HttpError))]
internal sealed partial class LiveViewJsonContext : JsonSerializerContext;
