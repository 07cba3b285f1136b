using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Navigator.Actions.Commands;
using Navigator.Actions.Dispatch;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions;

/// <summary>Navigation actions: navigate, go_back, go_forward, refresh, wait.</summary>
public sealed partial class ActionDispatcher
{
    private async Task<ActionResult> NavigateAsync(NavigateCommand command, CancellationToken cancellationToken)
    {
        var url = UrlNormalizer.Normalize(command.Url)!;
        var timeout = command.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
        if (command.NewTab)
        {
            var opened = await Session.OpenTabAsync("about:blank", cancellationToken);
            var tracked = await TrackAsync(opened, cancellationToken);
            var openRun = Begin(tracked, cancellationToken);
            return await GuardDialogAsync(openRun, ActionTypes.Navigate, async () =>
            {
                await opened.NavigateAsync(url, NavigationWaitUntil.Load, timeout, cancellationToken);
                var result = await FinishAsync(openRun, new ActionResult { ActionType = ActionTypes.Navigate, Success = true, PageChanged = true }, cancellationToken);
                return result with { Navigated = true };
            });
        }

        var page = await ActivePageAsync(cancellationToken);
        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, ActionTypes.Navigate, async () =>
        {
            var response = await page.Page.NavigateAsync(url, NavigationWaitUntil.Load, timeout, cancellationToken);
            var result = await FinishAsync(run, new ActionResult { ActionType = ActionTypes.Navigate, Success = true, PageChanged = true }, cancellationToken);
            return result with { Navigated = response.LoaderId is not null || result.Navigated };
        });
    }

    private async Task<ActionResult> HistoryAsync(string actionType, int delta, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        var history = await page.Page.SendAsync(new PageGetNavigationHistoryRequest(), cancellationToken);
        var target = history.CurrentIndex + delta;
        if (target < 0 || target >= history.Entries.Count)
        {
            throw new ActionException(ActionErrorCodes.NoHistory, delta < 0
                ? "There is no previous page in this tab's history"
                : "There is no next page in this tab's history (go_forward only works after go_back)");
        }

        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, actionType, async () =>
        {
            await page.Page.SendAsync(new PageNavigateToHistoryEntryRequest { EntryId = history.Entries[target].Id }, cancellationToken);
            await WaitForCommitAsync(run, Options.NavigationSettleTimeout, $"{actionType} to {history.Entries[target].Url}", cancellationToken);
            return await FinishAsync(run, new ActionResult { ActionType = actionType, Success = true, PageChanged = true }, cancellationToken);
        });
    }

    private async Task<ActionResult> RefreshAsync(CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, ActionTypes.Refresh, async () =>
        {
            await page.Page.SendAsync(new PageReloadRequest(), cancellationToken);
            await WaitForCommitAsync(run, Options.NavigationSettleTimeout, $"reloading {page.Page.Url}", cancellationToken);
            return await FinishAsync(run, new ActionResult { ActionType = ActionTypes.Refresh, Success = true, PageChanged = true }, cancellationToken);
        });
    }

    private async Task<ActionResult> WaitAsync(WaitCommand command, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken, allowDialog: command.Seconds is not null);
        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, ActionTypes.Wait, async () =>
        {
            var started = Time.GetTimestamp();
            if (command.Seconds is { } seconds)
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), Time, cancellationToken);
            }
            else if (command.Navigation)
            {
                await WaitForCommitAsync(run, TimeSpan.FromMilliseconds(command.TimeoutMs), "waiting for a navigation", cancellationToken);
            }
            else
            {
                await WaitForConditionAsync(page, command, cancellationToken);
            }

            var data = new JsonObject { ["waited_ms"] = Math.Round(Time.GetElapsedTime(started).TotalMilliseconds, 1) };
            return await FinishAsync(run, new ActionResult { ActionType = ActionTypes.Wait, Success = true, Data = ToElement(data) }, cancellationToken);
        });
    }

    private async Task WaitForConditionAsync(TrackedPage page, WaitCommand command, CancellationToken cancellationToken)
    {
        var what = command.Text is not null ? $"the text \"{command.Text}\"" : $"an element matching '{command.Selector}'";
        var deadline = Time.GetTimestamp() + (long)(command.TimeoutMs / 1000.0 * Time.TimestampFrequency);
        while (true)
        {
            var remaining = (deadline - Time.GetTimestamp()) * 1000.0 / Time.TimestampFrequency;
            if (remaining <= 0)
            {
                break;
            }

            var argument = new JsonObject { ["text"] = command.Text, ["selector"] = command.Selector, ["timeoutMs"] = Math.Ceiling(remaining) };
            RuntimeEvaluateResponse response;
            try
            {
                response = await page.Page.Cdp.SendAsync(new RuntimeEvaluateRequest
                {
                    Expression = $"({PageScripts.WaitForCondition})({argument.ToJsonString()})",
                    AwaitPromise = true,
                    ReturnByValue = true,
                }, cancellationToken);
            }
            catch (CdpProtocolException) when (!page.Crashed)
            {
                // The page navigated while we waited: look again in the new document.
                await WaitForLoadAsync(page.Page, cancellationToken);
                continue;
            }
            catch (CdpProtocolException)
            {
                throw ActionWatch.RendererCrashed();
            }

            if (response.ExceptionDetails is { } error)
            {
                var description = error.Exception?.Description ?? error.Text;
                throw description.Contains("SyntaxError", StringComparison.Ordinal) || description.Contains("not a valid selector", StringComparison.Ordinal)
                    ? new ActionException(ActionErrorCodes.InvalidParameter, $"wait: '{command.Selector}' is not a valid CSS selector")
                    : new ActionException(ActionErrorCodes.ScriptError, $"wait: the page threw: {description}");
            }

            if (response.Result.Value is { ValueKind: JsonValueKind.True })
            {
                return;
            }
        }

        throw new ActionException(ActionErrorCodes.Timeout, string.Create(CultureInfo.InvariantCulture, $"wait: {what} did not appear within {command.TimeoutMs} ms"));
    }

    /// <summary>Waits until the tab commits a new document or a same-document navigation after the action began.</summary>
    private static async Task WaitForCommitAsync(ActionRun run, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var page = run.Page;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var next = page.Activity.Next;
                var mark = page.Mark();
                if (mark.Documents > run.Mark.Documents || mark.SameDocumentNavigations > run.Mark.SameDocumentNavigations)
                {
                    return;
                }

                if (page.Page.IsClosed)
                {
                    throw new CdpSessionDetachedException(page.Page.TargetId, what);
                }

                await Task.WhenAny(next, page.Page.Closed).WaitAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ActionException(ActionErrorCodes.Timeout, string.Create(CultureInfo.InvariantCulture, $"No navigation happened within {timeout.TotalMilliseconds:0} ms ({what})"));
        }
    }
}
