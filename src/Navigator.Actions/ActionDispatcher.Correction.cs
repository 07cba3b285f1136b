using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Navigator.Actions.Commands;
using Navigator.Actions.Correction;
using Navigator.Actions.Dispatch;
using Navigator.Actions.Input;
using Navigator.Actions.State;
using Navigator.Actions.Vision;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions;

/// <summary>
/// Self-correction: when an action fails in a way that is often repairable (the element moved
/// to another index, an overlay covers it, the page was still changing, a navigation was slow),
/// the policy decides whether to only suggest what to do next or to repair and retry once.
/// </summary>
public sealed partial class ActionDispatcher
{
    /// <summary>The least analyzer confidence self-correction acts on without asking.</summary>
    private const double AnalyzerActConfidence = 0.8;

    private static readonly string OverlayDismissFunction = EmbeddedScripts.ElementFunction("find-overlay-dismiss.js");
    private static readonly string WaitForQuietFunction = EmbeddedScripts.ElementFunction("wait-for-quiet.js");

    /// <summary>
    /// Asks a screen analyzer where a lost element is, as self-correction's last step (null: no
    /// analyzer). Set once, before the first action.
    /// </summary>
    public IScreenTargetFinder? TargetFinder { get; init; }

    /// <summary>Runs the command; on a failure self-correction handles, corrects per the call's or the dispatcher's policy.</summary>
    private async Task<ActionResult> RunCorrectedAsync(ActionCommand command, CancellationToken cancellationToken)
    {
        var policy = command.SelfCorrect ?? Options.SelfCorrection;
        if (policy == SelfCorrectionPolicy.Off)
        {
            return await RunAsync(command, cancellationToken);
        }

        CorrectionLog log;
        ExceptionDispatchInfo failure;
        try
        {
            return await RunAsync(command, cancellationToken);
        }
        catch (ActionException ex) when (CorrectableCommands.Handles(command, ex.Code))
        {
            log = new CorrectionLog(policy, ex.Code, ex.Message);
            failure = ExceptionDispatchInfo.Capture(ex);
        }
        catch (NavigationTimeoutException ex) when (command is NavigateCommand)
        {
            log = new CorrectionLog(policy, ActionErrorCodes.Timeout, ex.Message);
            failure = ExceptionDispatchInfo.Capture(ex);
        }

        ActionResult? corrected = null;
        try
        {
            corrected = await CorrectAsync(command, log, cancellationToken);
        }
        catch (Exception ex) when (ex is CdpException or BrowserException)
        {
            // The page went away under the correction (a crash, a closed tab): the first failure
            // goes on as without correction, so the fault that explains it can still win.
            failure.Throw();
        }
        catch (ActionException ex) when (ex.Code is not (ActionErrorCodes.SessionClosed or ActionErrorCodes.BrowserCrashed or ActionErrorCodes.DialogOpen))
        {
            log.Tried("error", false, ex.Message);
        }

        if (corrected is null && log.StateSummary is null && log.Suggestions == 0 && !log.Acted)
        {
            // Nothing to add (no page state reader, nothing found): the failure as it was.
            failure.Throw();
        }

        var report = log.Build();
        return corrected is not null
            ? corrected with { Correction = report }
            : Failed(command.ActionType, log.FailedWith, report.FailureMessage, 0) with { Url = SafeUrl(), Correction = report };
    }

