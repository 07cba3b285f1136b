namespace Navigator.Tools.Events;

/// <summary>Settings of event delivery (configuration section <c>Events</c>).</summary>
public sealed class RoomEventBroadcasterOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "Events";

    /// <summary>
    /// Events one subscriber may have queued; a subscriber that falls this far behind is
    /// dropped so it cannot delay the others or the browser.
    /// </summary>
    public int PerConnectionBuffer { get; set; } = 256;

    /// <summary>Most WebSocket clients per room.</summary>
    public int MaxConnectionsPerRoom { get; set; } = 32;
}
