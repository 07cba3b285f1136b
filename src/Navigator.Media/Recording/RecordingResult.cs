namespace Navigator.Media.Recording;

/// <summary>A finished recording.</summary>
public sealed record RecordingResult
{
    /// <summary>Full path of the file.</summary>
    public required string Path { get; init; }

    /// <summary>Container and codec.</summary>
    public required RecordingFormat Format { get; init; }

    /// <summary>Video length: frames over the frame rate.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Frames written (a still page repeats its last frame to keep the rate constant).</summary>
    public required long Frames { get; init; }

    /// <summary>File size in bytes.</summary>
    public required long SizeBytes { get; init; }

    /// <summary>Why the encoder failed, when it did; what was written before may still play.</summary>
    public string? Error { get; init; }
}
