using System.Text.Json.Serialization;
using Navigator.Server.Health;

namespace Navigator.Server;

/// <summary>An HTTP error body: <c>{"error": code, "message": text}</c>.</summary>
public sealed record HttpError(string Error, string Message);

/// <summary>Source-generated JSON for the HTTP endpoints (snake_case).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpError))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(RoomConnections))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
