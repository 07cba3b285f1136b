namespace Navigator.Media.Recording;

/// <summary>Container and codec of a recording.</summary>
public enum RecordingFormat
{
    /// <summary>Fragmented MP4, H.264 yuv420p: playable up to the last fragment if the process dies.</summary>
    Mp4,

    /// <summary>WebM, VP8.</summary>
    Webm,
}

/// <summary>Names and file extensions of <see cref="RecordingFormat"/>.</summary>
public static class RecordingFormats
{
    /// <summary>The file extension (and the name tools accept).</summary>
    public static string Extension(this RecordingFormat format) => format == RecordingFormat.Webm ? "webm" : "mp4";

    /// <summary>Parses "mp4" or "webm" (any case); null or empty is MP4.</summary>
    public static bool TryParse(string? name, out RecordingFormat format)
    {
        format = RecordingFormat.Mp4;
        if (string.IsNullOrEmpty(name) || name.Equals("mp4", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (name.Equals("webm", StringComparison.OrdinalIgnoreCase))
        {
            format = RecordingFormat.Webm;
            return true;
        }

        return false;
    }
}
