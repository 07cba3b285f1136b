namespace Navigator.Media.Recording;

/// <summary>Where and how sessions are recorded (configuration section <c>Recording</c>).</summary>
public sealed class RecordingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Recording";

    /// <summary>Folder recordings are written under, one subfolder per room.</summary>
    public string Directory { get; set; } = Path.Combine(Path.GetTempPath(), "navigator-recordings");

    /// <summary>The ffmpeg executable (a name on PATH or a full path).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>Record every session from its start, in <see cref="DefaultFormat"/>.</summary>
    public bool Automatic { get; set; }

    /// <summary>Format when a caller names none.</summary>
    public RecordingFormat DefaultFormat { get; set; } = RecordingFormat.Mp4;

    /// <summary>H.264 quality (constant rate factor, 0..51; lower is better and larger).</summary>
    public int H264Crf { get; set; } = 26;

    /// <summary>VP8 target bit rate in kbit/s.</summary>
    public int WebmBitrateKbps { get; set; } = 1500;

    /// <summary>How long stopping waits for ffmpeg to finish the file before killing it.</summary>
    public TimeSpan FinishTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Directory, nameof(Directory));
        ArgumentException.ThrowIfNullOrWhiteSpace(FfmpegPath, nameof(FfmpegPath));
        ArgumentOutOfRangeException.ThrowIfNegative(H264Crf, nameof(H264Crf));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(H264Crf, 51, nameof(H264Crf));
        ArgumentOutOfRangeException.ThrowIfLessThan(WebmBitrateKbps, 100, nameof(WebmBitrateKbps));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FinishTimeout, TimeSpan.Zero, nameof(FinishTimeout));
    }
}
