using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Closes rooms that had no call for longer than <see cref="SessionManagerOptions.IdleTimeout"/>,
/// the way the MCP SDK prunes idle HTTP sessions: a periodic timer on the injected
/// <see cref="TimeProvider"/>, activity kept as timestamps, and a room with a call running or
/// queued never counts as idle.
/// </summary>
public sealed partial class IdleRoomReaper(RoomSessionManager manager, ILogger<IdleRoomReaper> logger) : BackgroundService
{
    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken) =>
        manager.Options.IdleTimeout > TimeSpan.Zero ? base.StartAsync(cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(manager.Options.EffectiveSweepInterval, manager.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await manager.CloseIdleAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The sweep stops with the host; the hosted service closes the remaining rooms.
        }
    }

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Closing idle rooms failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
