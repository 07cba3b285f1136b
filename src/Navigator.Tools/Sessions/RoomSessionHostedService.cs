using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Navigator.Browser;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Starts the browser pool in the background (startup never waits for Chromium) and closes
/// every room and browser on shutdown. Idle rooms are closed by <see cref="IdleRoomReaper"/>.
/// </summary>
public sealed partial class RoomSessionHostedService : IHostedLifecycleService, IAsyncDisposable
{
    private readonly RoomSessionManager _manager;
    private readonly BrowserPoolStatus _status;
    private readonly SessionsShutdown _shutdown;
    private readonly ILogger<RoomSessionHostedService> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _warmUp = Task.CompletedTask;
    private int _disposed;

    /// <summary>Creates the service.</summary>
    public RoomSessionHostedService(RoomSessionManager manager, BrowserPoolStatus status, SessionsShutdown shutdown, ILogger<RoomSessionHostedService> logger)
    {
        _manager = manager;
        _status = status;
        _shutdown = shutdown;
        _logger = logger;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_manager.Options.WarmUpOnStart)
        {
            _status.SetWarming();
            _warmUp = Task.Run(WarmUpAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Closes every room before the application's stopping signal, so event clients still
    /// receive session_closed before their sockets are closed.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _manager.CloseAllAsync(RoomSessionManager.ReasonShutdown);
        _shutdown.SignalRoomsClosed();
    }

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _manager.CloseAllAsync(RoomSessionManager.ReasonShutdown);
        _shutdown.SignalRoomsClosed();
        await _warmUp.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _manager.Pool.DisposeAsync();
    }

    private async Task WarmUpAsync()
    {
        try
        {
            await _manager.Pool.WarmUpAsync(_stopping.Token);
            _status.SetReady();
            LogWarm(_logger, _manager.Pool.BrowserCount);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutdown began before the pool was warm; nothing to report.
        }
        catch (Exception ex) when (ex is BrowserException or Navigator.Cdp.CdpException or ObjectDisposedException)
        {
            // Sessions will try again on demand; health reports the reason meanwhile.
            _status.SetFailed(ex.Message);
            LogWarmFailed(_logger, ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _stopping.CancelAsync();
            _stopping.Dispose();
        }
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Browser pool warm ({Browsers} browser(s))")]
    private static partial void LogWarm(ILogger logger, int browsers);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Warming the browser pool failed; sessions will retry on demand")]
    private static partial void LogWarmFailed(ILogger logger, Exception exception);
}
