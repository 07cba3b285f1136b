using System.Text.Json;
using System.Text.Json.Serialization;

namespace Navigator.Tools.Events;

/// <summary>Source-generated JSON for room events (snake_case, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PageNavigationEvent))]
[JsonSerializable(typeof(PageLoadCompleteEvent))]
[JsonSerializable(typeof(ActionCompletedEvent))]
[JsonSerializable(typeof(ActionErrorEvent))]
[JsonSerializable(typeof(DomChangeEvent))]
[JsonSerializable(typeof(BrowserErrorEvent))]
[JsonSerializable(typeof(NavigationBlockedEvent))]
[JsonSerializable(typeof(SessionStartedEvent))]
[JsonSerializable(typeof(SessionClosedEvent))]
[JsonSerializable(typeof(ControlChangedEvent))]
[JsonSerializable(typeof(HumanHelpRequestedEvent))]
[JsonSerializable(typeof(StreamErrorEvent))]
internal sealed partial class RoomEventJsonContext : JsonSerializerContext
{
    /// <summary>Serializes an event to UTF-8 JSON by its runtime type.</summary>
    public static byte[] Serialize(RoomEvent roomEvent) =>
        JsonSerializer.SerializeToUtf8Bytes(roomEvent, Default.GetTypeInfo(roomEvent.GetType())
            ?? throw new NotSupportedException($"No JSON contract for {roomEvent.GetType().Name}"));

    /// <summary>The <c>type</c> of a serialized event (its first property), or "unknown".</summary>
    public static string TypeOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        return reader.Read() && reader.TokenType == JsonTokenType.StartObject
            && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("type"u8)
            && reader.Read() && reader.TokenType == JsonTokenType.String
            ? reader.GetString() ?? "unknown"
            : "unknown";
    }
}
