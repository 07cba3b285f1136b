namespace Navigator.Tools.Sessions;

/// <summary>What start_browser_session asks for; absent values take the manager's defaults.</summary>
public sealed record StartSessionRequest
{
    /// <summary>The room the session belongs to (its key).</summary>
    public required string RoomName { get; init; }

    /// <summary>Where the first tab goes; about:blank when null.</summary>
    public string? InitialUrl { get; init; }

    /// <summary>Viewport width in CSS pixels.</summary>
    public int? ViewportWidth { get; init; }

    /// <summary>Viewport height in CSS pixels.</summary>
    public int? ViewportHeight { get; init; }

    /// <summary>Video frames per second for the room's stream.</summary>
    public int? Fps { get; init; }

    /// <summary>Domains the session may visit; null or empty allows every domain.</summary>
    public IReadOnlyList<string>? AllowedDomains { get; init; }

    /// <summary>Headless or headed; null takes the server's mode.</summary>
    public bool? Headless { get; init; }

    /// <summary>LiveKit server URL for the room's video stream.</summary>
    public string? LiveKitUrl { get; init; }

    /// <summary>Self-correction of failed actions: off, suggest or auto; null takes the server's.</summary>
    public string? SelfCorrect { get; init; }

    /// <summary>LiveKit access token for publishing into the room.</summary>
    public string? LiveKitToken { get; init; }
}
