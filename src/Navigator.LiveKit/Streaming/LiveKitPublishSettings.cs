namespace Navigator.LiveKit.Streaming;

/// <summary>Where and what one session publishes: the room's server and token, and the video's size and rate.</summary>
public sealed record LiveKitPublishSettings
{
    /// <summary>The LiveKit server (ws://, wss://, http:// or https://).</summary>
    public required string Url { get; init; }

    /// <summary>The access token to join with.</summary>
    public required string Token { get; init; }

    /// <summary>Video width in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Video height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>Frames per second sent.</summary>
    public required int Fps { get; init; }
}
