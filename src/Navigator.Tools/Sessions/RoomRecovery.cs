using Microsoft.Extensions.Logging;
using Navigator.Browser;
using Navigator.Browser.Security;
using Navigator.Cdp;
using Navigator.Tools.Diagnostics;
using Navigator.Tools.Events;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Rebuilds a room's browser from its state (options, cookies, last URL) when it crashed or stopped
/// answering. Never waits on the old page, dismisses dialogs while reopening the page, does not
/// wait for a load that may never come, and does not walk back into a page that already crashed
/// or hung <see cref="SessionManagerOptions.SafePageAfterFaults"/> times: that room lands on
/// about:blank with a note saying why.
/// </summary>
internal sealed partial class RoomRecovery(
    RoomLifecycle lifecycle,
    RoomStateRecorder recorder,
    RoomEventPublisher publisher,
    SessionManagerOptions options,
    ILogger logger)
{
    /// <summary>Where a room goes when its page keeps failing.</summary>
    public const string SafePage = "about:blank";

    /// <summary>Runs inside the room's queue. Returns the room as it is now, whether it was rebuilt, and a note.</summary>
    public async Task<RecoveryOutcome> RecoverAsync(RoomSession room, bool force, CancellationToken cancellationToken)
    {
        var rebuilding = false;
        try
        {
            var outcome = await RecoverCoreAsync(room, force, () => rebuilding = true, cancellationToken);
            if (outcome.Rebuilt)
            {
                ToolTelemetry.Recovered(outcome.OnSafePage ? "safe_page" : "rebuilt");
            }

            return outcome;
        }
        catch when (rebuilding)
        {
            ToolTelemetry.Recovered("failed");
            throw;
        }
    }

    private async Task<RecoveryOutcome> RecoverCoreAsync(RoomSession room, bool force, Action rebuilding, CancellationToken cancellationToken)
    {
        // A URL change still held in the coalescing window is where the room is: rebuild there.
        room.Attachment?.FlushPendingUrl();
        var old = room.Browser;
        var crashed = room.Status == RoomSessionStatus.Crashed || old is null or { IsClosed: true };
        if (!crashed)
        {
            if (await IsResponsiveAsync(old, room.Attachment?.Dialogs, options.ResponsivenessProbeTimeout, cancellationToken))
            {
                if (!force)
                {
                    return new RecoveryOutcome(room.ToInfo(), false);
                }
            }
            else
            {
                recorder.Update(room, s => s.WithFault(s.CurrentUrl));
                if (room.TryMarkUnresponsive())
                {
                    // Not yet reported by the hang watchdog.
                    ToolTelemetry.RoomFault(crashed: false);
                }

                LogHung(logger, room.RoomName, room.State.CurrentUrl);
            }
        }

        rebuilding();
        var cookies = await RoomStateRecorder.ReadCookiesAsync(old, cancellationToken);
        var state = recorder.Update(room, s => s with { Cookies = cookies ?? s.Cookies, Recoveries = s.Recoveries + 1 });
        room.Status = RoomSessionStatus.Recovering;
        await RoomLifecycle.DetachAsync(room);
        await lifecycle.AttachAsync(room, state, cancellationToken);
        room.MarkResponsive();
        if (room.Browser is { } browser)
        {
            await browser.TrySetCookiesAsync(state.Cookies, cancellationToken);
        }

        string? note = null;
        if (state.Faults >= options.SafePageAfterFaults && state.FaultUrl == state.CurrentUrl && state.CurrentUrl != SafePage)
        {
            note = $"The page {state.CurrentUrl} crashed or stopped responding {state.Faults} times, so the session was rebuilt on {SafePage} instead of reopening it; navigate there again only if needed";
            LogSafePage(logger, room.RoomName, state.CurrentUrl, state.Faults);
            state = recorder.Update(room, s => s with { CurrentUrl = SafePage, FaultUrl = null, Faults = 0 });
        }

        room.Status = state.Paused ? RoomSessionStatus.Paused : RoomSessionStatus.Active;
        publisher.Publish(room.RoomName, new SessionStartedEvent { RoomName = room.RoomName, Url = state.CurrentUrl, Recovered = true, Timestamp = publisher.NowSeconds });
        LogRecovered(logger, room.RoomName, state.CurrentUrl);
        var warning = await ReopenAsync(room, state.CurrentUrl, cancellationToken);
        return new RecoveryOutcome(room.ToInfo(note ?? warning), true, note is not null);
    }

    /// <summary>
    /// Opens the room's page again: dialogs the page opens while loading are dismissed, and the
    /// room is usable once the document committed (a page that never finishes loading must not hold
    /// the recovery). Returns why the page is not there, if it is not.
    /// </summary>
    private async Task<string?> ReopenAsync(RoomSession room, string url, CancellationToken cancellationToken)
    {
        if (url == SafePage || room.Browser is not { IsClosed: false } browser)
        {
            return null;
        }

        var page = browser.ActivePage;
        using var dialogs = page.DismissDialogs();
        try
        {
            await page.NavigateAsync(url, NavigationWaitUntil.Commit, options.RecoveryNavigationTimeout, cancellationToken);
            await WaitForLoadAsync(page, options.RecoveryLoadWait, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is NavigationException or NavigationTimeoutException or NavigationBlockedException)
        {
            // The session is usable; the agent hears why the page is not there.
            return ex.Message;
        }
    }

    /// <summary>Waits for the page's load event, at most <paramref name="limit"/>; a page that never loads is fine.</summary>
    private static async Task WaitForLoadAsync(BrowserPage page, TimeSpan limit, CancellationToken cancellationToken)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnState(object? sender, PageLoadState state)
        {
            if (state == PageLoadState.Complete)
            {
                loaded.TrySetResult();
            }
        }

        page.LoadStateChanged += OnState;
        try
        {
            if (page.LoadState != PageLoadState.Complete)
            {
                await loaded.Task.WaitAsync(limit, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            page.LoadStateChanged -= OnState;
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static async Task<bool> IsResponsiveAsync(BrowserSession? browser, PageDialogs? dialogs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // A page showing a dialog cannot answer a script: no need to wait the probe out to know.
        if (browser is null || browser.IsClosed || browser.Pages.Count == 0 || dialogs?.IsOpen(browser.ActivePage) == true)
        {
            return false;
        }

        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            await browser.ActivePage.EvaluateAsync("1", cancellationToken: limit.Token);
            return true;
        }
        catch (Exception ex) when (ex is CdpException or BrowserException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Room {RoomName}: session rebuilt at {Url}")]
    private static partial void LogRecovered(ILogger logger, string roomName, string url);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Room {RoomName}: the page {Url} stopped responding")]
    private static partial void LogHung(ILogger logger, string roomName, string url);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Room {RoomName}: {Url} failed {Faults} times; rebuilt on about:blank")]
    private static partial void LogSafePage(ILogger logger, string roomName, string url, int faults);
}

/// <summary>What a recovery did.</summary>
internal sealed record RecoveryOutcome(RoomSessionInfo Info, bool Rebuilt, bool OnSafePage = false);
