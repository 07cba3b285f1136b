using System.Text.Json;
using System.Text.Json.Nodes;
using Navigator.Actions.Dispatch;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions;

/// <summary>Index resolution: from an index of the last page state to a live element, with stale and range checks.</summary>
public sealed partial class ActionDispatcher
{
    private const string ObjectGroup = "navigator-actions";

    /// <summary>Captures the page state and remembers its elements for index resolution.</summary>
    private async Task<BrowserContextSnapshot> CaptureAndRememberAsync(Func<CancellationToken, Task<BrowserContextSnapshot>> capture, CancellationToken cancellationToken)
    {
        var page = await TrackAsync(Session.ActivePage, cancellationToken);
        var documents = page.Documents;
        var snapshot = await capture(cancellationToken);
        if (page.Documents != documents)
        {
            // A document committed during the read (a page replacing itself): the snapshot may
            // describe either one, so read the new one again rather than guess.
            documents = page.Documents;
            snapshot = await capture(cancellationToken);
        }

        Replace(new RememberedState(snapshot, page.Page.TargetId, documents));
        return snapshot;
    }

    /// <summary>Uses an existing snapshot for index resolution (it must describe the active tab's current document).</summary>
    internal async Task RememberAsync(BrowserContextSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var page = await TrackAsync(Session.ActivePage, cancellationToken);
        Replace(new RememberedState(snapshot, page.Page.TargetId, page.Documents));
    }

    /// <summary>Makes <paramref name="state"/> current and lets the page drop the objects of the previous one.</summary>
    private void Replace(RememberedState state)
    {
        var previous = Interlocked.Exchange(ref _state, state);
        if (previous is not null && !previous.ObjectIds.IsEmpty && _pages.TryGetValue(previous.TargetId, out var entry)
            && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully && !entry.Value.Result.Page.IsClosed)
        {
            Release(entry.Value.Result);
        }
    }

    /// <summary>Finds the element of <paramref name="index"/> and resolves it in the page.</summary>
    private async Task<ResolvedElement> ResolveAsync(TrackedPage page, int index, CancellationToken cancellationToken)
    {
        var state = Volatile.Read(ref _state);
        if (state is null)
        {
            if (_capture is null)
            {
                throw new ActionException(ActionErrorCodes.ElementNotFound, $"No page state has been read yet, so index {index} means nothing; read the page state first");
            }

            await CaptureAndRememberAsync(ct => _capture(Session, ct), cancellationToken);
            state = Volatile.Read(ref _state)!;
        }

        if (state.TargetId != page.Page.TargetId)
        {
            throw new ActionException(ActionErrorCodes.StaleElement,
                $"Index {index} belongs to the page state of another tab; the active tab changed since. Read the page state again");
        }

        if (state.Documents != page.Documents)
        {
            throw new ActionException(ActionErrorCodes.StaleElement,
                $"The page has navigated since the page state was read (now {page.Page.Url}), so index {index} is stale. Read the page state again");
        }

        var elements = state.Snapshot.Elements;
        var element = elements.FirstOrDefault(e => e.Index == index);
        if (element is null)
        {
            var range = elements.Count == 0 ? "the page state has no interactive elements" : $"valid indices are {elements.Min(e => e.Index)} to {elements.Max(e => e.Index)}";
            throw new ActionException(ActionErrorCodes.ElementNotFound, $"No element has index {index}; {range}");
        }

        var frame = FrameOf(page, element);
        _actedInFrame = frame ?? _actedInFrame;
        if (state.ObjectIds.TryGetValue(index, out var cached))
        {
            return new ResolvedElement(element, cached, frame);
        }

        var objectId = await ResolveObjectAsync(page, frame, state.Snapshot, element, cancellationToken) ?? throw Stale(element);
        state.ObjectIds[index] = objectId;
        return new ResolvedElement(element, objectId, frame);
    }

