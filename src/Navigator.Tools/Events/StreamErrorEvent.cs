namespace Navigator.Tools.Events;

/// <summary>
/// <c>stream_error</c>: streaming into the LiveKit room failed (bad URL or token, no native core)
/// or its connection dropped and is being restored; the browser session goes on either way.
/// </summary>
public sealed record StreamErrorEvent : RoomEvent
{
    /// <inheritdoc />
    public override string Type => RoomEventTypes.StreamError;

    /// <summary>The stream's state after the error: <c>failed</c> (given up until the session is recovered) or <c>reconnecting</c>.</summary>
    public required string State { get; init; }

    /// <summary>One of the LiveKit error codes (e.g. <c>livekit_connect_failed</c>).</summary>
    public required string Code { get; init; }

    /// <summary>What went wrong.</summary>
    public required string Message { get; init; }
}
