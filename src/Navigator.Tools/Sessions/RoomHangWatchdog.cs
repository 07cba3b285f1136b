using Microsoft.Extensions.Logging;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Looks for hung pages in rooms with no call running every <see cref="SessionManagerOptions.HangCheckInterval"/>
/// (a periodic timer on the injected <see cref="TimeProvider"/>), so clients hear of a hang
/// (browser_error, page_unresponsive) without having to call first.
/// </summary>
public sealed class RoomHangWatchdog(RoomSessionManager manager, ILogger<RoomHangWatchdog> logger) : RoomSweepService(manager, logger)
{
    /// <inheritdoc />
    protected override TimeSpan Interval => Manager.Options.HangCheckInterval;

    /// <inheritdoc />
    protected override Task SweepAsync() => Manager.CheckHungAsync();
}
