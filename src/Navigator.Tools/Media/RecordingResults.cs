using System.Globalization;

namespace Navigator.Tools.Media;

/// <summary>start_recording's answer.</summary>
internal sealed record RecordingStartedResult(string RoomName, string Format, string Path, int Width, int Height, int Fps, string DownloadPath);

/// <summary>stop_recording's answer.</summary>
internal sealed record RecordingStoppedResult(string RoomName, string Format, string Path, double DurationSeconds, long Frames, long SizeBytes, string DownloadPath);

/// <summary>The text content of the recording tools' results (the JSON is in structuredContent).</summary>
internal static class RecordingResultText
{
    /// <summary>E.g. <c>Recording room r1 to /tmp/r1/20261128T073000Z.mp4 (mp4, 1280x720, 10 fps); download at /rooms/r1/recordings/20261128T073000Z.mp4 once stopped</c>.</summary>
    public static string Started(RecordingStartedResult started) => string.Create(
        CultureInfo.InvariantCulture,
        $"Recording room {started.RoomName} to {started.Path} ({started.Format}, {started.Width}x{started.Height}, {started.Fps} fps); download at {started.DownloadPath} once stopped");

    /// <summary>E.g. <c>Recording of room r1 stopped: /tmp/r1/x.mp4 (mp4), 12.3 s, 123 frames, 456789 bytes; download at /rooms/r1/recordings/x.mp4</c>.</summary>
    public static string Stopped(RecordingStoppedResult stopped) => string.Create(
        CultureInfo.InvariantCulture,
        $"Recording of room {stopped.RoomName} stopped: {stopped.Path} ({stopped.Format}), {stopped.DurationSeconds:0.0} s, {stopped.Frames} frames, {stopped.SizeBytes} bytes; download at {stopped.DownloadPath}");
}