    private async Task<ActionResult?> CorrectAsync(ActionCommand command, CorrectionLog log, CancellationToken cancellationToken)
    {
        var before = Volatile.Read(ref _state);
        var lost = CorrectableCommands.TargetIndex(command) is { } index ? before?.Snapshot.Elements.FirstOrDefault(e => e.Index == index) : null;
        var identity = lost is null ? null : ElementIdentity.Of(lost, before!.Snapshot);
        switch (log.FailedWith)
        {
            case ActionErrorCodes.ElementObscured:
                return await CorrectObscuredAsync(command, identity, log, cancellationToken);
            case ActionErrorCodes.Timeout:
                return await CorrectNavigationAsync((NavigateCommand)command, log, cancellationToken);
            case ActionErrorCodes.ElementNotInteractable:
                // Disabled until the page finishes something, or hidden while a twin is shown (mobile and desktop menus).
                if (log.Acts && await SettleAndRetryAsync(command, log, cancellationToken) is { } settled)
                {
                    return settled;
                }

                return await RetryByIdentityAsync(command, identity, log, lost?.Bounds, cancellationToken);
            default:
                if (await RetryByIdentityAsync(command, identity, log, null, cancellationToken) is { } same)
                {
                    return same;
                }

                if (log.Suggestions > 0)
                {
                    // Candidates were found (and suggested, or retried): the analyzer would only repeat them.
                    return null;
                }

                if (log.Acts && identity is not null)
                {
                    // Not there yet: the page may be re-rendering.
                    var quiet = await WaitForQuietAsync(await ActivePageAsync(cancellationToken), cancellationToken);
                    log.Tried(SelfCorrectionSteps.WaitForSettle, false, quiet);
                    if (await RetryByIdentityAsync(command, identity, log, null, cancellationToken) is { } later)
                    {
                        return later;
                    }

                    if (log.Suggestions > 0)
                    {
                        return null;
                    }
                }

                return await AskAnalyzerAsync(command, lost?.Name is { Length: > 0 } name ? name : (command as ClickTextCommand)?.Text, log, cancellationToken);
        }
    }

    /// <summary>Reads the page again and retries on the element with the lost one's role, name and neighbourhood.</summary>
    private async Task<ActionResult?> RetryByIdentityAsync(ActionCommand command, ElementIdentity? identity, CorrectionLog log, ElementBounds? excludeNode, CancellationToken cancellationToken)
    {
        var snapshot = await CaptureForCorrectionAsync(cancellationToken);
        if (snapshot is null)
        {
            log.Tried(SelfCorrectionSteps.Identity, false, "this dispatcher cannot read the page state");
            return null;
        }

        log.StateSummary = Summary(snapshot, null);
        if (identity is null)
        {
            log.Tried(SelfCorrectionSteps.Identity, false, "the index named no element of the page state the agent read, so there is nothing to look for; the state was read again");
            return null;
        }

        var matches = identity.FindIn(snapshot, excludeNode);
        foreach (var match in matches.Take(3))
        {
            log.Suggest(new CorrectionSuggestion
            {
                ActionType = command.ActionType,
                Index = match.Element.Index,
                Role = match.Element.Role,
                Name = match.Element.Name,
                Reason = match.Reason,
                Confidence = match.Score,
            });
        }

        var lost = ActionDispatcherText.Label(identity.Element);
        var pick = ElementIdentity.Confident(matches);
        if (pick is null)
        {
            log.Tried(SelfCorrectionSteps.Identity, false, matches.Count == 0
                ? $"no element like {lost} is on the page now"
                : string.Create(CultureInfo.InvariantCulture, $"{matches.Count} elements look like {lost} and none is clearly the same; they are suggested"));
            return null;
        }

        var now = ActionDispatcherText.Label(pick.Element);
        if (!log.Acts)
        {
            log.Tried(SelfCorrectionSteps.Identity, false, $"{lost} is now {now} ({pick.Reason}); not retried (policy suggest)");
            return null;
        }

        var (result, error) = await TryRunAsync(CorrectableCommands.WithIndex(command, pick.Element.Index), log, cancellationToken);
        log.Tried(SelfCorrectionSteps.Identity, result is not null, result is not null
            ? $"{lost} is now {now} ({pick.Reason}); retried on it"
            : $"{lost} is now {now} ({pick.Reason}); the retry failed: {error}");
        return result;
    }

