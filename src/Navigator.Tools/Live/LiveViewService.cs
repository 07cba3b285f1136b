using Microsoft.Extensions.Options;
using Navigator.Tools.Events;
using Navigator.Tools.Media;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Live;

/// <summary>Opens live views of rooms: what the HTTP live view page and its WebSocket stand on.</summary>
public sealed class LiveViewService(RoomSessionManager sessions, IRoomEventBroadcaster events, IOptions<LiveViewOptions> options)
{
    /// <summary>Throws <c>room_not_found</c> (or <c>invalid_parameter</c>) unless the room has a session.</summary>
    public void EnsureRoomExists(string roomName) => sessions.Get(roomName);

    /// <summary>
    /// A new viewer of the room: its frames, its events (subscribed now, so nothing later is missed)
    /// and its takeover. <c>room_not_found</c>, <c>too_many_viewers</c> or <c>live_view_unavailable</c> when it cannot be.
    /// </summary>
    public LiveViewer Open(string roomName)
    {
        var control = sessions.FindComponent<RoomControl>(roomName);
        var media = sessions.FindComponent<RoomMediaComponent>(roomName);
        if (control is null || media is null)
        {
            throw new NavigatorToolException(LiveViewErrorCodes.LiveViewUnavailable, $"This server has no live view for room '{roomName}' (video capture or takeover is not configured)");
        }

        var viewerId = control.AddViewer();
        return new LiveViewer(roomName, viewerId, control, media, events.Subscribe(roomName), sessions.Time, options.Value.InputTimeout);
    }
}
