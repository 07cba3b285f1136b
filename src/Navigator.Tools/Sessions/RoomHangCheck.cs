using System.Globalization;
using Microsoft.Extensions.Logging;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Tools.Diagnostics;
using Navigator.Tools.Events;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Notices a room whose page stopped answering while no call runs (a call's own watch covers the
/// page while it runs): the page is asked for <c>1</c> and given <see cref="SessionManagerOptions.HangTimeout"/>
/// on the room's clock. A hang is reported once (browser_error, <c>page_unresponsive</c>) until the
/// page answers again or the room is rebuilt; a page showing a dialog is not hung.
/// </summary>
internal sealed partial class RoomHangCheck(RoomEventPublisher publisher, SessionManagerOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Raised (off the caller's path) when a room was found hung.</summary>
    public event Action<RoomSession>? RoomHung;

    /// <summary>Checks one room; true when it was found hung now (and reported).</summary>
    public async Task<bool> CheckAsync(RoomSession room)
    {
        if (room.Status is not (RoomSessionStatus.Active or RoomSessionStatus.Paused) || room.IsClosing || room.InFlight > 0 || room.Attachment is not { } attachment)
        {
            return false;
        }

        // Never waits: a room whose gate is taken has a call running or starting.
        if (!await room.Gate.WaitAsync(0))
        {
            return false;
        }

        string url;
        try
        {
            if (!await IsHungAsync(room, attachment) || !room.TryMarkUnresponsive())
            {
                return false;
            }

            url = room.State.CurrentUrl;
        }
        finally
        {
            room.Gate.Release();
        }

        var seconds = options.HangTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        publisher.Publish(room.RoomName, new BrowserErrorEvent
        {
            Error = $"The page {url} has not answered for {seconds} s (a script may be looping); recover_browser_session rebuilds the room",
            ErrorCode = ToolErrorCodes.PageUnresponsive,
            Timestamp = publisher.NowSeconds,
        });
        ToolTelemetry.RoomFault(crashed: false);
        LogHung(logger, room.RoomName, url, options.HangTimeout.TotalSeconds);
        if (RoomHung is { } handler)
        {
            _ = Task.Run(() => handler(room));
        }

        return true;
    }

    private async Task<bool> IsHungAsync(RoomSession room, RoomBrowser attachment)
    {
        var browser = attachment.Browser;
        if (browser.IsClosed || browser.Pages.Count == 0)
        {
            return false;
        }

        var page = browser.ActivePage;
        if (attachment.Dialogs.IsOpen(page))
        {
            return false;
        }

        using var limit = new CancellationTokenSource(options.HangTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, room.Lifetime.Token);
        try
        {
            await page.EvaluateAsync("1", cancellationToken: linked.Token);
            room.MarkResponsive();
            return false;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !room.Lifetime.IsCancellationRequested)
        {
            // A dialog opened while we waited explains the silence.
            return ReferenceEquals(room.Attachment, attachment) && !attachment.Dialogs.IsOpen(page);
        }
        catch (Exception ex) when (ex is CdpException or BrowserException or OperationCanceledException)
        {
            // Crashed or closing: the crash path reports that.
            return false;
        }
    }

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Room {RoomName}: the page {Url} has not answered for {Seconds} s")]
    private static partial void LogHung(ILogger logger, string roomName, string url, double seconds);
}