    /// <summary>
    /// The page's own (main-world) object for an element of <paramref name="snapshot"/>, or null
    /// when the element is no longer in the page. An element of an out-of-process
    /// <paramref name="frame"/> is resolved in that frame's session (its node ids are the frame's).
    /// </summary>
    private static async Task<string?> ResolveObjectAsync(TrackedPage page, BrowserFrame? frame, BrowserContextSnapshot snapshot, InteractiveElement element, CancellationToken cancellationToken)
    {
        if (snapshot.Nodes is null || await snapshot.Nodes.ResolveAsync(element.Index, cancellationToken) is not { } node)
        {
            return null;
        }

        try
        {
            var resolved = await (frame?.Cdp ?? page.Page.Cdp).SendAsync(new DomResolveNodeRequest { BackendNodeId = node.BackendNodeId, ObjectGroup = ObjectGroup }, cancellationToken);
            return resolved.Object.ObjectId;
        }
        catch (CdpException ex) when (ex is CdpProtocolException or CdpSessionDetachedException)
        {
            return null;
        }
    }

    /// <summary>The out-of-process frame holding the element (null: the tab itself); stale when that frame went away.</summary>
    private static BrowserFrame? FrameOf(TrackedPage page, InteractiveElement element) =>
        element.FrameTarget is not { } frameId ? null
            : page.Page.FindFrame(frameId) ?? throw new ActionException(ActionErrorCodes.StaleElement,
                $"Element {ActionDispatcherText.Label(element)} was in a cross-site frame that has gone away or navigated. Read the page state again");

    /// <summary>
    /// The point an element function returned (<c>{x, y}</c> in its frame's viewport) in the tab's
    /// viewport, where input events go: for an element of an out-of-process frame, shifted by
    /// where the frame is now.
    /// </summary>
    private static async Task<ActionPoint> PointInTabAsync(ResolvedElement element, JsonElement result, CancellationToken cancellationToken)
    {
        var point = PointOf(result);
        if (element.Frame is not { } frame)
        {
            return point;
        }

        try
        {
            var (x, y) = await frame.GetOffsetAsync(cancellationToken);
            return new ActionPoint(point.X + x, point.Y + y);
        }
        catch (CdpException ex) when (ex is CdpProtocolException or CdpSessionDetachedException)
        {
            throw Stale(element.Element);
        }
    }

    /// <summary>
    /// <see cref="PointInTabAsync"/> for a pointer action that must land on the element: in a
    /// cross-site frame, the page's own hit test could not see an enclosing page's banner or modal
    /// drawn over the frame, so the tab is asked too.
    /// </summary>
    private static async Task<ActionPoint> HitPointInTabAsync(ResolvedElement element, JsonElement result, string verb, CancellationToken cancellationToken)
    {
        var point = PointOf(result);
        if (element.Frame is not { } frame)
        {
            return point;
        }

        FrameHit hit;
        try
        {
            hit = await frame.HitTestAsync(point.X, point.Y, cancellationToken);
        }
        catch (CdpException ex) when (ex is CdpProtocolException or CdpSessionDetachedException)
        {
            throw Stale(element.Element);
        }

        if (hit.CoveredBy is { } cover)
        {
            throw new ActionException(ActionErrorCodes.ElementObscured,
                $"Cannot {verb} {element.Label}: {cover} covers its frame and would receive the click. Close or dismiss {cover} first, or click it if that is intended");
        }

        return new ActionPoint(hit.X, hit.Y);
    }

    private static ActionException Stale(InteractiveElement? element) => new(ActionErrorCodes.StaleElement,
        $"Element {(element is null ? "the focused element" : ActionDispatcherText.Label(element))} is no longer in the page (it changed since the page state was read). Read the page state again");

