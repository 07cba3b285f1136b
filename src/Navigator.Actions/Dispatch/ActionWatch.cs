using System.Globalization;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions.Dispatch;

/// <summary>
/// Watches one action for faults its own steps cannot see: the renderer of a tab it works on
/// crashing (pending commands would wait out the CDP timeout), the browser dying (a plain delay
/// would run to its end), and the page no longer answering (a script stuck in a loop). The first
/// fault completes <see cref="Fault"/>; the dispatcher then abandons the action.
/// </summary>
internal sealed class ActionWatch : IAsyncDisposable
{
    private readonly TaskCompletionSource<ActionException> _fault = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly BrowserSession _session;
    private readonly TimeProvider _time;
    private readonly TimeSpan _responseTimeout;
    private readonly Task _watchdog;
    private volatile TrackedPage? _page;

    public ActionWatch(BrowserSession session, TimeProvider time, TimeSpan responseTimeout)
    {
        _session = session;
        _time = time;
        _responseTimeout = responseTimeout;
        _ = session.Browser.Connection.Closed.ContinueWith(_ => BrowserGone(), _stop.Token, TaskContinuationOptions.None, TaskScheduler.Default);
        _ = session.Closed.ContinueWith(_ => BrowserGone(), _stop.Token, TaskContinuationOptions.None, TaskScheduler.Default);
        _watchdog = WatchResponsesAsync(_stop.Token);
    }

    /// <summary>Completes with the error to report when a fault ends the action.</summary>
    public Task<ActionException> Fault => _fault.Task;

    /// <summary>Adds a tab the action works on: its crash ends the action, and it is the one checked for answers.</summary>
    public void Follow(TrackedPage page)
    {
        _page = page;
        _ = page.CrashedTask.ContinueWith(_ => Fail(RendererCrashed()), _stop.Token, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>The error for an action on a tab whose renderer crashed.</summary>
    public static ActionException RendererCrashed() => new(ActionErrorCodes.BrowserCrashed,
        "The tab's renderer crashed while the action ran; reload the page (refresh or navigate) or recover the session");

    /// <summary>The error for an action whose browser died.</summary>
    public static ActionException BrowserCrashed() => new(ActionErrorCodes.BrowserCrashed,
        "The browser process died while the action ran; the session must be recovered or reopened");

    /// <summary>
    /// Decides whether a failure of the action's steps came from a fault, without racing a timer
    /// on a loaded machine: a round trip to the browser process is answered after every event it
    /// sent before, so once it returns, a crash that caused the failure has been read (its target
    /// is marked crashed). Falls back to waiting up to <paramref name="grace"/> for the fault
    /// when the browser does not answer. True when a fault is known.
    /// </summary>
    public async Task<bool> SettleAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        try
        {
            await _session.Browser.Connection.Browser.SendAsync(new BrowserGetVersionRequest(), grace, cancellationToken);
        }
        catch (CdpException)
        {
            // The browser is gone or slow: its own signals (closed connection, exit) decide below.
        }

        if (_page is { Crashed: true })
        {
            Fail(RendererCrashed());
        }

        await Task.WhenAny(Fault, Task.Delay(Fault.IsCompleted ? TimeSpan.Zero : grace, _time, cancellationToken));
        return Fault.IsCompleted;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watchdog.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private void BrowserGone() => Fail(_session.Browser.Connection.IsClosed || !_session.Browser.IsAlive
        ? BrowserCrashed()
        : new ActionException(ActionErrorCodes.SessionClosed, "The browser session was closed while the action ran"));

    private void Fail(ActionException error) => _fault.TrySetResult(error);

    /// <summary>
    /// Asks the followed tab a trivial question every <c>responseTimeout / 4</c> while the action
    /// runs (an answer costs one round trip). A script stuck in a loop blocks the renderer's main
    /// thread, so the question goes unanswered: after <c>responseTimeout</c> the action fails with
    /// <c>timeout</c> instead of waiting out the CDP command timeout. An open dialog also blocks the
    /// page; that is not a hang, so it counts as an answer.
    /// </summary>
    private async Task WatchResponsesAsync(CancellationToken stop)
    {
        var interval = _responseTimeout / 4;
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(interval, _time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var page = _page;
            if (stop.IsCancellationRequested || page is null || page.Page.IsClosed || page.Crashed || page.Dialog is not null)
            {
                continue;
            }

            var dialog = page.DialogOpened.Next;
            using var round = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var ping = page.Page.Cdp.SendAsync(new RuntimeEvaluateRequest { Expression = "0", ReturnByValue = true }, _responseTimeout, round.Token);
            var bound = Task.Delay(_responseTimeout, _time, round.Token);
            var first = await Task.WhenAny(ping, dialog, bound, page.CrashedTask, page.Page.Closed);
            await round.CancelAsync();
            _ = ping.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            if (first == bound && !stop.IsCancellationRequested && page.Dialog is null && !page.Crashed)
            {
                Fail(new ActionException(ActionErrorCodes.Timeout, string.Create(CultureInfo.InvariantCulture,
                    $"The page stopped responding: it did not answer for {_responseTimeout.TotalSeconds:0.#} s (a script on it is busy, e.g. an endless loop). Navigate away or recover the session")));
                return;
            }

            if (first == ping && ping.Exception?.InnerException is CdpCommandTimeoutException)
            {
                Fail(new ActionException(ActionErrorCodes.Timeout, "The page stopped responding (a script on it is busy). Navigate away or recover the session"));
                return;
            }
        }
    }
}
