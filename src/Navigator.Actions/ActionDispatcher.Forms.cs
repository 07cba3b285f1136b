using System.Text.Json;
using System.Text.Json.Nodes;
using Navigator.Actions.Commands;
using Navigator.Actions.Dispatch;
using Navigator.Actions.Input;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions;

/// <summary>Form actions: select_option, upload_file.</summary>
public sealed partial class ActionDispatcher
{
    private async Task<ActionResult> SelectOptionAsync(SelectOptionCommand command, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, ActionTypes.SelectOption, async () =>
        {
            var element = await ResolveAsync(page, command.Index, cancellationToken);
            var selected = EnsureOk(await CallAsync(page, element, PageScripts.SelectOption, new JsonObject { ["value"] = command.Value, ["label"] = command.Label }, cancellationToken), element, "select an option of");
            var data = new JsonObject { ["label"] = selected.GetProperty("label").GetString(), ["value"] = selected.GetProperty("value").GetString() };
            return await FinishAsync(run, new ActionResult { ActionType = ActionTypes.SelectOption, Success = true, ClickPoint = await PointInTabAsync(element, selected, cancellationToken), Data = ToElement(data) }, cancellationToken);
        });
    }

    private async Task<ActionResult> UploadFileAsync(UploadFileCommand command, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, ActionTypes.UploadFile, async () =>
        {
            var files = UploadFolder.Resolve(Options.UploadDirectory, command.Paths);
            var element = await ResolveAsync(page, command.Index, cancellationToken);
            var info = EnsureOk(await CallAsync(page, element, PageScripts.DescribeFileInput, null, cancellationToken), element, "upload to");
            var cdp = page.Page.Cdp;
            // The input itself (its page object, in its frame's session when a cross-site frame holds
            // it), or the one a file chooser button opened (its node, as the tab reported it).
            DomSetFileInputFilesRequest target;
            var targetCdp = element.Frame?.Cdp ?? cdp;
            var multiple = info.GetProperty("multiple").GetBoolean();
            if (info.GetProperty("isFile").GetBoolean())
            {
                if (info.GetProperty("disabled").GetBoolean())
                {
                    throw new ActionException(ActionErrorCodes.ElementNotInteractable, $"Cannot upload to {element.Label}: it is disabled");
                }

                target = new DomSetFileInputFilesRequest { Files = files, ObjectId = element.ObjectId };
            }
            else
            {
                // A button that opens a file chooser: click it with the chooser intercepted and fill the input it opened.
                var backendNodeId = await ChooserInputAsync(page, element, cancellationToken);
                target = new DomSetFileInputFilesRequest { Files = files, BackendNodeId = backendNodeId };
                targetCdp = cdp;
                var chooser = await cdp.SendAsync(new DomDescribeNodeRequest { BackendNodeId = backendNodeId }, cancellationToken);
                var attributes = chooser.Node.Attributes ?? [];
                multiple = Enumerable.Range(0, attributes.Count / 2).Any(i => attributes[i * 2] == "multiple");
            }

            if (command.Paths.Count > 1 && !multiple)
            {
                throw new ActionException(ActionErrorCodes.InvalidParameter, $"upload_file: {element.Label} takes one file, {command.Paths.Count} were given");
            }

            await targetCdp.SendAsync(target, cancellationToken);
            var data = new JsonObject { ["files"] = new JsonArray([.. command.Paths.Select(p => (JsonNode)System.IO.Path.GetFileName(p))]) };
            return await FinishAsync(run, new ActionResult { ActionType = ActionTypes.UploadFile, Success = true, PageChanged = true, Data = ToElement(data) }, cancellationToken);
        });
    }

    private async Task<int> ChooserInputAsync(TrackedPage page, ResolvedElement element, CancellationToken cancellationToken)
    {
        var cdp = page.Page.Cdp;
        var opened = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = cdp.On<PageFileChooserOpenedEvent>(e => opened.TrySetResult(e.BackendNodeId ?? 0));
        await cdp.SendAsync(new PageSetInterceptFileChooserDialogRequest { Enabled = true }, cancellationToken);
        try
        {
            var prepared = EnsureOk(await CallAsync(page, element, PageScripts.PrepareForPointer, PointerOptions(hitTest: true, checkEnabled: true, scroll: true), cancellationToken, awaitPromise: true), element, "click");
            var point = await HitPointInTabAsync(element, prepared, "click", cancellationToken);
            await InputDriver.ClickAsync(cdp, point, "left", 1, moveFirst: page.Pointer != point, cancellationToken);
            page.Pointer = point;
            int backendNodeId;
            try
            {
                backendNodeId = await opened.Task.WaitAsync(Options.FileChooserTimeout, Time, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new ActionException(ActionErrorCodes.ElementNotInteractable,
                    $"Cannot upload to {element.Label}: it is not a file input and clicking it opened no file chooser");
            }

            return backendNodeId != 0
                ? backendNodeId
                : throw new ActionException(ActionErrorCodes.ElementNotInteractable, $"Cannot upload to {element.Label}: the file chooser it opened has no input element");
        }
        finally
        {
            await cdp.SendAsync(new PageSetInterceptFileChooserDialogRequest { Enabled = false }, CancellationToken.None);
        }
    }
}