    /// <summary>Dismisses what covers the element (its close or consent button, else Escape for a dialog, else waits) and retries.</summary>
    private async Task<ActionResult?> CorrectObscuredAsync(ActionCommand command, ElementIdentity? identity, CorrectionLog log, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        var found = CorrectableCommands.TargetIndex(command) is { } index
            ? await CallAsync(page, await ResolveAsync(page, index, cancellationToken), OverlayDismissFunction, [], cancellationToken)
            : await EvaluateAsync(page.Page.Cdp, $"({OverlayDismissFunction}).call(null, {{}})", cancellationToken);
        var consent = found.GetProperty("consent").GetBoolean();
        var modal = found.GetProperty("modal").GetBoolean();
        var overlay = found.GetProperty("overlay").GetString();
        var cover = consent ? $"the cookie/consent banner ({overlay})" : modal ? $"the dialog ({overlay})" : $"the overlay {overlay}";
        var ok = found.GetProperty("status").GetString() == "ok";
        var button = ok ? new ActionPoint(found.GetProperty("x").GetDouble(), found.GetProperty("y").GetDouble()) : default;
        var buttonName = ok ? found.GetProperty("name").GetString() : null;
        var kind = ok ? found.GetProperty("kind").GetString() : null;

        if (!log.Acts)
        {
            var snapshot = await CaptureForCorrectionAsync(cancellationToken);
            if (snapshot is not null)
            {
                log.StateSummary = Summary(snapshot, cover);
                var element = ok ? ElementLookup.At(snapshot.Elements, button) : null;
                if (ok)
                {
                    log.Suggest(new CorrectionSuggestion
                    {
                        ActionType = ActionTypes.Click,
                        Index = element?.Index,
                        Point = element is null ? button : null,
                        Role = element?.Role,
                        Name = buttonName,
                        Reason = $"dismisses {cover} ({kind} button)",
                        Confidence = kind == "close" ? 0.9 : 0.8,
                    });
                }

                if (identity?.FindIn(snapshot) is [var same, ..])
                {
                    log.Suggest(new CorrectionSuggestion
                    {
                        ActionType = command.ActionType,
                        Index = same.Element.Index,
                        Role = same.Element.Role,
                        Name = same.Element.Name,
                        Reason = "then retry on the element (its index in the state just read)",
                        Confidence = same.Score,
                    });
                }
            }

            log.Tried(SelfCorrectionSteps.DismissOverlay, false, ok
                ? $"{cover} covers it; \"{buttonName}\" would dismiss it; not clicked (policy suggest)"
                : $"{cover} covers it and {found.GetProperty("reason").GetString()}");
            return null;
        }

        string step;
        string did;
        if (ok)
        {
            await InputDriver.ClickAsync(page.Page.Cdp, button, MouseButtons.Left, 1, moveFirst: true, cancellationToken);
            page.Pointer = button;
            step = SelfCorrectionSteps.DismissOverlay;
            did = $"clicked \"{buttonName}\" ({kind}) to dismiss {cover}";
        }
        else if (modal)
        {
            await InputDriver.PressChordAsync(page.Page.Cdp, KeyChord.Parse("Escape"), cancellationToken);
            step = SelfCorrectionSteps.DismissOverlay;
            did = $"pressed Escape to close {cover} ({found.GetProperty("reason").GetString()})";
        }
        else
        {
            step = SelfCorrectionSteps.WaitForSettle;
            did = $"{cover} covers it and {found.GetProperty("reason").GetString()}; waited for the page";
        }

        var quiet = await WaitForQuietAsync(page, cancellationToken);
        var (result, error) = await TryRunAsync(command, log, cancellationToken);
        log.Tried(step, result is not null, $"{did} ({quiet}); {(result is not null ? "the action then went through" : "the retry failed: " + error)}");
        if (result is null && await CaptureForCorrectionAsync(cancellationToken) is { } after)
        {
            log.StateSummary = Summary(after, cover);
        }

        return result;
    }

    /// <summary>Waits for the page to stop changing and retries the same command.</summary>
    private async Task<ActionResult?> SettleAndRetryAsync(ActionCommand command, CorrectionLog log, CancellationToken cancellationToken)
    {
        var quiet = await WaitForQuietAsync(await ActivePageAsync(cancellationToken), cancellationToken);
        var (result, error) = await TryRunAsync(command, log, cancellationToken);
        log.Tried(SelfCorrectionSteps.WaitForSettle, result is not null, result is not null ? $"{quiet}; the retry went through" : $"{quiet}; the retry failed: {error}");
        return result;
    }

