using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Navigator.LiveKit.Streaming;
using Navigator.Tools.Events;
using Navigator.Tools.Live;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Media;

/// <summary>Gives each room started with a <c>livekit_url</c> a <see cref="RoomStreamComponent"/> publishing its video into that LiveKit room.</summary>
public sealed class RoomStreamFactory(
    LiveKitStreaming streaming,
    RoomMediaFactory media,
    IRoomEventBroadcaster events,
    TimeProvider? timeProvider = null,
    IOptions<LiveViewOptions>? liveView = null,
    ILoggerFactory? loggerFactory = null) : IRoomComponentFactory
{
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RoomStreamFactory>();

    /// <summary>Starts the streams.</summary>
    internal LiveKitStreaming Streaming => streaming;

    /// <summary>Where the rooms' frames and cursors come from.</summary>
    internal RoomMediaFactory Media => media;

    /// <summary>How long a participant's input may take to reach the page (the live view's <see cref="LiveViewOptions.InputTimeout"/>).</summary>
    internal TimeSpan InputTimeout => liveView?.Value.InputTimeout ?? new LiveViewOptions().InputTimeout;

    internal ILogger Logger => _logger;

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
