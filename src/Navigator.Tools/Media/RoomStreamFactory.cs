using Navigator.LiveKit.Streaming;
using Navigator.Tools.Events;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Media;

/// <summary>Gives each room started with a <c>livekit_url</c> a <see cref="RoomStreamComponent"/> publishing its video into that LiveKit room.</summary>
public sealed class RoomStreamFactory(LiveKitStreaming streaming, RoomMediaFactory media, IRoomEventBroadcaster events, TimeProvider? timeProvider = null) : IRoomComponentFactory
{
    /// <summary>Starts the streams.</summary>
    internal LiveKitStreaming Streaming => streaming;

    /// <summary>Where the rooms' frames and cursors come from.</summary>
    internal RoomMediaFactory Media => media;

    /// <inheritdoc />
    public IRoomComponent? Create(RoomSessionState state)
    {
        if (string.IsNullOrEmpty(state.LiveKitUrl))
        {
            return null;
        }

        var component = new RoomStreamComponent(this, state, events, timeProvider ?? TimeProvider.System);
        component.Start();
        return component;
    }
}
