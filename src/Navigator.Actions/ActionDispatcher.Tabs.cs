using System.Text.Json.Nodes;
using Navigator.Actions.Commands;
using Navigator.Actions.Dispatch;
using Navigator.Browser;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions;

/// <summary>Tab actions (switch_tab, open_tab, close_tab) and handle_dialog.</summary>
public sealed partial class ActionDispatcher
{
    private async Task<ActionResult> SwitchTabAsync(SwitchTabCommand command, CancellationToken cancellationToken)
    {
        var page = FindTab(command.TabIndex, command.TargetId);
        await Session.ActivateAsync(page, cancellationToken);
        return await TabResultAsync(ActionTypes.SwitchTab, page, cancellationToken);
    }

    private async Task<ActionResult> OpenTabAsync(OpenTabCommand command, CancellationToken cancellationToken)
    {
        var url = command.Url is null ? "about:blank" : UrlNormalizer.Normalize(command.Url)!;
        var page = await Session.OpenTabAsync(url, cancellationToken);
        return await TabResultAsync(ActionTypes.OpenTab, page, cancellationToken) with { Navigated = url != "about:blank" };
    }

    private async Task<ActionResult> CloseTabAsync(CloseTabCommand command, CancellationToken cancellationToken)
    {
        var page = command.TabIndex is null && command.TargetId is null ? Session.ActivePage : FindTab(command.TabIndex, command.TargetId);
        if (Session.Pages.Count <= 1)
        {
            throw new ActionException(ActionErrorCodes.InvalidParameter, "close_tab: this is the last open tab; navigate it elsewhere instead");
        }

        var wasActive = page == Session.ActivePage;
        await page.CloseAsync(cancellationToken);
        var active = Session.ActivePage;
        if (wasActive || active.IsClosed)
        {
            // The session learns of the close asynchronously; pick the last open tab now, as a browser would.
            active = Session.Pages.LastOrDefault(p => p != page)
                ?? throw new ActionException(ActionErrorCodes.SessionClosed, "No tab is left open");
            await Session.ActivateAsync(active, cancellationToken);
        }

        return await TabResultAsync(ActionTypes.CloseTab, active, cancellationToken);
    }

    private BrowserPage FindTab(int? tabIndex, string? targetId)
    {
        var pages = Session.Pages;
        if (tabIndex is { } index)
        {
            return index < pages.Count
                ? pages[index]
                : throw new ActionException(ActionErrorCodes.TabNotFound, $"No tab has index {index}; there {(pages.Count == 1 ? "is 1 tab (index 0)" : $"are {pages.Count} tabs (0 to {pages.Count - 1})")}");
        }

        return pages.FirstOrDefault(p => p.TargetId == targetId)
            ?? throw new ActionException(ActionErrorCodes.TabNotFound, $"No open tab has target id '{targetId}'");
    }

    /// <summary>A tab action's result: the active tab's URL and title, and the tab list in <c>data.tabs</c>.</summary>
    private async Task<ActionResult> TabResultAsync(string actionType, BrowserPage active, CancellationToken cancellationToken)
    {
        var tabs = new JsonArray();
        var pages = Session.Pages;
        string? activeTitle = null;
        for (var i = 0; i < pages.Count; i++)
        {
            var title = await TitleOrNullAsync(pages[i], cancellationToken);
            if (pages[i] == active)
            {
                activeTitle = title;
            }

            tabs.Add(new JsonObject
            {
                ["tab_index"] = i,
                ["target_id"] = pages[i].TargetId,
                ["url"] = pages[i].Url,
                ["title"] = title,
                ["active"] = pages[i] == active,
            });
        }

        await TrackAsync(active, cancellationToken);
        return new ActionResult
        {
            ActionType = actionType,
            Success = true,
            PageChanged = true,
            Url = active.Url,
            Title = activeTitle,
            Data = ToElement(new JsonObject { ["tabs"] = tabs }),
        };
    }

    /// <summary>The title, unless a dialog blocks the tab (reading it would wait for the dialog).</summary>
    private async Task<string?> TitleOrNullAsync(BrowserPage page, CancellationToken cancellationToken)
    {
        if (_pages.TryGetValue(page.TargetId, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && entry.Value.Result.Dialog is not null)
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            return await page.GetTitleAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is BrowserException or Cdp.CdpException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<ActionResult> HandleDialogAsync(HandleDialogCommand command, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken, allowDialog: true);
        if (page.Dialog is not { } dialog)
        {
            var message = page.AutoDismissed is { } old
                ? $"No dialog is open; the {old.Type} dialog (\"{Shorten(old.Message, 100)}\") was dismissed automatically after {Options.DialogAutoDismissAfter!.Value.TotalSeconds:0} s without an answer"
                : "No dialog is open on the active tab";
            throw new ActionException(ActionErrorCodes.NoDialog, message);
        }

        if (command.PromptText is not null && dialog.Type != "prompt")
        {
            throw new ActionException(ActionErrorCodes.InvalidParameter, $"handle_dialog: 'prompt_text' only applies to prompt dialogs; this one is a {dialog.Type}");
        }

        var run = Begin(page, cancellationToken);
        await page.Page.SendAsync(new PageHandleJavaScriptDialogRequest { Accept = command.Accept, PromptText = command.PromptText }, cancellationToken);
        page.ClearDialog(dialog);
        var data = new JsonObject
        {
            ["type"] = dialog.Type,
            ["message"] = dialog.Message,
            ["accepted"] = command.Accept,
        };
        return await FinishAsync(run, new ActionResult { ActionType = ActionTypes.HandleDialog, Success = true, PageChanged = true, Data = ToElement(data) }, cancellationToken);
    }
}
