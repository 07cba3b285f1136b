using Microsoft.Extensions.Logging;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Tools.Diagnostics;
using Navigator.Tools.Events;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Gives rooms their browser and takes it away: attaching a fresh browser (with the room's
/// components told), detaching it without waiting on its pages, noticing crashes, and closing
/// a room for good.
/// </summary>
internal sealed partial class RoomLifecycle(
    BrowserPool pool,
    ISessionDirectory directory,
    SessionManagerOptions options,
    PageStateBuilder stateBuilder,
    RoomEventPublisher publisher,
    RoomStateRecorder recorder,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    Navigator.Actions.Vision.IScreenTextLocator? textLocator = null)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<RoomLifecycle>();

    /// <summary>Raised (off the CDP read loop) when a room's browser crashed or closed under it.</summary>
    public event Action<RoomSession>? RoomCrashed;

    /// <summary>Creates a browser for the room from <paramref name="state"/> and tells the room's components.</summary>
    public async Task AttachAsync(RoomSession room, RoomSessionState state, CancellationToken cancellationToken)
    {
        BrowserSession? browser = null;
        // Reports raised before the browser is the room's (while it is set up) are not the room's yet.
        var callbacks = new RoomBrowserCallbacks(
            url =>
            {
                if (browser is not null)
                {
                    recorder.OnUrlChanged(room, browser, url);
                }
            },
            () =>
            {
                if (browser is not null)
                {
                    recorder.OnLoadComplete(room, browser);
                }
            },
            message =>
            {
                if (browser is not null)
                {
                    OnCrashed(room, browser, message);
                }
            });
        var attachment = await RoomBrowser.CreateAsync(state, pool, options, stateBuilder, publisher, callbacks, time, loggerFactory, textLocator, cancellationToken);
        browser = attachment.Browser;
        room.Attachment = attachment;
        foreach (var component in room.Components)
        {
            await component.OnBrowserAttachedAsync(browser, cancellationToken);
        }
    }

    /// <summary>Tears down the room's browser, if it has one.</summary>
    public static async Task DetachAsync(RoomSession room)
    {
        var attachment = room.Attachment;
        room.Attachment = null;
        if (attachment is null)
        {
            return;
        }

        foreach (var component in room.Components)
        {
            await component.OnBrowserDetachingAsync(attachment.Browser);
        }

        await attachment.DisposeAsync();
    }

    /// <summary>
    /// Closes the room: cancels its calls, gives a running one a moment to stop, tears the browser
    /// down whatever the page is doing, disposes the room's components and tells its clients.
    /// </summary>
    public async Task CloseAsync(RoomSession room, string reason)
    {
        if (!room.TryBeginClose())
        {
            return;
        }

        room.Status = RoomSessionStatus.Closed;
        await room.Lifetime.CancelAsync();
        var acquired = false;
        try
        {
            acquired = await room.Gate.WaitAsync(options.CloseTimeout);
        }
        finally
        {
            await DetachAsync(room);
            foreach (var component in room.Components)
            {
                await component.DisposeAsync();
            }

            await directory.RemoveAsync(room.RoomName, CancellationToken.None);
            if (acquired)
            {
                room.Gate.Release();
            }
        }

        publisher.Publish(room.RoomName, new SessionClosedEvent { RoomName = room.RoomName, Reason = reason, Timestamp = publisher.NowSeconds });
        LogClosed(_logger, room.RoomName, reason);
    }

    private void OnCrashed(RoomSession room, BrowserSession browser, string message)
    {
        if (!ReferenceEquals(room.Browser, browser) || room.Status is RoomSessionStatus.Closed or RoomSessionStatus.Recovering || room.IsClosing)
        {
            return;
        }

        room.Status = RoomSessionStatus.Crashed;
        ToolTelemetry.RoomFault(crashed: true);
        recorder.Update(room, s => s.WithFault(s.CurrentUrl));
        LogCrashed(_logger, room.RoomName, message);
        if (RoomCrashed is { } handler)
        {
            // Off the CDP read loop: handlers may start a recovery.
            _ = Task.Run(() => handler(room));
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Room {RoomName}: session closed ({Reason})")]
    private static partial void LogClosed(ILogger logger, string roomName, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Room {RoomName}: browser crashed: {Reason}")]
    private static partial void LogCrashed(ILogger logger, string roomName, string reason);
}
