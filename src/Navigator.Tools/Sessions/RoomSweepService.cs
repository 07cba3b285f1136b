using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Runs a sweep over the rooms every <see cref="Interval"/> on the manager's injected
/// <see cref="TimeProvider"/> (a periodic timer, the way the MCP SDK prunes idle sessions); a zero
/// or negative interval turns it off. A failed sweep is logged and the next one runs on time.
/// </summary>
public abstract partial class RoomSweepService(RoomSessionManager manager, ILogger logger) : BackgroundService
{
    /// <summary>The rooms swept.</summary>
    protected RoomSessionManager Manager => manager;

    /// <summary>Time between sweeps.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <inheritdoc />
    public override Task StartAsync(CancellationToken cancellationToken) =>
        Interval > TimeSpan.Zero ? base.StartAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>One sweep.</summary>
    protected abstract Task SweepAsync();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, manager.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(logger, GetType().Name, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The sweep stops with the host; the hosted service closes the remaining rooms.
        }
    }

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Room sweep {Sweep} failed")]
    private static partial void LogSweepFailed(ILogger logger, string sweep, Exception exception);
}
