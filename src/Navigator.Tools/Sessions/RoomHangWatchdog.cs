using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Looks for hung pages in rooms with no call running every <see cref="SessionManagerOptions.HangCheckInterval"/>
/// (a periodic timer on the injected <see cref="TimeProvider"/>), so clients hear of a hang
/// (browser_error) without having to call first.
/// </summary>
public sealed partial class RoomHangWatchdog(RoomSessionManager manager, ILogger<RoomHangWatchdog> logger) : BackgroundService
{
    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken) =>
        manager.Options.HangCheckInterval > TimeSpan.Zero ? base.StartAsync(cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(manager.Options.HangCheckInterval, manager.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await manager.CheckHungAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogCheckFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The check stops with the host.
        }
    }

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Checking rooms for hung pages failed")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
