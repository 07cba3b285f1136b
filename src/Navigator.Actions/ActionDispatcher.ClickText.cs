using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Navigator.Actions.Commands;
using Navigator.Actions.Dispatch;
using Navigator.Actions.Input;
using Navigator.Actions.Vision;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions;

/// <summary>click_text: an element named so, else DOM text, else text recognized on a screenshot.</summary>
public sealed partial class ActionDispatcher
{
    /// <summary>
    /// Reads text off screenshots for click_text when the DOM has none (null: DOM text only).
    /// Set once, before the first action.
    /// </summary>
    public IScreenTextLocator? TextLocator { get; init; }

    private async Task<ActionResult> ClickTextAsync(ClickTextCommand command, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        var (target, data) = await FindTextTargetAsync(page, command, cancellationToken);
        var run = Begin(page, cancellationToken);
        return await GuardDialogAsync(run, ActionTypes.ClickText, async () =>
        {
            var point = target switch
            {
                ResolvedElement element => await HitPointInTabAsync(element, EnsureOk(await CallAsync(page, element, PageScripts.PrepareForPointer,
                    PointerOptions(hitTest: true, checkEnabled: true, scroll: true), cancellationToken, awaitPromise: true), element, "click"), "click", cancellationToken),
                ActionPoint p => p,
                _ => throw new InvalidOperationException("Unknown click_text target"),
            };
            await InputDriver.ClickAsync(page.Page.Cdp, point, MouseButtons.Left, 1, moveFirst: page.Pointer != point, cancellationToken);
            page.Pointer = point;
            return await FinishAsync(run, new ActionResult { ActionType = ActionTypes.ClickText, Success = true, ClickPoint = point, Data = ToElement(data) }, cancellationToken);
        });
    }

    /// <summary>The element (<see cref="ResolvedElement"/>) or viewport point (<see cref="ActionPoint"/>) showing the text.</summary>
    private async Task<(object Target, JsonObject Data)> FindTextTargetAsync(TrackedPage page, ClickTextCommand command, CancellationToken cancellationToken)
    {
        // 1. An indexed element with that name (buttons, links, aria-labels): the same element a click by index would hit.
        if (_capture is not null)
        {
            var snapshot = await _capture(Session, cancellationToken);
            if (ScreenTextMatching.BestElement(snapshot.Elements, command.Text, command.Exact) is { } element)
            {
                var frame = FrameOf(page, element);
                if (await ResolveObjectAsync(page, frame, snapshot, element, cancellationToken) is { } objectId)
                {
                    return (new ResolvedElement(element, objectId, frame), new JsonObject
                    {
                        ["source"] = "element",
                        ["index"] = element.Index,
                        ["role"] = element.Role,
                        ["text"] = element.Name,
                    });
                }
            }
        }

        // 2. Text anywhere in the DOM: the tab's, then its cross-site frames' (a consent or payment frame).
        var script = $"({EmbeddedScripts.Load("find-text.js")})({new JsonObject { ["text"] = command.Text, ["exact"] = command.Exact }.ToJsonString()})";
        var found = await EvaluateAsync(page.Page.Cdp, script, cancellationToken);
        if (found.GetProperty("status").GetString() == "ok")
        {
            return (PointOf(found), DomTextData(found, null));
        }

        ThrowIfObscured(found);
        foreach (var frame in page.Page.Frames)
        {
            if (await FindTextInFrameAsync(frame, script, cancellationToken) is { } inFrame)
            {
                _actedInFrame = frame;
                return inFrame;
            }
        }

        // 3. Text drawn on screen (canvas, images, video): OCR of the parts the DOM cannot describe.
        if (TextLocator is null)
        {
            throw new ActionException(ActionErrorCodes.ElementNotFound,
                $"No element or DOM text shows \"{command.Text}\", and screen text recognition (OCR) is not configured to look at canvases and images");
        }

        var regions = found.GetProperty("regions").EnumerateArray()
            .Select(r => new ElementBounds(r.GetProperty("x").GetDouble(), r.GetProperty("y").GetDouble(), r.GetProperty("width").GetDouble(), r.GetProperty("height").GetDouble()))
            .ToList();
        var shot = await page.Page.Cdp.SendAsync(new PageCaptureScreenshotRequest { Format = "png", OptimizeForSpeed = true }, cancellationToken);
        var screen = new ScreenCapture(Convert.FromBase64String(shot.Data), Session.Options.ViewportWidth, Session.Options.ViewportHeight, regions.Count == 0 ? null : regions);
        var match = await TextLocator.LocateAsync(screen, command.Text, command.Exact, cancellationToken)
            ?? throw new ActionException(ActionErrorCodes.ElementNotFound, regions.Count == 0
                ? $"No element, DOM text or text on screen (OCR) shows \"{command.Text}\""
                : string.Create(CultureInfo.InvariantCulture, $"No element or DOM text shows \"{command.Text}\", and OCR of the {regions.Count} canvas/image area(s) on screen did not find it"));
        return (CheckInViewport(match.Center, "recognized text"), new JsonObject
        {
            ["source"] = "ocr",
            ["text"] = match.Text,
            ["confidence"] = Math.Round(match.Confidence, 2),
            ["bounds"] = new JsonObject { ["x"] = match.Bounds.X, ["y"] = match.Bounds.Y, ["width"] = match.Bounds.Width, ["height"] = match.Bounds.Height },
        });
    }

