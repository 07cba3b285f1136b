namespace Navigator.Media;

/// <summary>Error codes media operations report (they reach agents as tool error codes).</summary>
public static class MediaErrorCodes
{
    /// <summary>A recording is already running for the session.</summary>
    public const string RecordingActive = "recording_active";

    /// <summary>No recording is running for the session.</summary>
    public const string NoRecording = "no_recording";

    /// <summary>The encoder failed; what was captured up to then may still be on disk.</summary>
    public const string RecordingFailed = "recording_failed";

    /// <summary>The recording folder cannot be created or written.</summary>
    public const string DirectoryUnwritable = "recording_directory_unwritable";

    /// <summary>ffmpeg is not installed or could not start.</summary>
    public const string EncoderUnavailable = "encoder_unavailable";
}
