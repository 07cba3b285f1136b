using System.Text.Json.Nodes;
using Navigator.Actions.Commands;
using Navigator.Actions.Dispatch;
using Navigator.Actions.Input;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions;

/// <summary>Keyboard actions: type, send_keys.</summary>
public sealed partial class ActionDispatcher
{
    /// <summary>The focused element, through shadow roots and same-origin frames.</summary>
    private const string FocusedElementExpression = """
        (() => {
          let a = document.activeElement;
          for (;;) {
            if (a && a.shadowRoot && a.shadowRoot.activeElement) { a = a.shadowRoot.activeElement; continue; }
            if (a && (a.localName === 'iframe' || a.localName === 'frame')) {
              try { const d = a.contentDocument; if (d && d.activeElement) { a = d.activeElement; continue; } } catch { }
            }
            break;
          }
          return a && a !== document.body && a !== document.documentElement ? a : null;
        })()
        """;

    private async Task<ActionResult> TypeAsync(TypeCommand command, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, ActionTypes.Type, async () =>
        {
            var element = command.Index is { } index
                ? await ResolveAsync(page, index, cancellationToken)
                : await FocusedElementAsync(page, cancellationToken);
            var prepared = EnsureOk(await CallAsync(page, element, PageScripts.PrepareForTyping, new JsonObject { ["clear"] = command.Clear, ["text"] = command.Text }, cancellationToken), element, "type into");
            var cdp = page.Page.Cdp;
            if (prepared.GetProperty("mode").GetString() == "insert")
            {
                if (command.Text.Length > 0)
                {
                    await InputDriver.InsertTextAsync(cdp, command.Text, cancellationToken);
                }
                else if (command.Clear && prepared.GetProperty("hadText").GetBoolean())
                {
                    // The content is selected: deleting it is what a user would do.
                    await InputDriver.PressChordAsync(cdp, KeyChord.Parse("Delete"), cancellationToken);
                }
            }

            if (command.PressEnter)
            {
                await InputDriver.PressChordAsync(cdp, KeyChord.Parse("Enter"), cancellationToken);
            }

            return await FinishAsync(run, new ActionResult { ActionType = ActionTypes.Type, Success = true, ClickPoint = await PointInTabAsync(element, prepared, cancellationToken) }, cancellationToken);
        });
    }

    private async Task<ActionResult> SendKeysAsync(SendKeysCommand command, CancellationToken cancellationToken)
    {
        var chords = command.Keys.Select(KeyChord.Parse).ToList();
        var page = await ActivePageAsync(cancellationToken);
        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, ActionTypes.SendKeys, async () =>
        {
            if (command.Index is { } index)
            {
                var element = await ResolveAsync(page, index, cancellationToken);
                EnsureOk(await CallAsync(page, element, PageScripts.Focus, null, cancellationToken), element, "focus");
            }

            foreach (var chord in chords)
            {
                await InputDriver.PressChordAsync(page.Page.Cdp, chord, cancellationToken);
            }

            return await FinishAsync(run, new ActionResult { ActionType = ActionTypes.SendKeys, Success = true }, cancellationToken);
        });
    }

    private static async Task<ResolvedElement> FocusedElementAsync(TrackedPage page, CancellationToken cancellationToken)
    {
        var response = await page.Page.Cdp.SendAsync(new RuntimeEvaluateRequest { Expression = FocusedElementExpression, ObjectGroup = ObjectGroup }, cancellationToken);
        return response.Result.ObjectId is { } objectId
            ? new ResolvedElement(null, objectId)
            : throw new ActionException(ActionErrorCodes.MissingParameter, "type: no field has focus; give the field's 'index'");
    }
}
