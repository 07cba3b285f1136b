using System.Text.Json.Serialization;

namespace Navigator.Tools.Media;

/// <summary>start_recording's answer.</summary>
internal sealed record RecordingStartedResult(string RoomName, string Format, string Path, int Width, int Height, int Fps, string DownloadPath);

/// <summary>stop_recording's answer.</summary>
internal sealed record RecordingStoppedResult(string RoomName, string Format, string Path, double DurationSeconds, long Frames, long SizeBytes, string DownloadPath);

/// <summary>Source-generated JSON for the recording tools (snake_case, as every tool result).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RecordingStartedResult))]
[JsonSerializable(typeof(RecordingStoppedResult))]
internal sealed partial class MediaToolJsonContext : JsonSerializerContext;
