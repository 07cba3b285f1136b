using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Browser;

/// <summary>
/// Follows the child targets of one tab: it auto-attaches (paused) to out-of-process iframes at
/// every depth and to dedicated workers, has the session's request guard cover each before it
/// runs, readies frames for reading (Page, Runtime and Network domains, their own children),
/// announces them before they run and forgets them when they detach.
/// </summary>
internal sealed partial class FrameTargets
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(10);
    private static readonly TargetSetAutoAttachRequest AutoAttach = new() { AutoAttach = true, WaitForDebuggerOnStart = true, Flatten = true };

    private readonly BrowserPage _page;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, BrowserFrame> _frames = new(StringComparer.Ordinal);

    public FrameTargets(BrowserPage page, ILogger logger)
    {
        _page = page;
        _logger = logger;
    }

    /// <summary>Attached out-of-process frames, outer ones first.</summary>
    public IReadOnlyList<BrowserFrame> Frames => [.. _frames.Values.Where(f => !f.IsDetached).OrderBy(f => f.Depth)];

    /// <summary>The frame with this id, if it is attached.</summary>
    public BrowserFrame? Find(string frameId) => _frames.TryGetValue(frameId, out var frame) && !frame.IsDetached ? frame : null;

    /// <summary>
    /// Starts following the children of <paramref name="cdp"/> (the tab or one of its frames). The
    /// answer is browser-side, so it may be awaited while the target is paused.
    /// </summary>
    public Task FollowAsync(CdpSession cdp, BrowserFrame? owner, CancellationToken cancellationToken)
    {
        var subscription = cdp.On<TargetAttachedToTargetEvent>(e => OnAttached(cdp, owner, e));
        _ = cdp.Detached.ContinueWith(_ => subscription.Dispose(), TaskScheduler.Default);
        return cdp.SendAsync(AutoAttach, cancellationToken);
    }

    private void OnAttached(CdpSession parent, BrowserFrame? owner, TargetAttachedToTargetEvent e)
    {
        var child = parent.Connection.GetOrAddSession(e.SessionId);
        if (e.TargetInfo.Type == "iframe")
        {
            _ = SetUpFrameAsync(child, owner, e.TargetInfo, e.WaitingForDebugger);
        }
        else if (_page.Session.Guard is { } guard)
        {
            // Dedicated workers make requests of their own: guarded like the tab, then resumed.
            _ = guard.GuardWorkerAsync(child, e.TargetInfo, e.WaitingForDebugger);
        }
        else if (e.WaitingForDebugger)
        {
            _ = ChromiumBrowser.ResumeQuietlyAsync(child);
        }
    }

    private async Task SetUpFrameAsync(CdpSession cdp, BrowserFrame? parent, TargetTargetInfo info, bool waitingForDebugger)
    {
        var frame = new BrowserFrame(_page, parent, cdp, info.TargetId, info.Url);
        _frames[info.TargetId] = frame;
        _ = cdp.Detached.ContinueWith(_ => _frames.TryRemove(new KeyValuePair<string, BrowserFrame>(info.TargetId, frame)), TaskScheduler.Default);
        using var timeout = new CancellationTokenSource(SetupTimeout);
        var token = timeout.Token;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        frame.Ready = ready.Task;
        try
        {
            // Browser-side commands first (they answer while the frame is paused): the guard's
            // interception before the frame's first request, then the frame's own children.
            if (_page.Session.Guard is { } guard)
            {
                await guard.GuardFrameAsync(cdp, info.TargetId, token);
            }

            // Network on (browser-side too) beside following the frame's children; followers then
            // subscribe while the frame is still paused and miss none of its requests.
            await Task.WhenAll(FollowAsync(cdp, frame, token), cdp.SendAsync(new NetworkEnableRequest(), token));
            _page.OnFrameAttached(frame);

            // Renderer-side commands answer only once the frame runs; CDP keeps their order.
            var domains = Task.WhenAll(
                cdp.SendAsync(new PageEnableRequest(), token),
                cdp.SendAsync(new RuntimeEnableRequest(), token));
            if (waitingForDebugger)
            {
                await cdp.SendAsync(new RuntimeRunIfWaitingForDebuggerRequest(), token);
            }

            await domains;
        }
        catch (Exception ex) when (ex is CdpException or OperationCanceledException)
        {
            if (!cdp.IsDetached)
            {
                LogFrameSetupFailed(_logger, info.Url, ex);
                if (waitingForDebugger)
                {
                    await ChromiumBrowser.ResumeQuietlyAsync(cdp);
                }
            }
        }
        finally
        {
            // Readers wait for the setup, not for its success: a frame that failed it answers
            // their commands with errors they already handle.
            ready.TrySetResult();
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Setting up the out-of-process frame {Url} failed")]
    private static partial void LogFrameSetupFailed(ILogger logger, string url, Exception exception);
}
