using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Navigator.Tools.Events;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Live;

/// <summary>Gives each room its <see cref="RoomControl"/> (who drives the browser: the agent or a person in the live view).</summary>
public sealed class RoomControlFactory(IRoomEventBroadcaster events, IOptions<LiveViewOptions> options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    : IRoomComponentFactory
{
    private readonly ILogger _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RoomControlFactory>();

    /// <inheritdoc />
    public IRoomComponent Create(RoomSessionState state) =>
        new RoomControl(state.RoomName, events, timeProvider ?? TimeProvider.System, options.Value.MaxViewersPerRoom, _logger);
}
