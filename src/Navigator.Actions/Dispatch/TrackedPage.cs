using System.Collections.Concurrent;
using System.Text.Json;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions.Dispatch;

/// <summary>
/// What the dispatcher follows on one tab, from CDP events: navigations, network requests in
/// flight, popups, the open JavaScript dialog, and the isolated world that counts DOM
/// mutations. Counters only grow, so an <see cref="ActivityMark"/> taken before an action tells
/// what the action caused.
/// </summary>
internal sealed class TrackedPage : IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    // Request id -> its start sequence, frame, and the session that reported it (the tab's or an out-of-process frame's).
    private readonly ConcurrentDictionary<string, (long Sequence, string? FrameId, CdpSession Source)> _inFlight = new(StringComparer.Ordinal);
    // Per out-of-process frame session: its request subscriptions, dropped when it detaches (frames come and go all session long).
    private readonly ConcurrentDictionary<CdpSession, List<IDisposable>> _frameSubscriptions = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan? _dialogAutoDismiss;
    private long _navigationsStarted;
    private long _documents;
    private long _sameDocument;
    private long _requestsStarted;
    private long _windowsOpened;
    private long _dialogsOpened;
    private long _loadsStopped;
    private long _lastNetworkActivity;
    private volatile bool _mainFrameLoading;
    private readonly TaskCompletionSource _crashedTask = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile OpenDialog? _dialog;
    private volatile OpenDialog? _autoDismissed;
    private ITimer? _dialogTimer;
    private int _probeContextId;
    private int _fileChooserBackendNodeId;

    private TrackedPage(BrowserPage page, TimeProvider time, TimeSpan? dialogAutoDismiss)
    {
        Page = page;
        _time = time;
        _dialogAutoDismiss = dialogAutoDismiss;
    }

    public BrowserPage Page { get; }

    /// <summary>Pulsed on every event this class follows.</summary>
    public AsyncSignal Activity { get; } = new();

    /// <summary>Completes when a dialog opens (replaced after each).</summary>
    public AsyncSignal DialogOpened { get; } = new();

    /// <summary>The open dialog, if any.</summary>
    public OpenDialog? Dialog => _dialog;

    /// <summary>The last dialog closed by the auto-dismiss timer, for a clearer no_dialog message.</summary>
    public OpenDialog? AutoDismissed => _autoDismissed;

    /// <summary>Where our pointer is on this tab (null before the first pointer action).</summary>
    public ActionPoint? Pointer { get; set; }

    /// <summary>Main-frame documents committed so far; index-based state is only valid for one.</summary>
    public long Documents => Interlocked.Read(ref _documents);

    /// <summary>True between the main frame's startedLoading and stoppedLoading.</summary>
    public bool MainFrameLoading => _mainFrameLoading;

    /// <summary>True once the renderer crashed.</summary>
    public bool Crashed => _crashedTask.Task.IsCompleted;

    /// <summary>Completes when the renderer crashes.</summary>
    public Task CrashedTask => _crashedTask.Task;

    /// <summary>The isolated world of the current main-frame document, 0 when not known yet.</summary>
    public int ProbeContextId => Volatile.Read(ref _probeContextId);

    /// <summary>Backend node of the last file chooser the page opened while interception was on.</summary>
    public int TakeFileChooser() => Interlocked.Exchange(ref _fileChooserBackendNodeId, 0);

    public static async Task<TrackedPage> StartAsync(BrowserPage page, TimeProvider time, TimeSpan? dialogAutoDismiss, CancellationToken cancellationToken)
    {
        var tracked = new TrackedPage(page, time, dialogAutoDismiss);
        tracked.Subscribe();
        var cdp = page.Cdp;
        var network = cdp.SendAsync(new NetworkEnableRequest(), cancellationToken);
        var script = cdp.SendAsync(new PageAddScriptToEvaluateOnNewDocumentRequest { Source = PageScripts.ProbeInstall, WorldName = PageScripts.ProbeWorld }, cancellationToken);
        await Task.WhenAll(network, script);
        await tracked.InstallProbeAsync(cancellationToken);
        return tracked;
    }

    /// <summary>The counters now.</summary>
    public ActivityMark Mark() => new(
        Interlocked.Read(ref _navigationsStarted),
        Interlocked.Read(ref _documents),
        Interlocked.Read(ref _sameDocument),
        Interlocked.Read(ref _requestsStarted),
        Interlocked.Read(ref _windowsOpened),
        Interlocked.Read(ref _dialogsOpened),
        Interlocked.Read(ref _loadsStopped));

    /// <summary>Requests started after <paramref name="mark"/> and not finished yet.</summary>
    /// <summary>How long ago a followed request last started or ended.</summary>
    public TimeSpan NetworkQuietFor => _time.GetElapsedTime(Interlocked.Read(ref _lastNetworkActivity));

    public int RequestsInFlightSince(ActivityMark mark) => _inFlight.Values.Count(request => request.Sequence > mark.RequestsStarted);

    /// <summary>Forgets the dialog (after handle_dialog answered it).</summary>
    public void ClearDialog(OpenDialog dialog)
    {
        if (Interlocked.CompareExchange(ref _dialog, null, dialog) == dialog)
        {
            _dialogTimer?.Dispose();
        }
    }

    public void Dispose()
    {
        Page.FrameAttached -= OnFrameAttached;
        foreach (var subscription in _subscriptions.Concat(_frameSubscriptions.Values.SelectMany(s => s)))
        {
            subscription.Dispose();
        }

        _dialogTimer?.Dispose();
    }

    /// <summary>Creates our isolated world in the current main-frame document (later documents get it from the new-document script).</summary>
    private async Task InstallProbeAsync(CancellationToken cancellationToken)
    {
        if (Page.MainFrameId is not { } frameId)
        {
            return;
        }

        try
        {
            var world = await Page.Cdp.SendAsync(new PageCreateIsolatedWorldRequest { FrameId = frameId, WorldName = PageScripts.ProbeWorld }, cancellationToken);
            await Page.Cdp.SendAsync(new RuntimeEvaluateRequest { Expression = PageScripts.ProbeInstall, ContextId = world.ExecutionContextId }, cancellationToken);
            Interlocked.CompareExchange(ref _probeContextId, world.ExecutionContextId, 0);
        }
        catch (CdpProtocolException)
        {
            // The document is going away; the next one gets the world from the new-document script.
        }
    }

    private void Subscribe()
    {
        var cdp = Page.Cdp;
        Page.FrameAttached += OnFrameAttached;
        foreach (var frame in Page.Frames)
        {
            // Attached before this tab was tracked: its requests from now on.
            OnFrameAttached(Page, frame);
        }

        _subscriptions.Add(cdp.On<PageFrameRequestedNavigationEvent>(e =>
        {
            if (IsMainFrame(e.FrameId) && e.Disposition == "currentTab")
            {
                Bump(ref _navigationsStarted);
            }
        }));
        _subscriptions.Add(cdp.On<PageFrameStartedLoadingEvent>(e =>
        {
            if (IsMainFrame(e.FrameId))
            {
                _mainFrameLoading = true;
                Bump(ref _navigationsStarted);
            }
        }));
        _subscriptions.Add(cdp.On<PageFrameStoppedLoadingEvent>(e =>
        {
            if (IsMainFrame(e.FrameId))
            {
                _mainFrameLoading = false;
                Bump(ref _loadsStopped);
            }
        }));
        _subscriptions.Add(cdp.On<PageFrameNavigatedEvent>(e =>
        {
            if (e.Frame.ParentId is null)
            {
                // Requests of the old document will never report back.
                foreach (var request in _inFlight.Keys)
                {
                    _inFlight.TryRemove(request, out _);
                }

                Bump(ref _documents);
            }
        }));
        _subscriptions.Add(cdp.On<PageNavigatedWithinDocumentEvent>(e =>
        {
            if (IsMainFrame(e.FrameId))
            {
                Bump(ref _sameDocument);
            }
        }));
        _subscriptions.Add(cdp.On<RuntimeExecutionContextCreatedEvent>(e =>
        {
            if (e.Context.Name == PageScripts.ProbeWorld && e.Context.AuxData is { } aux
                && aux.ValueKind == JsonValueKind.Object && aux.TryGetProperty("frameId", out var frame) && IsMainFrame(frame.GetString()))
            {
                Volatile.Write(ref _probeContextId, e.Context.Id);
            }
        }));
        _subscriptions.Add(cdp.On<RuntimeExecutionContextDestroyedEvent>(e =>
            Interlocked.CompareExchange(ref _probeContextId, 0, e.ExecutionContextId)));
        _subscriptions.Add(cdp.On<RuntimeExecutionContextsClearedEvent>(_ => Volatile.Write(ref _probeContextId, 0)));
        FollowRequests(cdp, _subscriptions.Add);
        _subscriptions.Add(cdp.On<PageFrameDetachedEvent>(e =>
        {
            // A removed frame's requests never report back, nor does a frame swapped into another
            // process (a cross-site iframe): its document's response goes to the frame's own target.
            EndRequests(started => started.FrameId == e.FrameId);
        }));
        _subscriptions.Add(cdp.On<PageWindowOpenEvent>(_ => Bump(ref _windowsOpened)));
        _subscriptions.Add(cdp.On<PageJavascriptDialogOpeningEvent>(OnDialogOpening));
        _subscriptions.Add(cdp.On<PageJavascriptDialogClosedEvent>(_ =>
        {
            _dialog = null;
            _dialogTimer?.Dispose();
            Activity.Pulse();
        }));
        _subscriptions.Add(cdp.On<PageFileChooserOpenedEvent>(e =>
        {
            Volatile.Write(ref _fileChooserBackendNodeId, e.BackendNodeId ?? 0);
            Activity.Pulse();
        }));
        _subscriptions.Add(cdp.On<InspectorTargetCrashedEvent>(_ =>
        {
            _crashedTask.TrySetResult();
            Activity.Pulse();
            DialogOpened.Pulse();
        }));
    }

    private void OnDialogOpening(PageJavascriptDialogOpeningEvent e)
    {
        var dialog = new OpenDialog(e.Type, e.Message, e.DefaultPrompt, e.Url, _time.GetUtcNow());
        _dialog = dialog;
        Interlocked.Increment(ref _dialogsOpened);
        if (_dialogAutoDismiss is { } after)
        {
            _dialogTimer?.Dispose();
            _dialogTimer = _time.CreateTimer(_ => _ = AutoDismissAsync(dialog), null, after, Timeout.InfiniteTimeSpan);
        }

        Activity.Pulse();
        DialogOpened.Pulse();
    }

    private async Task AutoDismissAsync(OpenDialog dialog)
    {
        if (_dialog != dialog)
        {
            return;
        }

        try
        {
            _autoDismissed = dialog;
            await Page.Cdp.SendAsync(new PageHandleJavaScriptDialogRequest { Accept = false });
            ClearDialog(dialog);
        }
        catch (CdpException)
        {
            // Already answered or the tab is gone.
        }
    }

    /// <summary>
    /// Counts the requests a session reports: the tab's, and each out-of-process frame's from
    /// before its document runs, so settling after an action waits for a payment or consent
    /// frame's requests as for the tab's own.
    /// </summary>
    private void FollowRequests(CdpSession cdp, Action<IDisposable> keep)
    {
        keep(cdp.On<NetworkRequestWillBeSentEvent>(e =>
        {
            // Streams never finish; data and blob URLs never hit the network.
            if (e.Type is "WebSocket" or "EventSource" || e.Request.Url.StartsWith("data:", StringComparison.Ordinal) || e.Request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                return;
            }

            if (e.RedirectResponse is null || !_inFlight.ContainsKey(e.RequestId))
            {
                _inFlight[e.RequestId] = (Interlocked.Increment(ref _requestsStarted), e.FrameId, cdp);
            }

            Interlocked.Exchange(ref _lastNetworkActivity, _time.GetTimestamp());
            Activity.Pulse();
        }));
        keep(cdp.On<NetworkLoadingFinishedEvent>(e => RequestDone(e.RequestId)));
        keep(cdp.On<NetworkLoadingFailedEvent>(e => RequestDone(e.RequestId)));
    }

    private void OnFrameAttached(object? sender, BrowserFrame frame)
    {
        var subscriptions = new List<IDisposable>();
        if (!_frameSubscriptions.TryAdd(frame.Cdp, subscriptions))
        {
            return; // Announced while this tab's tracking started, and already followed.
        }

        FollowRequests(frame.Cdp, subscriptions.Add);
        // A frame that goes away (removed, navigated, its tab closed) reports none of its open requests.
        _ = frame.Cdp.Detached.ContinueWith(_ =>
        {
            if (_frameSubscriptions.TryRemove(frame.Cdp, out var gone))
            {
                gone.ForEach(subscription => subscription.Dispose());
            }

            EndRequests(started => started.Source == frame.Cdp);
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void EndRequests(Func<(long Sequence, string? FrameId, CdpSession Source), bool> which)
    {
        foreach (var (request, started) in _inFlight)
        {
            if (which(started))
            {
                RequestDone(request);
            }
        }
    }

    private void RequestDone(string requestId)
    {
        if (_inFlight.TryRemove(requestId, out _))
        {
            Interlocked.Exchange(ref _lastNetworkActivity, _time.GetTimestamp());
            Activity.Pulse();
        }
    }

    private void Bump(ref long counter)
    {
        Interlocked.Increment(ref counter);
        Activity.Pulse();
    }

    private bool IsMainFrame(string? frameId) => frameId is not null && (frameId == Page.MainFrameId || Page.MainFrameId is null);
}
