using System.Text.Json;
using System.Text.Json.Nodes;
using Navigator.Actions.Dispatch;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions;

/// <summary>
/// Settling: after an action the dispatcher waits only for what the action started (a
/// navigation, network requests, a popup, finite animations) and returns at once when it started nothing.
/// </summary>
public sealed partial class ActionDispatcher
{
    /// <summary>The tracker of a tab, set up on first use (network events, dialogs, probe world).</summary>
    private async Task<TrackedPage> TrackAsync(BrowserPage page, CancellationToken cancellationToken)
    {
        var entry = _pages.GetOrAdd(page.TargetId, _ => new Lazy<Task<TrackedPage>>(
            () => TrackedPage.StartAsync(page, Time, Options.DialogAutoDismissAfter, CancellationToken.None)));
        try
        {
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (CdpException)
        {
            _pages.TryRemove(new KeyValuePair<string, Lazy<Task<TrackedPage>>>(page.TargetId, entry));
            throw;
        }
    }

    /// <summary>The active tab, tracked; fails with dialog_open when a dialog blocks it.</summary>
    private async Task<TrackedPage> ActivePageAsync(CancellationToken cancellationToken, bool allowDialog = false)
    {
        if (_browserCrashed)
        {
            throw new ActionException(ActionErrorCodes.BrowserCrashed, "The browser crashed; the session must be reopened");
        }

        if (Session.IsClosed)
        {
            throw new ActionException(ActionErrorCodes.SessionClosed, "The browser session is closed");
        }

        var page = await TrackAsync(Session.ActivePage, cancellationToken);
        Follow(page);
        if (page.Crashed)
        {
            throw new ActionException(ActionErrorCodes.BrowserCrashed, "The tab's renderer crashed; reload it (refresh) or open it again");
        }

        if (!allowDialog && page.Dialog is { } dialog)
        {
            throw new ActionException(ActionErrorCodes.DialogOpen,
                $"A {dialog.Type} dialog is open on this tab (\"{Shorten(dialog.Message, 200)}\"); answer it with handle_dialog (accept true/false) first");
        }

        return page;
    }

    /// <summary>Marks the tab's counters before an action, and starts reading its mutation count.</summary>
    private ActionRun Begin(TrackedPage page, CancellationToken cancellationToken)
    {
        Follow(page);
        return new(page, page.Mark(), Interlocked.Read(ref _pagesOpened), ProbeAsync(page, cancellationToken), page.DialogOpened.Next);
    }

    /// <summary>
    /// Runs the action's page work, but stops waiting when it opens a dialog (the page is then
    /// blocked, and its pending commands only finish once the dialog is answered).
    /// </summary>
    private static async Task<ActionResult> GuardDialogAsync(ActionRun run, string actionType, Func<Task<ActionResult>> work)
    {
        var task = work();
        var first = await Task.WhenAny(task, run.DialogOpened);
        if (first == task)
        {
            return await task;
        }

        _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

        // A crash wakes dialog waiters too (the page will not answer either way); it is no dialog.
        if (run.Page.Crashed)
        {
            throw ActionWatch.RendererCrashed();
        }

        var dialog = run.Page.Dialog;
        return new ActionResult
        {
            ActionType = actionType,
            Success = true,
            PageChanged = true,
            Url = run.Page.Page.Url,
            Data = dialog is null ? null : ToElement(new JsonObject { ["dialog"] = JsonNode.Parse(DialogData(dialog).GetRawText()) }),
        };
    }

    /// <summary>
    /// Waits for what the action started, then fills URL, title, PageChanged and Navigated.
    /// </summary>
    private async Task<ActionResult> FinishAsync(ActionRun run, ActionResult result, CancellationToken cancellationToken)
    {
        var page = run.Page;

        // The probe is a round trip to the renderer: events the action caused there arrive before its answer.
        var probe = await ProbeAsync(page, cancellationToken);
        if (_actedInFrame is { } frame)
        {
            // The same for the frame's own process: the requests the action started there are counted before we look.
            await RoundTripAsync(frame, cancellationToken);
        }

        var data = result.Data is { } existing ? JsonNode.Parse(existing.GetRawText())!.AsObject() : [];
        if (page.Dialog is { } dialog && page.Mark().DialogsOpened > run.Mark.DialogsOpened)
        {
            data["dialog"] = JsonNode.Parse(DialogData(dialog).GetRawText());
            return result with { PageChanged = true, Url = page.Page.Url, Data = ToElement(data) };
        }

        var waited = false;
        var stillLoading = false;
        var activePage = page;
        if (Interlocked.Read(ref _pagesOpened) > run.PagesOpened || page.Mark().WindowsOpened > run.Mark.WindowsOpened)
        {
            var popup = await WaitForPopupAsync(run, cancellationToken);
            if (popup is not null)
            {
                activePage = popup;
                data["tab_opened"] = new JsonObject { ["target_id"] = popup.Page.TargetId, ["url"] = popup.Page.Url };
                waited = true;
            }
        }

        var mark = page.Mark();
        var navigated = mark.Documents > run.Mark.Documents;
        // Only a navigation the action started is waited for: a page that was already loading
        // (a response held open, a slow subresource) is not the action's doing.
        if (mark.NavigationsStarted > run.Mark.NavigationsStarted)
        {
            stillLoading = !await WaitForNavigationAsync(run, cancellationToken);
            navigated = page.Mark().Documents > run.Mark.Documents;
            waited = true;
        }

        if (page.Mark().RequestsStarted > run.Mark.RequestsStarted)
        {
            await WaitForNetworkIdleAsync(run, cancellationToken);
            waited = true;
        }

        var before = await run.ProbeBefore;
        if (!navigated && activePage == page && before?.TimelineTime is { } since && await WaitForAnimationsAsync(page, since, cancellationToken))
        {
            waited = true;
        }

        if (waited)
        {
            probe = await ProbeAsync(activePage, cancellationToken);
        }

        var sameDocument = page.Mark().SameDocumentNavigations > run.Mark.SameDocumentNavigations;
        var mutated = before is not null && probe is not null && !navigated && probe.Mutations > before.Mutations;
        if (stillLoading)
        {
            data["still_loading"] = true;
        }

        return result with
        {
            Url = probe?.Url ?? activePage.Page.Url,
            Title = probe?.Title,
            Navigated = navigated,
            PageChanged = result.PageChanged || navigated || sameDocument || mutated || activePage != page || probe?.Mutations < 0 || _actedInFrame is not null,
            Data = data.Count == 0 ? null : ToElement(data),
        };
    }

    /// <summary>
    /// Reads the probe world (or the main world when the probe is not installed yet). Null when
    /// the page cannot answer: gone, or blocked by a dialog (which stops script execution).
    /// </summary>
    private static async Task<PageProbe?> ProbeAsync(TrackedPage page, CancellationToken cancellationToken)
    {
        if (page.Page.IsClosed || page.Dialog is not null)
        {
            return null;
        }

        var dialog = page.DialogOpened.Next;
        var context = page.ProbeContextId;
        var evaluate = page.Page.Cdp.SendAsync(new RuntimeEvaluateRequest
        {
            Expression = PageScripts.ProbeRead,
            ContextId = context == 0 ? null : context,
            ReturnByValue = true,
        }, cancellationToken);
        if (await Task.WhenAny(evaluate, dialog) != evaluate)
        {
            _ = evaluate.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return null;
        }

        try
        {
            var response = await evaluate;
            if (response.Result.Value is not { ValueKind: JsonValueKind.Array } value || value.GetArrayLength() < 3)
            {
                return null;
            }

            double? timeline = value.GetArrayLength() > 3 && value[3].ValueKind == JsonValueKind.Number ? value[3].GetDouble() : null;
            return new PageProbe(value[0].GetInt64(), value[1].GetString() ?? string.Empty, value[2].GetString() ?? string.Empty, timeline);
        }
        catch (CdpProtocolException)
        {
            // The context went away with a navigation; the settle logic sees that from events.
            return null;
        }
        catch (CdpSessionDetachedException)
        {
            return null;
        }
    }

    private static async Task RoundTripAsync(BrowserFrame frame, CancellationToken cancellationToken)
    {
        try
        {
            await frame.Cdp.SendAsync(new RuntimeEvaluateRequest { Expression = "0", ReturnByValue = true }, cancellationToken);
        }
        catch (CdpException ex) when (ex is CdpProtocolException or CdpSessionDetachedException)
        {
            // The frame went away with the action (it navigated or was removed): nothing to wait for there.
        }
    }

    /// <summary>
    /// Waits (bounded) for the finite animations and transitions that started since the timeline
    /// time <paramref name="since"/> read before the action; true when there were any. Asked in the
    /// probe world, and given up when a dialog opens (it stops the page's scripts).
    /// </summary>
    private async Task<bool> WaitForAnimationsAsync(TrackedPage page, double since, CancellationToken cancellationToken)
    {
        var bound = Options.AnimationSettleTimeout;
        if (bound <= TimeSpan.Zero || page.Page.IsClosed || page.Dialog is not null || page.ProbeContextId is var context && context == 0)
        {
            return false;
        }

        var dialog = page.DialogOpened.Next;
        var evaluate = page.Page.Cdp.SendAsync(new RuntimeEvaluateRequest
        {
            Expression = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({PageScripts.WaitForAnimations})({since}, {bound.TotalMilliseconds})"),
            ContextId = context,
            AwaitPromise = true,
            ReturnByValue = true,
        }, bound + TimeSpan.FromSeconds(5), cancellationToken);
        if (await Task.WhenAny(evaluate, dialog) != evaluate)
        {
            _ = evaluate.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return false;
        }

        try
        {
            var response = await evaluate;
            return response.Result.Value is { ValueKind: JsonValueKind.Number } waitedFor && waitedFor.GetInt32() > 0;
        }
        catch (CdpException ex) when (ex is CdpProtocolException or CdpSessionDetachedException)
        {
            // The document went away (the action navigated late): nothing left to wait for.
            return false;
        }
    }

    /// <summary>Waits until the navigation the action started has loaded; false when the bound ran out first.</summary>
    private async Task<bool> WaitForNavigationAsync(ActionRun run, CancellationToken cancellationToken)
    {
        var page = run.Page;
        var started = Time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.NavigationSettleTimeout);
        while (true)
        {
            var next = page.Activity.Next;
            var mark = page.Mark();
            var finished = !page.MainFrameLoading && (mark.Documents > run.Mark.Documents || mark.LoadsStopped > run.Mark.LoadsStopped);

            // A requested navigation that never starts loading (cancelled, prevented) is over after a short grace.
            var neverStarted = !page.MainFrameLoading && mark.LoadsStopped == run.Mark.LoadsStopped && mark.Documents == run.Mark.Documents
                && Time.GetElapsedTime(started) > TimeSpan.FromMilliseconds(500);
            if (finished || neverStarted || page.Page.IsClosed || page.Dialog is not null)
            {
                return true;
            }

            var grace = Task.Delay(TimeSpan.FromMilliseconds(100), Time, deadline.Token);
            try
            {
                await Task.WhenAny(next, run.DialogOpened, page.Page.Closed, grace).WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }

    /// <summary>Waits until the requests started since the action finished and the network stayed quiet for a moment.</summary>
    private async Task WaitForNetworkIdleAsync(ActionRun run, CancellationToken cancellationToken)
    {
        var page = run.Page;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.NetworkSettleTimeout);
        try
        {
            while (!page.Page.IsClosed && page.Dialog is null)
            {
                var next = page.Activity.Next;
                if (page.RequestsInFlightSince(run.Mark) > 0)
                {
                    await Task.WhenAny(next, run.DialogOpened, page.Page.Closed).WaitAsync(deadline.Token);
                    continue;
                }

                // Quiet is counted from the last request's end: after a long load (a big
                // document parsing after its last response) the window has already passed.
                var startedSoFar = page.Mark().RequestsStarted;
                var remaining = Options.NetworkQuietWindow - page.NetworkQuietFor;
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(remaining, Time, deadline.Token);
                }

                if (page.Mark().RequestsStarted == startedSoFar && page.RequestsInFlightSince(run.Mark) == 0)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Bounded: long polls and streaming responses do not hold the action forever.
        }
    }

    /// <summary>Waits for a tab the action opened and for its first page to load.</summary>
    private async Task<TrackedPage?> WaitForPopupAsync(ActionRun run, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.PopupTimeout);
        try
        {
            var known = _pages.Keys.ToHashSet(StringComparer.Ordinal);
            BrowserPage? popup;
            while (true)
            {
                var next = _pageOpened.Next;
                popup = Session.Pages.FirstOrDefault(p => p.OpenerId == run.Page.Page.TargetId && !known.Contains(p.TargetId))
                    ?? Session.Pages.LastOrDefault(p => !known.Contains(p.TargetId) && Interlocked.Read(ref _pagesOpened) > run.PagesOpened);
                if (popup is not null)
                {
                    break;
                }

                await next.WaitAsync(deadline.Token);
            }

            var tracked = await TrackAsync(popup, deadline.Token);
            await WaitForLoadAsync(popup, deadline.Token);
            return tracked;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (CdpException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until the tab's document has loaded. Asks the page itself, which also covers
    /// documents that loaded before we looked and restores from history.
    /// </summary>
    private static async Task WaitForLoadAsync(BrowserPage page, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5 && !page.IsClosed; attempt++)
        {
            if (page.Url == "about:blank" && page.LoadState != PageLoadState.Complete)
            {
                // A popup still on its initial blank document: wait for the real one to commit.
                var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                void OnUrl(object? sender, string url) => committed.TrySetResult();
                page.UrlChanged += OnUrl;
                try
                {
                    await committed.Task.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // It may really be about:blank.
                }
                finally
                {
                    page.UrlChanged -= OnUrl;
                }
            }

            try
            {
                await page.Cdp.SendAsync(new RuntimeEvaluateRequest { Expression = PageScripts.WaitForLoad, AwaitPromise = true, ReturnByValue = true }, cancellationToken);
                return;
            }
            catch (CdpProtocolException)
            {
                // The document was replaced while we waited; ask the new one.
            }
        }
    }

    private static JsonElement DialogData(OpenDialog dialog)
    {
        var node = new JsonObject
        {
            ["dialog"] = new JsonObject
            {
                ["type"] = dialog.Type,
                ["message"] = dialog.Message,
                ["default_prompt"] = dialog.DefaultPrompt,
            },
        };
        return ToElement(node)!.Value.GetProperty("dialog");
    }

    private static JsonElement? ToElement(JsonObject node) => JsonElement.Parse(node.ToJsonString());

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