    /// <summary>A navigation that timed out: done if the page has arrived anyway, else navigated once more (auto).</summary>
    private async Task<ActionResult?> CorrectNavigationAsync(NavigateCommand command, CorrectionLog log, CancellationToken cancellationToken)
    {
        var page = await ActivePageAsync(cancellationToken);
        var readyState = (await EvaluateAsync(page.Page.Cdp, "document.readyState", cancellationToken)).GetString();
        var arrived = SameDocumentUrl(page.Page.Url, command.Url) && readyState is "interactive" or "complete";
        if (!log.Acts)
        {
            log.Suggest(new CorrectionSuggestion
            {
                ActionType = arrived ? ActionTypes.Wait : ActionTypes.Navigate,
                Reason = arrived ? $"the page is there ({readyState}) but still loading: wait {{navigation: true}} or read it" : "navigate again, or try later",
            });
            log.Tried(SelfCorrectionSteps.Navigation, false, $"the tab is at {page.Page.Url} ({readyState}); not retried (policy suggest)");
            return null;
        }

        if (arrived)
        {
            log.Tried(SelfCorrectionSteps.Navigation, true, $"the page had arrived ({readyState}); only its load event was late");
            return new ActionResult
            {
                ActionType = ActionTypes.Navigate,
                Success = true,
                PageChanged = true,
                Navigated = true,
                Url = page.Page.Url,
                Data = ToElement(new JsonObject { ["still_loading"] = true }),
            };
        }

        var (result, error) = await TryRunAsync(command, log, cancellationToken);
        log.Tried(SelfCorrectionSteps.Navigation, result is not null, result is not null ? "navigated once more" : $"navigated once more and it failed again: {error}");
        return result;
    }

    /// <summary>Asks the screen analyzer where <paramref name="wanted"/> is; clicks a confident target (auto), else suggests.</summary>
    private async Task<ActionResult?> AskAnalyzerAsync(ActionCommand command, string? wanted, CorrectionLog log, CancellationToken cancellationToken)
    {
        if (TargetFinder is null || string.IsNullOrWhiteSpace(wanted))
        {
            return null;
        }

        var snapshot = Volatile.Read(ref _state)?.Snapshot ?? await CaptureForCorrectionAsync(cancellationToken);
        if (snapshot is null)
        {
            return null;
        }

        var page = await ActivePageAsync(cancellationToken);
        var shot = await page.Page.Cdp.SendAsync(new PageCaptureScreenshotRequest { Format = "png", OptimizeForSpeed = true }, cancellationToken);
        var screen = new ScreenCapture(Convert.FromBase64String(shot.Data), Session.Options.ViewportWidth, Session.Options.ViewportHeight);
        var hints = await TargetFinder.FindAsync(screen, snapshot.Elements, wanted, cancellationToken);
        var pointAction = command is ClickCommand or ClickTextCommand;
        foreach (var hint in hints.Where(h => h.Index is not null || pointAction).Take(3))
        {
            var element = hint.Index is { } i ? snapshot.Elements.FirstOrDefault(e => e.Index == i) : null;
            log.Suggest(new CorrectionSuggestion
            {
                ActionType = element is null ? ActionTypes.Click : command.ActionType,
                Index = element?.Index,
                Point = element is null ? hint.Point : null,
                Role = element?.Role,
                Name = hint.Text ?? element?.Name,
                Reason = $"the {hint.Analyzer} analyzer sees \"{wanted}\" there",
                Confidence = Math.Round(hint.Confidence, 2),
            });
        }

        var best = hints.FirstOrDefault(h => h.Confidence >= AnalyzerActConfidence && (h.Index is not null && CorrectableCommands.TargetIndex(command) is not null || h.Point is not null && pointAction));
        if (!log.Acts || best is null)
        {
            log.Tried(SelfCorrectionSteps.Analyzer, false, hints.Count == 0
                ? $"the analyzer did not see \"{wanted}\" on screen"
                : string.Create(CultureInfo.InvariantCulture, $"the analyzer saw \"{wanted}\" at {hints.Count} place(s); {(log.Acts ? "none sure enough to act on" : "not acted on (policy suggest)")}"));
            return null;
        }

        var retry = best.Index is { } index && CorrectableCommands.TargetIndex(command) is not null
            ? CorrectableCommands.WithIndex(command, index)
            : new ClickCommand { Point = best.Point };
        var (result, error) = await TryRunAsync(retry, log, cancellationToken);
        var where = best.Index is { } at ? $"[{at}]" : string.Create(CultureInfo.InvariantCulture, $"({best.Point!.Value.X:0}, {best.Point.Value.Y:0})");
        log.Tried(SelfCorrectionSteps.Analyzer, result is not null, result is not null
            ? $"the {best.Analyzer} analyzer saw \"{wanted}\" at {where}; clicked there"
            : $"the {best.Analyzer} analyzer saw \"{wanted}\" at {where}; the retry failed: {error}");
        return result is null ? null : result with { ActionType = command.ActionType };
    }