    /// <summary>Runs a page function on an element and returns its JSON result.</summary>
    private static async Task<JsonElement> CallAsync(TrackedPage page, ResolvedElement element, string function, JsonObject? argument, CancellationToken cancellationToken, bool awaitPromise = false)
    {
        RuntimeCallFunctionOnResponse response;
        try
        {
            response = await (element.Frame?.Cdp ?? page.Page.Cdp).SendAsync(new RuntimeCallFunctionOnRequest
            {
                FunctionDeclaration = function,
                ObjectId = element.ObjectId,
                Arguments = argument is null ? null : [new RuntimeCallArgument { Value = JsonElement.Parse(argument.ToJsonString()) }],
                ReturnByValue = true,
                AwaitPromise = awaitPromise,
            }, cancellationToken);
        }
        catch (CdpException ex) when (ex is CdpSessionDetachedException || (ex is CdpProtocolException protocol
            && (protocol.ProtocolMessage.Contains("Could not find object", StringComparison.Ordinal) || protocol.ProtocolMessage.Contains("context", StringComparison.OrdinalIgnoreCase))))
        {
            throw new ActionException(ActionErrorCodes.StaleElement, "The element's document went away (the page navigated or reloaded). Read the page state again");
        }

        if (response.ExceptionDetails is { } error)
        {
            throw new ActionException(ActionErrorCodes.ScriptError, $"The page threw: {error.Exception?.Description ?? error.Text}");
        }

        return response.Result.Value ?? default;
    }

    /// <summary>Lets the page drop the objects resolved for a state (not awaited: nothing depends on it).</summary>
    private static void Release(TrackedPage page)
    {
        foreach (var cdp in page.Page.Frames.Select(f => f.Cdp).Prepend(page.Page.Cdp))
        {
            _ = cdp.SendAsync(new RuntimeReleaseObjectGroupRequest { ObjectGroup = ObjectGroup }).ContinueWith(
                t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>Turns a page function's failure status into an error; returns the result when it is <c>ok</c>.</summary>
    private static JsonElement EnsureOk(JsonElement result, ResolvedElement element, string action)
    {
        var status = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("status", out var s) ? s.GetString() : null;
        string Text(string name) => result.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
        if (status == "ok")
        {
            return result;
        }

        var label = element.Label;
        throw status switch
        {
            "stale" => Stale(element.Element),
            "disabled" => new ActionException(ActionErrorCodes.ElementNotInteractable, $"Cannot {action} {label}: it is disabled"),
            "hidden" => new ActionException(ActionErrorCodes.ElementNotInteractable, $"Cannot {action} {label}: it is not visible (hidden or zero size)"),
            "outside_viewport" => new ActionException(ActionErrorCodes.ElementNotInteractable, $"Cannot {action} {label}: it could not be scrolled into the viewport"),
            "obscured" => new ActionException(ActionErrorCodes.ElementObscured,
                $"Cannot {action} {label}: {Text("blocker")} covers it and would receive the click. Close or dismiss {Text("blocker")} first, or click it if that is intended"),
            "not_editable" => new ActionException(ActionErrorCodes.ElementNotInteractable, $"Cannot {action} {label}: {Text("reason")}"),
            "not_focusable" => new ActionException(ActionErrorCodes.ElementNotInteractable, $"Cannot {action} {label}: it does not take focus ({Text("focused")} has it)"),
            "bad_value" => new ActionException(ActionErrorCodes.InvalidParameter, $"Cannot {action} {label}: the value is not valid for an input of type {Text("type")} (e.g. 2024-05-31 for date, 13:45 for time, #ff0000 for color)"),
            "not_select" => new ActionException(ActionErrorCodes.ElementNotInteractable, $"Cannot {action} {label}: it is not a <select>; click it and then click the option"),
            "option_disabled" => new ActionException(ActionErrorCodes.ElementNotInteractable, $"Cannot {action} {label}: the option \"{Text("label")}\" is disabled"),
            "no_option" => new ActionException(ActionErrorCodes.OptionNotFound,
                $"{label} has no such option; options: {string.Join(", ", result.GetProperty("options").EnumerateArray().Select(o => $"\"{o.GetString()}\""))}"),
            _ => new ActionException(ActionErrorCodes.InternalError, $"Unexpected answer from the page while trying to {action} {label}: {result.GetRawText()}"),
        };
    }

    private static ActionPoint PointOf(JsonElement result) => new(result.GetProperty("x").GetDouble(), result.GetProperty("y").GetDouble());
}
