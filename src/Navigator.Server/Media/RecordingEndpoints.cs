using System.Text.Json.Serialization;
using Navigator.Media.Recording;
using Navigator.Tools.Media;
using Navigator.Tools.Sessions;

namespace Navigator.Server.Media;

/// <summary>One recording file of a room.</summary>
public sealed record RecordingFile(string Name, long SizeBytes, DateTimeOffset ModifiedAt, string DownloadPath);

/// <summary><c>GET /rooms/{room_name}/recordings</c>.</summary>
public sealed record RecordingList(string RoomName, IReadOnlyList<RecordingFile> Recordings);

/// <summary>Source-generated JSON for the recording endpoints.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RecordingList))]
[JsonSerializable(typeof(HttpError))]
internal sealed partial class RecordingJsonContext : JsonSerializerContext;

/// <summary>
/// Recordings over HTTP, behind the same API key as everything else: a room's list, and each file
/// (range requests allowed, so players can seek; a recording still being written is served as far as it goes).
/// </summary>
public static class RecordingEndpoints
{
    /// <summary>Maps <c>GET /rooms/{room_name}/recordings</c> and <c>GET /rooms/{room_name}/recordings/{file_name}</c>.</summary>
    public static IEndpointRouteBuilder MapNavigatorRecordings(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/rooms/{room_name}/recordings", (string room_name, RoomMediaFactory media) =>
        {
            if (!RoomNames.IsValid(room_name))
            {
                return InvalidRoom();
            }

            var folder = new DirectoryInfo(RecordingDirectory.ForRoom(media.Recording.Directory, room_name));
            var files = folder.Exists
                ? folder.EnumerateFiles().Where(f => IsRecordingName(f.Name)).OrderBy(f => f.Name, StringComparer.Ordinal)
                    .Select(f => new RecordingFile(f.Name, f.Length, f.LastWriteTimeUtc, RecordingLinks.DownloadPath(room_name, f.Name))).ToList()
                : [];
            return Results.Json(new RecordingList(room_name, files), RecordingJsonContext.Default.RecordingList);
        });

        endpoints.MapGet("/rooms/{room_name}/recordings/{file_name}", (string room_name, string file_name, RoomMediaFactory media) =>
        {
            if (!RoomNames.IsValid(room_name))
            {
                return InvalidRoom();
            }

            var path = Path.Combine(RecordingDirectory.ForRoom(media.Recording.Directory, room_name), file_name);
            if (!IsRecordingName(file_name) || !File.Exists(path))
            {
                return Results.Json(
                    new HttpError("recording_not_found", $"Room '{room_name}' has no recording named '{file_name}'; GET /rooms/{room_name}/recordings lists them"),
                    RecordingJsonContext.Default.HttpError,
                    statusCode: StatusCodes.Status404NotFound);
            }

            var contentType = file_name.EndsWith(".webm", StringComparison.Ordinal) ? "video/webm" : "video/mp4";
            return Results.File(path, contentType, file_name, enableRangeProcessing: true);
        });
        return endpoints;
    }

    /// <summary>A plain file name the recorder could have written: no folders, no dot files, .mp4 or .webm.</summary>
    private static bool IsRecordingName(string name) =>
        name.Length is > 0 and <= 128 && name == Path.GetFileName(name) && !name.StartsWith('.')
        && (name.EndsWith(".mp4", StringComparison.Ordinal) || name.EndsWith(".webm", StringComparison.Ordinal));

    private static IResult InvalidRoom() =>
        Results.Json(
            new HttpError("invalid_parameter", "room_name may contain letters, digits and . _ - : @ (at most 128 characters)"),
            RecordingJsonContext.Default.HttpError,
            statusCode: StatusCodes.Status400BadRequest);
}
