namespace Navigator.LiveKit.Streaming;

/// <summary>The data topics a session uses in its LiveKit room (docs/livekit.md describes the messages).</summary>
public static class LiveKitDataTopics
{
    /// <summary>The agent's pointer, lossy: <c>{"x":0.42,"y":0.31,"action":"click","t":1764340000123}</c>.</summary>
    public const string Cursor = "navigator.cursor";

    /// <summary>A participant's takeover commands (the live view's) and the replies to that participant.</summary>
    public const string Control = "navigator.control";
}

/// <summary>
/// What a room participant did on <see cref="LiveKitDataTopics.Control"/>: a command (<see cref="Message"/>,
/// the payload as sent), or left the room, or could no longer be heard because the connection was
/// replaced (<see cref="Message"/> null).
/// </summary>
public sealed record LiveKitParticipantSignal(string Identity, byte[]? Message)
{
    /// <summary>The participant is gone for this stream.</summary>
    public bool Left => Message is null;
}
