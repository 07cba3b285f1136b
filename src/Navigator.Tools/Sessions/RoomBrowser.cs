using Microsoft.Extensions.Logging;
using Navigator.Actions;
using Navigator.Actions.Changes;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Cdp;

namespace Navigator.Tools.Sessions;

/// <summary>
/// One browser a room has (a room gets a new one on each recovery): the browser context, the
/// dispatcher that acts on it, the monitor that watches it and the translator that turns what
/// happens into room events. Disposing tears it down without waiting on its pages.
/// </summary>
internal sealed partial class RoomBrowser : IAsyncDisposable
{
    private readonly string _roomName;
    private readonly ILogger _logger;
    private RoomEventTranslator? _translator;
    private int _disposed;

    private RoomBrowser(string roomName, BrowserSession browser, ActionDispatcher dispatcher, PageChangeMonitor monitor, ILogger logger)
    {
        _roomName = roomName;
        Browser = browser;
        Dispatcher = dispatcher;
        Monitor = monitor;
        Dialogs = new PageDialogs(browser);
        _logger = logger;
    }

    public BrowserSession Browser { get; }

    public ActionDispatcher Dispatcher { get; }

    public PageChangeMonitor Monitor { get; }

    /// <summary>Which tabs show a JavaScript dialog (for the hang watchdog).</summary>
    public PageDialogs Dialogs { get; }

    /// <summary>Creates a browser context for the room and starts following it.</summary>
    public static async Task<RoomBrowser> CreateAsync(
        RoomSessionState state,
        BrowserPool pool,
        SessionManagerOptions options,
        PageStateBuilder stateBuilder,
        RoomEventPublisher publisher,
        RoomBrowserCallbacks callbacks,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        Navigator.Actions.Vision.IScreenTextLocator? textLocator,
        Navigator.Actions.Marks.IScreenshotMarker? marker,
        Navigator.Actions.Correction.IScreenTargetFinder? targetFinder,
        CancellationToken cancellationToken)
    {
        var browser = await pool.CreateSessionAsync(state.ToBrowserSessionOptions([.. options.BlockedDomains]), cancellationToken);
        var actions = state.SelfCorrect is { } policy ? options.Actions with { SelfCorrection = policy } : options.Actions;
        var dispatcher = new ActionDispatcher(browser, stateBuilder, actions, time, loggerFactory) { TextLocator = textLocator, Marker = marker, TargetFinder = targetFinder };
        var monitor = new PageChangeMonitor(browser, options.Changes, time);
        var attached = new RoomBrowser(state.RoomName, browser, dispatcher, monitor, loggerFactory.CreateLogger<RoomBrowser>());
        try
        {
            attached._translator = new RoomEventTranslator(state.RoomName, browser, monitor, publisher, options.UrlChangeWindow, time, callbacks);
            await monitor.StartAsync(cancellationToken);
            return attached;
        }
        catch
        {
            await attached.DisposeAsync();
            throw;
        }
    }

    /// <summary>Records and reports a URL change still held in the coalescing window.</summary>
    public void FlushPendingUrl() => _translator?.FlushPendingUrl();

    /// <summary>
    /// Stops the events first (a deliberate close is no crash), then closes the browser context,
    /// which discards the page scripts and bindings of the monitor and dispatcher with it: nothing
    /// is sent to a renderer that may be crashed, frozen or showing a dialog.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _translator?.Dispose();
        Dialogs.Dispose();
        try
        {
            await Browser.DisposeAsync();
            await Monitor.DisposeAsync();
            await Dispatcher.DisposeAsync();
        }
        catch (Exception ex) when (ex is CdpException or BrowserException or ObjectDisposedException or OperationCanceledException)
        {
            LogDisposeFailed(_logger, _roomName, ex);
        }
    }

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Room {RoomName}: disposing the browser session failed")]
    private static partial void LogDisposeFailed(ILogger logger, string roomName, Exception exception);
}
