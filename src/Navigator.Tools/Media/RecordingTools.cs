using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Navigator.Media;
using Navigator.Media.Recording;
using Navigator.Tools.Mcp;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Media;

/// <summary>MCP tools that record a room's browser (what the live view shows, ghost cursor included) to a video file.</summary>
[McpServerToolType]
internal sealed class RecordingTools(RoomSessionManager sessions)
{
    [McpServerTool(Name = "start_recording", Title = "Record a room's browser", Destructive = false, Idempotent = false, OpenWorld = false, ReadOnly = false,
        UseStructuredContent = true, OutputSchemaType = typeof(RecordingStartedResult))]
    [Description("Starts recording the room's browser to a video file at the session's viewport size and fps, with the agent's pointer drawn in. "
        + "mp4 is H.264 (fragmented, so it plays even if the server dies mid-recording); webm is VP8. "
        + "Fails with recording_active if the room is already recording, recording_directory_unwritable or encoder_unavailable when the server cannot record.")]
    public async Task<CallToolResult> StartRecording(
        [Description("The room whose browser to record.")] string room_name,
        [Description("mp4 (default) or webm.")] string? format = null,
        CancellationToken cancellationToken = default)
    {
        if (!RecordingFormats.TryParse(format, out var chosen))
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, $"format must be mp4 or webm, not '{format}'");
        }

        return await sessions.RunAsync(room_name, async (room, ct) =>
        {
            var media = MediaOf(room);
            var recorder = await Translate(() => media.StartRecordingAsync(format is null ? null : chosen, ct));
            var options = media.Screencast.Options;
            var result = new RecordingStartedResult(
                room.RoomName, recorder.Format.Extension(), recorder.Path, options.MaxWidth & ~1, options.MaxHeight & ~1, options.Fps, RecordingLinks.DownloadPath(room.RoomName, recorder.Path));
            return ToolResults.Success(RecordingResultText.Started(result), result, ToolJsonContext.Default.RecordingStartedResult);
        }, requireHealthy: true, cancellationToken);
    }

    [McpServerTool(Name = "stop_recording", Title = "Stop recording a room", Destructive = false, Idempotent = false, OpenWorld = false, ReadOnly = false,
        UseStructuredContent = true, OutputSchemaType = typeof(RecordingStoppedResult))]
    [Description("Stops the room's recording and returns the file: path, duration_seconds, frames, size_bytes and download_path (GET it with the same API key). "
        + "Fails with no_recording when the room is not recording, recording_failed when the encoder failed (what was captured before may still play).")]
    public Task<CallToolResult> StopRecording(
        [Description("The room whose recording to stop.")] string room_name,
        CancellationToken cancellationToken = default) =>
        sessions.RunAsync(room_name, async (room, ct) =>
        {
            var finished = await Translate(() => MediaOf(room).StopRecordingAsync(ct));
            var result = new RecordingStoppedResult(
                room.RoomName, finished.Format.Extension(), finished.Path, finished.DurationSeconds, finished.Frames, finished.SizeBytes, RecordingLinks.DownloadPath(room.RoomName, finished.Path));
            return ToolResults.Success(RecordingResultText.Stopped(result), result, ToolJsonContext.Default.RecordingStoppedResult);
        }, requireHealthy: false, cancellationToken);

    private static SessionMedia MediaOf(RoomSession room)
    {
        if (room.Components.OfType<RoomMediaComponent>().FirstOrDefault() is not { } component)
        {
            throw new NavigatorToolException(MediaErrorCodes.EncoderUnavailable, $"Room '{room.RoomName}' has no video capture on this server");
        }

        return component.Media
            ?? throw new NavigatorToolException(ToolErrorCodes.BrowserCrashed, $"Room '{room.RoomName}' has no browser right now; call recover_browser_session first");
    }

    private static async Task<T> Translate<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (MediaException ex)
        {
            throw new NavigatorToolException(ex.Code, ex.Message, ex);
        }
    }
}