    /// <summary>Runs a retry; its failure is returned as text (the report says it), not thrown.</summary>
    private async Task<(ActionResult? Result, string? Error)> TryRunAsync(ActionCommand command, CorrectionLog log, CancellationToken cancellationToken)
    {
        if (!log.TakeRetry())
        {
            return (null, "no retry left (at most " + CorrectionLog.MaxRetries + " per action)");
        }

        try
        {
            return (await RunAsync(command, cancellationToken), null);
        }
        catch (ActionException ex) when (ex.Code is not (ActionErrorCodes.SessionClosed or ActionErrorCodes.BrowserCrashed))
        {
            return (null, $"{ex.Code}: {ex.Message}");
        }
        catch (Exception ex) when (ex is NavigationException or NavigationTimeoutException)
        {
            return (null, ex.Message);
        }
    }

    /// <summary>Reads the page state (in the mode last read, off-screen elements listed) and makes it current; null without a reader.</summary>
    private async Task<BrowserContextSnapshot?> CaptureForCorrectionAsync(CancellationToken cancellationToken)
    {
        var mode = Volatile.Read(ref _state)?.Snapshot.Mode ?? PageStateMode.Viewport;
        if (StateBuilder is { } builder)
        {
            var options = PageStateOptions.Default with { Mode = mode, ListOffscreenElements = true, IncludeTabs = false };
            return await CaptureAndRememberAsync(ct => builder.CaptureAsync(Session, options, ct), cancellationToken);
        }

        return _capture is null ? null : await CaptureAndRememberAsync(ct => _capture(Session, ct), cancellationToken);
    }

    /// <summary>Waits until the page stops changing (bounded by <see cref="ActionDispatcherOptions.CorrectionSettleTimeout"/>); says how it went.</summary>
    private async Task<string> WaitForQuietAsync(TrackedPage page, CancellationToken cancellationToken)
    {
        var argument = new JsonObject { ["quietMs"] = Math.Max(Options.NetworkQuietWindow.TotalMilliseconds * 2, 50), ["maxMs"] = Options.CorrectionSettleTimeout.TotalMilliseconds };
        var response = await page.Page.Cdp.SendAsync(new RuntimeEvaluateRequest
        {
            Expression = $"({WaitForQuietFunction}).call(null, {argument.ToJsonString()})",
            AwaitPromise = true,
            ReturnByValue = true,
        }, cancellationToken);
        if (response.ExceptionDetails is not null || response.Result.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return "could not watch the page settle";
        }

        var waited = value.GetProperty("waitedMs").GetDouble();
        return value.GetProperty("quiet").GetBoolean()
            ? string.Create(CultureInfo.InvariantCulture, $"the page settled after {waited:0} ms")
            : string.Create(CultureInfo.InvariantCulture, $"the page was still changing after {waited:0} ms");
    }

    /// <summary>E.g. <c>"Shop" at http://...: 14 elements on screen; covered by the cookie/consent banner (div#cookies)</c>.</summary>
    private static string Summary(BrowserContextSnapshot snapshot, string? cover)
    {
        var onScreen = snapshot.Elements.Count(e => e.InViewport);
        var title = snapshot.Title.Length > 60 ? snapshot.Title[..60] + "…" : snapshot.Title;
        var url = snapshot.Url.Length > 120 ? snapshot.Url[..120] + "…" : snapshot.Url;
        return string.Create(CultureInfo.InvariantCulture, $"\"{title}\" at {url}: {onScreen} elements on screen") + (cover is null ? string.Empty : $"; covered by {cover}");
    }

    /// <summary>True when both URLs name the same document (fragments ignored).</summary>
    private static bool SameDocumentUrl(string current, string wanted) =>
        Uri.TryCreate(current, UriKind.Absolute, out var a) && Uri.TryCreate(UrlNormalizer.Normalize(wanted) ?? wanted, UriKind.Absolute, out var b)
        && Uri.Compare(a, b, UriComponents.HttpRequestUrl, UriFormat.SafeUnescaped, StringComparison.Ordinal) == 0;
}
