using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Navigator.Actions.Commands;
using Navigator.Actions.Dispatch;
using Navigator.Actions.Input;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions;

/// <summary>Pointer actions: click, hover, drag, scroll.</summary>
public sealed partial class ActionDispatcher
{
    private async Task<ActionResult> ClickAsync(ClickCommand command, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, ActionTypes.Click, async () =>
        {
            var point = command.Index is { } index
                ? await PointerTargetAsync(page, index, "click", hitTest: true, checkEnabled: true, scroll: true, cancellationToken)
                : CheckInViewport(command.Point!.Value, "x/y");
            await InputDriver.ClickAsync(page.Page.Cdp, point, command.Button, command.ClickCount, moveFirst: page.Pointer != point, cancellationToken);
            page.Pointer = point;
            return await FinishAsync(run, new ActionResult { ActionType = ActionTypes.Click, Success = true, ClickPoint = point }, cancellationToken);
        });
    }

    private async Task<ActionResult> HoverAsync(HoverCommand command, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, ActionTypes.Hover, async () =>
        {
            var point = command.Index is { } index
                ? await PointerTargetAsync(page, index, "hover over", hitTest: true, checkEnabled: false, scroll: true, cancellationToken)
                : CheckInViewport(command.Point!.Value, "x/y");
            await InputDriver.MoveAsync(page.Page.Cdp, point, cancellationToken: cancellationToken);
            page.Pointer = point;
            return await FinishAsync(run, new ActionResult { ActionType = ActionTypes.Hover, Success = true, ClickPoint = point }, cancellationToken);
        });
    }

    private async Task<ActionResult> DragAsync(DragCommand command, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, ActionTypes.Drag, async () =>
        {
            var (from, to, html5) = await DragPointsAsync(page, command, cancellationToken);
            var cdp = page.Page.Cdp;
            var mode = html5 ? DragModes.Html5 : DragModes.Mouse;
            if (html5)
            {
                await DragHtml5Async(page, from, to, command.Steps, cancellationToken);
            }
            else
            {
                await InputDriver.MoveAsync(cdp, from, cancellationToken: cancellationToken);
                await InputDriver.PressAsync(cdp, from, cancellationToken);

                // Each move is awaited: drag libraries track intermediate pointermove events, and
                // moves sent back to back could be coalesced into one.
                foreach (var point in Path(from, to, command.Steps))
                {
                    await InputDriver.MoveAsync(cdp, point, "left", 1, cancellationToken);
                }

                await InputDriver.ReleaseAsync(cdp, to, cancellationToken);
            }

            page.Pointer = to;
            var data = new JsonObject { ["mode"] = mode, ["from"] = PointJson(from) };
            return await FinishAsync(run, new ActionResult { ActionType = ActionTypes.Drag, Success = true, ClickPoint = to, Data = ToElement(data) }, cancellationToken);
        });
    }

    private async Task<(ActionPoint From, ActionPoint To, bool Html5)> DragPointsAsync(TrackedPage page, DragCommand command, CancellationToken cancellationToken)
    {
        ResolvedElement? source = command.FromIndex is { } fromIndex ? await ResolveAsync(page, fromIndex, cancellationToken) : null;
        ResolvedElement? target = command.ToIndex is { } toIndex ? await ResolveAsync(page, toIndex, cancellationToken) : null;
        async Task<ActionPoint> PointOfAsync(ResolvedElement element, bool hitTest, bool scroll)
        {
            var prepared = EnsureOk(await CallAsync(page, element, PageScripts.PrepareForPointer, PointerOptions(hitTest, checkEnabled: false, scroll), cancellationToken, awaitPromise: true), element, "drag");
            return hitTest ? await HitPointInTabAsync(element, prepared, "drag", cancellationToken) : await PointInTabAsync(element, prepared, cancellationToken);
        }

        var from = source is null ? CheckInViewport(command.FromPoint!.Value, "from_x/from_y") : await PointOfAsync(source, hitTest: true, scroll: true);
        ActionPoint to;
        if (target is null)
        {
            to = CheckInViewport(command.ToPoint!.Value, "to_x/to_y");
        }
        else
        {
            try
            {
                // The target must not scroll the source away.
                to = await PointOfAsync(target, hitTest: false, scroll: false);
            }
            catch (ActionException ex) when (ex.Code == ActionErrorCodes.ElementNotInteractable && source is not null)
            {
                to = await PointOfAsync(target, hitTest: false, scroll: true);
                try
                {
                    from = await PointOfAsync(source, hitTest: true, scroll: false);
                }
                catch (ActionException)
                {
                    throw new ActionException(ActionErrorCodes.ElementNotInteractable,
                        $"Cannot drag {source.Label} to {target.Label}: they do not fit in the viewport together; scroll or drag in two moves");
                }
            }
        }

        var html5 = command.Mode == DragModes.Html5;
        if (command.Mode == DragModes.Auto && source is not null)
        {
            html5 = (await CallAsync(page, source, PageScripts.IsDraggable, null, cancellationToken)).ValueKind == JsonValueKind.True;
        }

        return (from, to, html5);
    }

    /// <summary>
    /// HTML5 drag and drop: headless Chromium has no OS drag loop, so the drag is intercepted and
    /// replayed with Input.dispatchDragEvent (dragenter, dragover at each step, drop).
    /// </summary>
    private async Task DragHtml5Async(TrackedPage page, ActionPoint from, ActionPoint to, int steps, CancellationToken cancellationToken)
    {
        var cdp = page.Page.Cdp;
        var intercepted = new TaskCompletionSource<InputDragData>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = cdp.On<InputDragInterceptedEvent>(e => intercepted.TrySetResult(e.Data));
        await cdp.SendAsync(new InputSetInterceptDragsRequest { Enabled = true }, cancellationToken);
        try
        {
            await InputDriver.MoveAsync(cdp, from, cancellationToken: cancellationToken);
            await InputDriver.PressAsync(cdp, from, cancellationToken);
            var path = Path(from, to, steps).ToList();
            var current = from;
            var index = 0;

            // Move until the page starts the drag (past the drag threshold).
            for (; index < path.Count && !intercepted.Task.IsCompleted; index++)
            {
                current = path[index];
                await InputDriver.MoveAsync(cdp, current, "left", 1, cancellationToken);
            }

            InputDragData data;
            try
            {
                data = await intercepted.Task.WaitAsync(TimeSpan.FromMilliseconds(500), Time, cancellationToken);
            }
            catch (TimeoutException)
            {
                await InputDriver.ReleaseAsync(cdp, current, cancellationToken);
                throw new ActionException(ActionErrorCodes.ElementNotInteractable,
                    "The source did not start an HTML5 drag (no dragstart); use mode \"mouse\" for pointer-based drag and drop");
            }

            await cdp.SendAsync(new InputDispatchDragEventRequest { Type = "dragEnter", X = current.X, Y = current.Y, Data = data }, cancellationToken);
            for (; index < path.Count; index++)
            {
                current = path[index];
                await cdp.SendAsync(new InputDispatchDragEventRequest { Type = "dragOver", X = current.X, Y = current.Y, Data = data }, cancellationToken);
            }

            await cdp.SendAsync(new InputDispatchDragEventRequest { Type = "dragOver", X = to.X, Y = to.Y, Data = data }, cancellationToken);
            await cdp.SendAsync(new InputDispatchDragEventRequest { Type = "drop", X = to.X, Y = to.Y, Data = data }, cancellationToken);
            await InputDriver.ReleaseAsync(cdp, to, cancellationToken);
        }
        finally
        {
            await cdp.SendAsync(new InputSetInterceptDragsRequest { Enabled = false }, CancellationToken.None);
        }
    }

    private async Task<ActionResult> ScrollAsync(ScrollCommand command, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, ActionTypes.Scroll, async () =>
        {
            var argument = new JsonObject { ["direction"] = command.Direction, ["amount"] = command.Amount };
            JsonElement outcome;
            if (command.Index is { } index)
            {
                var element = await ResolveAsync(page, index, cancellationToken);
                outcome = EnsureOk(await CallAsync(page, element, PageScripts.Scroll, argument, cancellationToken), element, "scroll to");
            }
            else
            {
                var response = await page.Page.Cdp.SendAsync(new RuntimeEvaluateRequest
                {
                    Expression = $"({PageScripts.Scroll}).call(null, {argument.ToJsonString()})",
                    ReturnByValue = true,
                }, cancellationToken);
                if (response.ExceptionDetails is { } error)
                {
                    throw new ActionException(ActionErrorCodes.ScriptError, $"Scrolling failed in the page: {error.Exception?.Description ?? error.Text}");
                }

                outcome = response.Result.Value ?? default;
            }

            var data = new JsonObject
            {
                ["moved"] = outcome.GetProperty("moved").GetBoolean(),
                ["scroll_x"] = outcome.GetProperty("x").GetDouble(),
                ["scroll_y"] = outcome.GetProperty("y").GetDouble(),
            };
            if (outcome.TryGetProperty("delta", out var delta))
            {
                data["delta"] = delta.GetDouble();
                data["at_end"] = outcome.GetProperty("atEnd").GetBoolean();
                data["container"] = outcome.GetProperty("container").GetString();
            }

            return await FinishAsync(run, new ActionResult { ActionType = ActionTypes.Scroll, Success = true, Data = ToElement(data) }, cancellationToken);
        });
    }

    /// <summary>Resolves an index and readies it for a pointer action; returns the point to act at.</summary>
    private async Task<ActionPoint> PointerTargetAsync(TrackedPage page, int index, string verb, bool hitTest, bool checkEnabled, bool scroll, CancellationToken cancellationToken)
    {
        var element = await ResolveAsync(page, index, cancellationToken);
        var prepared = EnsureOk(await CallAsync(page, element, PageScripts.PrepareForPointer, PointerOptions(hitTest, checkEnabled, scroll), cancellationToken, awaitPromise: true), element, verb);
        return hitTest ? await HitPointInTabAsync(element, prepared, verb, cancellationToken) : await PointInTabAsync(element, prepared, cancellationToken);
    }

    private JsonObject PointerOptions(bool hitTest, bool checkEnabled, bool scroll) => new()
    {
        ["hitTest"] = hitTest,
        ["checkEnabled"] = checkEnabled,
        ["scroll"] = scroll,
        ["stableMs"] = Options.StableTimeout.TotalMilliseconds,
    };

    private ActionPoint CheckInViewport(ActionPoint point, string name)
    {
        var width = Session.Options.ViewportWidth;
        var height = Session.Options.ViewportHeight;
        if (point.X >= width || point.Y >= height)
        {
            throw new ActionException(ActionErrorCodes.InvalidParameter, string.Create(CultureInfo.InvariantCulture,
                $"'{name}' ({point.X}, {point.Y}) is outside the {width}x{height} viewport; coordinates are viewport CSS pixels"));
        }

        return point;
    }

    /// <summary>Evenly spaced points after <paramref name="from"/>, ending at <paramref name="to"/>.</summary>
    private static IEnumerable<ActionPoint> Path(ActionPoint from, ActionPoint to, int steps)
    {
        for (var i = 1; i <= steps; i++)
        {
            var t = (double)i / steps;
            yield return new ActionPoint(from.X + (to.X - from.X) * t, from.Y + (to.Y - from.Y) * t);
        }
    }

    private static JsonObject PointJson(ActionPoint point) => new() { ["x"] = point.X, ["y"] = point.Y };
}