    private static async Task<(object Target, JsonObject Data)?> FindTextInFrameAsync(BrowserFrame frame, string script, CancellationToken cancellationToken)
    {
        JsonElement found;
        FrameHit hit;
        try
        {
            await frame.Ready.WaitAsync(cancellationToken);
            found = await EvaluateAsync(frame.Cdp, script, cancellationToken);
            if (found.GetProperty("status").GetString() != "ok")
            {
                ThrowIfObscured(found);
                return null;
            }

            var local = PointOf(found);
            hit = await frame.HitTestAsync(local.X, local.Y, cancellationToken);
        }
        catch (CdpException ex) when (ex is CdpProtocolException or CdpSessionDetachedException)
        {
            // The frame went away meanwhile: it shows no text.
            return null;
        }

        if (hit.CoveredBy is { } cover)
        {
            throw new ActionException(ActionErrorCodes.ElementObscured,
                $"The text \"{found.GetProperty("text").GetString()}\" is in a frame that {cover} covers, which would receive the click. Close or dismiss {cover} first");
        }

        return (new ActionPoint(hit.X, hit.Y), DomTextData(found, frame.Url));
    }

    private static JsonObject DomTextData(JsonElement found, string? frameUrl)
    {
        var data = new JsonObject
        {
            ["source"] = "dom_text",
            ["text"] = found.GetProperty("text").GetString(),
            ["target"] = found.GetProperty("target").GetString(),
        };
        if (frameUrl is not null)
        {
            data["frame_url"] = frameUrl;
        }

        return data;
    }

    private static void ThrowIfObscured(JsonElement found)
    {
        if (found.GetProperty("status").GetString() == "obscured")
        {
            var blocker = found.GetProperty("blocker").GetString();
            throw new ActionException(ActionErrorCodes.ElementObscured,
                $"The text \"{found.GetProperty("text").GetString()}\" is covered by {blocker}, which would receive the click. Close or dismiss {blocker} first");
        }
    }

    private static async Task<JsonElement> EvaluateAsync(CdpSession cdp, string expression, CancellationToken cancellationToken)
    {
        var response = await cdp.SendAsync(new RuntimeEvaluateRequest { Expression = expression, ReturnByValue = true }, cancellationToken);
        if (response.ExceptionDetails is { } error)
        {
            throw new ActionException(ActionErrorCodes.ScriptError, $"Searching the page's text failed: {error.Exception?.Description ?? error.Text}");
        }

        return response.Result.Value ?? default;
    }
}
