using System.Text.Json.Serialization;

namespace Navigator.LiveKit.Streaming;

/// <summary>States of a session's LiveKit stream (snake_case on the wire).</summary>
public static class LiveKitStreamStates
{
    /// <summary>Connecting and publishing for the first time.</summary>
    public const string Connecting = "connecting";

    /// <summary>Publishing frames.</summary>
    public const string Live = "live";

    /// <summary>Connected with the track muted (the session is paused).</summary>
    public const string Paused = "paused";

    /// <summary>The connection dropped; getting it back.</summary>
    public const string Reconnecting = "reconnecting";

    /// <summary>Could not connect or publish; see the error. Nothing is retried until the session is recovered.</summary>
    public const string Failed = "failed";

    /// <summary>Closed with the session.</summary>
    public const string Stopped = "stopped";
}

/// <summary>What a session's LiveKit stream is doing.</summary>
public sealed record LiveKitStreamStatus
{
    /// <summary>One of <see cref="LiveKitStreamStates"/>.</summary>
    public required string State { get; init; }

    /// <summary>The LiveKit server.</summary>
    public required string Url { get; init; }

    /// <summary>The published track's id, once published.</summary>
    [JsonPropertyName("track_sid")]
    public string? TrackSid { get; init; }

    /// <summary>Frames handed to LiveKit so far.</summary>
    [JsonPropertyName("frames_sent")]
    public long FramesSent { get; init; }

    /// <summary>How many times this service connected and published again after LiveKit's core gave the room up.</summary>
    public int Reconnects { get; init; }

    /// <summary>How many times LiveKit's core restored a dropped connection by itself (resumed, or joined again and republished).</summary>
    [JsonPropertyName("core_reconnects")]
    public int CoreReconnects { get; init; }

    /// <summary>The last failure's code (one of <see cref="LiveKitErrorCodes"/>), if any.</summary>
    [JsonPropertyName("error_code")]
    public string? ErrorCode { get; init; }

    /// <summary>The last failure, if any.</summary>
    public string? Error { get; init; }
}
