using Microsoft.Extensions.Logging;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Closes rooms that had no call for longer than <see cref="SessionManagerOptions.IdleTimeout"/>,
/// the way the MCP SDK prunes idle HTTP sessions: a periodic timer on the injected
/// <see cref="TimeProvider"/>, activity kept as timestamps, and a room with a call running or
/// queued never counts as idle.
/// </summary>
public sealed class IdleRoomReaper(RoomSessionManager manager, ILogger<IdleRoomReaper> logger) : RoomSweepService(manager, logger)
{
    /// <inheritdoc />
    protected override TimeSpan Interval => Manager.Options.IdleTimeout > TimeSpan.Zero ? Manager.Options.EffectiveSweepInterval : TimeSpan.Zero;

    /// <inheritdoc />
    protected override Task SweepAsync() => Manager.CloseIdleAsync();
}
