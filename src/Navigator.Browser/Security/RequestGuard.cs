using Microsoft.Extensions.Logging;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Browser.Security;

/// <summary>
/// Enforces a session's host rules at the network layer with CDP <c>Fetch</c> interception on
/// every target of the session: tabs and popups (installed while they are paused before their
/// first request), out-of-process iframes and dedicated workers (auto-attached paused by the tab's
/// <see cref="FrameTargets"/>, which has them guarded before they run), service and shared workers (routed from the browser). Allowed requests continue at
/// once; refused ones fail (<c>BlockedByClient</c>, or <c>Aborted</c> for a tab's top document so
/// it stays on its last allowed page) and are reported to the session.
/// </summary>
internal sealed partial class RequestGuard
{
    private static readonly TimeSpan ChildSetupTimeout = TimeSpan.FromSeconds(10);
    private readonly BrowserSession _session;
    private readonly CompiledNavigationPolicy _policy;
    private readonly FetchEnableRequest _enable;
    private readonly TargetSetAutoAttachRequest _autoAttach = new() { AutoAttach = true, WaitForDebuggerOnStart = true, Flatten = true };
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RequestGuard(BrowserSession session, CompiledNavigationPolicy policy, TimeProvider time, ILogger logger)
    {
        _session = session;
        _policy = policy;
        _time = time;
        _logger = logger;

        // Only the request stage is paused, and only documents unless subresources are checked:
        // every pause costs a round trip, so nothing is intercepted that is not decided.
        _enable = new FetchEnableRequest
        {
            Patterns = policy.Settings.CheckSubresources
                ? [new FetchRequestPattern { UrlPattern = "*", RequestStage = FetchRequestStage.Request }]
                : [new FetchRequestPattern { UrlPattern = "*", ResourceType = NetworkResourceType.Document, RequestStage = FetchRequestStage.Request }],
        };
    }

    /// <summary>
    /// Guards a tab; called while it is paused, before any user initializer. Its children (frames,
    /// workers) are attached by the tab's <see cref="FrameTargets"/>, which hands them back here.
    /// </summary>
    public Task GuardPageAsync(BrowserPage page, CancellationToken cancellationToken) =>
        GuardTargetAsync(page.Cdp, page.TargetId, "page", page, followChildren: false, cancellationToken);

    /// <summary>Guards an out-of-process frame while it is paused; its owner resumes it.</summary>
    public Task GuardFrameAsync(CdpSession cdp, string targetId, CancellationToken cancellationToken) =>
        GuardTargetAsync(cdp, targetId, "iframe", null, followChildren: false, cancellationToken);

    /// <summary>Guards a worker of the session (service, shared, or a tab's dedicated worker), then lets it run.</summary>
    public Task GuardWorkerAsync(CdpSession cdp, TargetTargetInfo info, bool waitingForDebugger) =>
        GuardChildAsync(cdp, info, waitingForDebugger);

    private async Task GuardTargetAsync(CdpSession cdp, string targetId, string type, BrowserPage? page, bool followChildren, CancellationToken cancellationToken)
    {
        var subscriptions = new List<IDisposable> { cdp.On<FetchRequestPausedEvent>(e => OnRequestPaused(cdp, targetId, page, e)) };
        _ = cdp.Detached.ContinueWith(_ => subscriptions.ForEach(s => s.Dispose()), TaskScheduler.Default);
        var enable = cdp.SendAsync(_enable, cancellationToken);
        if (!followChildren)
        {
            await enable;
            return;
        }

        subscriptions.Add(cdp.On<TargetAttachedToTargetEvent>(e => _ = GuardChildAsync(cdp.Connection.GetOrAddSession(e.SessionId), e.TargetInfo, e.WaitingForDebugger)));

        // A worker's children (nested workers) start paused so they are guarded before their
        // first request. Workers cannot always auto-attach; a failure there is not fatal.
        var attach = cdp.SendAsync(_autoAttach, cancellationToken);
        await enable;
        try
        {
            await attach;
        }
        catch (CdpProtocolException ex)
        {
            LogAutoAttachUnsupported(_logger, type, targetId, ex.ProtocolMessage);
        }
    }

    private async Task GuardChildAsync(CdpSession child, TargetTargetInfo info, bool waitingForDebugger)
    {
        try
        {
            using var timeout = new CancellationTokenSource(ChildSetupTimeout);
            await GuardTargetAsync(child, info.TargetId, info.Type, null, followChildren: true, timeout.Token);
        }
        catch (Exception ex) when (ex is CdpException or OperationCanceledException)
        {
            if (!child.IsDetached)
            {
                LogGuardFailed(_logger, info.Type, info.Url, ex);
            }
        }
        finally
        {
            if (waitingForDebugger)
            {
                await ResumeQuietlyAsync(child);
            }
        }
    }

    private void OnRequestPaused(CdpSession cdp, string targetId, BrowserPage? page, FetchRequestPausedEvent e)
    {
        var isDocument = e.ResourceType == NetworkResourceType.Document;
        var decision = _policy.Evaluate(e.Request.Url, isDocument);
        if (decision.IsAllowed)
        {
            _ = ReplyAsync(cdp, new FetchContinueRequestRequest { RequestId = e.RequestId });
            return;
        }

        var isMainFrame = isDocument && page is not null && (e.FrameId == page.MainFrameId || e.FrameId == page.TargetId);

        // A main-frame request failed as BlockedByClient would commit Chromium's error page in
        // place of the current document; Aborted leaves the tab on its last allowed page.
        // NavigateAsync still reports net::ERR_BLOCKED_BY_CLIENT (NavigationBlockedException).
        var error = isMainFrame ? NetworkErrorReason.Aborted : NetworkErrorReason.BlockedByClient;
        _ = ReplyAsync(cdp, new FetchFailRequestRequest { RequestId = e.RequestId, ErrorReason = error });
        var blocked = new NavigationBlockedEventArgs(e.Request.Url, decision, e.ResourceType, isMainFrame, targetId, _time.GetUtcNow());
        LogBlocked(_logger, e.ResourceType, e.Request.Url, decision.Rule);
        _session.ReportGuardBlocked(blocked, page);
    }

    private static async Task ReplyAsync<TResponse>(CdpSession cdp, ICdpCommand<TResponse> command)
        where TResponse : class
    {
        try
        {
            await cdp.SendAsync(command);
        }
        catch (CdpException)
        {
            // The target went away; its paused request went with it.
        }
    }

    private static async Task ResumeQuietlyAsync(CdpSession cdp)
    {
        try
        {
            await cdp.SendAsync(new RuntimeRunIfWaitingForDebuggerRequest());
        }
        catch (CdpException)
        {
            // Detached already.
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Blocked {ResourceType} request to {Url} ({Rule})")]
    private static partial void LogBlocked(ILogger logger, string resourceType, string url, string rule);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Could not install request interception on {TargetType} {Url}")]
    private static partial void LogGuardFailed(ILogger logger, string targetType, string url, Exception exception);

    [LoggerMessage(EventId = 402, Level = LogLevel.Debug, Message = "{TargetType} {TargetId} does not auto-attach children: {Message}")]
    private static partial void LogAutoAttachUnsupported(ILogger logger, string targetType, string targetId, string message);
}
