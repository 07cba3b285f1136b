using System.Text.Json.Serialization;

namespace Navigator.Tools.Sessions;

/// <summary>What clients see of a room's session (secrets left out).</summary>
public sealed record RoomSessionInfo
{
    /// <summary>The room.</summary>
    public required string RoomName { get; init; }

    /// <summary>starting, active, paused, crashed or closed.</summary>
    public required string Status { get; init; }

    /// <summary>The active tab's URL.</summary>
    public required string Url { get; init; }

    /// <summary>Viewport width in CSS pixels.</summary>
    public required int ViewportWidth { get; init; }

    /// <summary>Viewport height in CSS pixels.</summary>
    public required int ViewportHeight { get; init; }

    /// <summary>Video frames per second.</summary>
    public required int Fps { get; init; }

    /// <summary>Domains the session may visit; empty allows every domain.</summary>
    public required IReadOnlyList<string> AllowedDomains { get; init; }

    /// <summary>Whether the browser runs headless.</summary>
    public required bool Headless { get; init; }

    /// <summary>Video publishing paused.</summary>
    public required bool Paused { get; init; }

    /// <summary>LiveKit server URL, if one was given.</summary>
    [JsonPropertyName("livekit_url")]
    public string? LiveKitUrl { get; init; }

    /// <summary>True when a LiveKit token was given (the token itself is never returned).</summary>
    [JsonPropertyName("has_livekit_token")]
    public required bool HasLiveKitToken { get; init; }

    /// <summary>The LiveKit stream (state, frames sent, last error); null when the session streams nowhere.</summary>
    public Navigator.LiveKit.Streaming.LiveKitStreamStatus? Streaming { get; init; }

    /// <summary>Open tabs.</summary>
    public required int Tabs { get; init; }

    /// <summary>When the session started (ISO 8601).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the last tool call for the room ended or began.</summary>
    public required DateTimeOffset LastActivityAt { get; init; }

    /// <summary>How many times the session was rebuilt.</summary>
    public required int Recoveries { get; init; }

    /// <summary>Path of the room's WebSocket event stream on this server.</summary>
    public required string EventsPath { get; init; }

    /// <summary>
    /// Path of the room's live view page on this server (frames, events, human takeover; API key as
    /// <c>?access_token=</c>); null when the server has no HTTP live view (MCP over stdio).
    /// </summary>
    public string? LiveViewPath { get; init; }

    /// <summary>The node serving the room (its internal URL) when several nodes share rooms; null on a single node.</summary>
    public string? NodeUrl { get; init; }

    /// <summary>Something that went wrong without failing the call (e.g. the initial page did not load).</summary>
    public string? Warning { get; init; }
}
