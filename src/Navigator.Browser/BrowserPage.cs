using System.Text.Json;
using Navigator.Browser.Security;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Browser;

/// <summary>
/// One tab of a session: its CDP session plus the main frame's URL and load state,
/// tracked from events so reading them costs no round trip.
/// </summary>
public sealed class BrowserPage
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string _url;
    private volatile string? _mainFrameId;
    private volatile string? _loaderId;
    private int _loadState = (int)PageLoadState.Complete;
    private volatile NavigationBlockedEventArgs? _lastMainFrameBlock;
    private int _mainFrameBlocks;
    private volatile bool _crashed;
    private readonly FrameTargets _frames;

    internal BrowserPage(BrowserSession owner, CdpSession cdp, string targetId, string url, string? openerId)
    {
        Session = owner;
        Cdp = cdp;
        TargetId = targetId;
        OpenerId = openerId;
        _url = url;
        _frames = new FrameTargets(this, owner.FrameLogger);
        _subscriptions.Add(cdp.On<PageFrameNavigatedEvent>(OnFrameNavigated));
        _subscriptions.Add(cdp.On<PageNavigatedWithinDocumentEvent>(e =>
        {
            if (e.FrameId == _mainFrameId)
            {
                _url = e.Url;
                UrlChanged?.Invoke(this, e.Url);
            }
        }));
        _subscriptions.Add(cdp.On<PageFrameStartedLoadingEvent>(e =>
        {
            if (e.FrameId == _mainFrameId || _mainFrameId is null)
            {
                SetLoadState(PageLoadState.Navigating);
            }
        }));
        _subscriptions.Add(cdp.On<PageLifecycleEventEvent>(OnLifecycle));
        _subscriptions.Add(cdp.On<PageLoadEventFiredEvent>(_ => SetLoadState(PageLoadState.Complete)));
        _subscriptions.Add(cdp.On<PageDomContentEventFiredEvent>(_ =>
        {
            if (LoadState < PageLoadState.Interactive)
            {
                SetLoadState(PageLoadState.Interactive);
            }
        }));
        _subscriptions.Add(cdp.On<InspectorTargetCrashedEvent>(_ =>
        {
            _crashed = true;
            Crashed?.Invoke(this, EventArgs.Empty);
        }));
        _ = cdp.Detached.ContinueWith(_ => MarkClosed(), TaskScheduler.Default);
    }

    /// <summary>The session this tab belongs to.</summary>
    public BrowserSession Session { get; }

    /// <summary>The page's CDP session, for raw protocol use.</summary>
    public CdpSession Cdp { get; }

    /// <summary>CDP target id.</summary>
    public string TargetId { get; }

    /// <summary>The target that opened this one (popups), if any.</summary>
    public string? OpenerId { get; }

    /// <summary>Main frame id once known.</summary>
    public string? MainFrameId => _mainFrameId;

    /// <summary>The main frame's current URL.</summary>
    public string Url => _url;

    /// <summary>The main frame's load state.</summary>
    public PageLoadState LoadState => (PageLoadState)Volatile.Read(ref _loadState);

    /// <summary>True once the tab closed or its session detached.</summary>
    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>
    /// True once the tab's renderer crashed: renderer-side commands would never be answered,
    /// so teardown sends it nothing.
    /// </summary>
    public bool IsCrashed => _crashed;

    /// <summary>Completes when the tab closes.</summary>
    public Task Closed => _closed.Task;

    /// <summary>The tab's attached out-of-process (cross-site) iframes at every depth, outer ones first.</summary>
    public IReadOnlyList<BrowserFrame> Frames => _frames.Frames;

    /// <summary>The attached out-of-process frame with this id (= its target id), or null.</summary>
    public BrowserFrame? FindFrame(string frameId) => _frames.Find(frameId);

    /// <summary>Raised (on the CDP read loop) when the main frame's URL changes, including same-document changes.</summary>
    public event EventHandler<string>? UrlChanged;

    /// <summary>Raised (on the CDP read loop) when the load state changes.</summary>
    public event EventHandler<PageLoadState>? LoadStateChanged;

    /// <summary>Raised when the renderer crashes.</summary>
    public event EventHandler? Crashed;

    /// <summary>
    /// Raised (on the CDP read loop) when an out-of-process frame attaches, before its document
    /// runs: a handler that subscribes to the frame's events sees all of them, its requests
    /// included (the Network domain is on in every frame).
    /// </summary>
    public event EventHandler<BrowserFrame>? FrameAttached;

    internal void OnFrameAttached(BrowserFrame frame) => FrameAttached?.Invoke(this, frame);

    /// <summary>Sends a typed command to this page.</summary>
    public Task<TResponse> SendAsync<TResponse>(ICdpCommand<TResponse> command, CancellationToken cancellationToken = default)
        where TResponse : class
    {
        ThrowIfClosed();
        return Cdp.SendAsync(command, cancellationToken);
    }

    /// <summary>
    /// Enables the domains the engine relies on and runs the session's initializers while
    /// the page is paused, then lets it run. Renderer-side commands (Runtime.enable, ...) do
    /// not answer while a popup is paused, so they are sent first and awaited only after
    /// the resume; CDP keeps per-session order, so they still take effect before the page runs.
    /// </summary>
    internal async Task InitializeAsync(BrowserSessionOptions options, bool waitingForDebugger, CancellationToken cancellationToken)
    {
        var setup = new List<Task>
        {
            Cdp.SendAsync(new PageEnableRequest(), cancellationToken),
            Cdp.SendAsync(new PageSetLifecycleEventsEnabledRequest { Enabled = true }, cancellationToken),
            Cdp.SendAsync(new RuntimeEnableRequest(), cancellationToken),
            Cdp.SendAsync(new InspectorEnableRequest(), cancellationToken),
            Cdp.SendAsync(new EmulationSetDeviceMetricsOverrideRequest
            {
                Width = options.ViewportWidth,
                Height = options.ViewportHeight,
                DeviceScaleFactor = options.DeviceScaleFactor,
                Mobile = false,
            }, cancellationToken),
        };
        if (options.UserAgent is not null || options.Locale is not null)
        {
            var userAgent = options.UserAgent ?? (await Session.Browser.GetVersionAsync(cancellationToken)).UserAgent;
            setup.Add(Cdp.SendAsync(new EmulationSetUserAgentOverrideRequest { UserAgent = userAgent, AcceptLanguage = options.Locale }, cancellationToken));
        }

        if (options.Locale is not null)
        {
            setup.Add(Cdp.SendAsync(new EmulationSetLocaleOverrideRequest { Locale = options.Locale }, cancellationToken));
        }

        if (options.TimezoneId is not null)
        {
            setup.Add(Cdp.SendAsync(new EmulationSetTimezoneOverrideRequest { TimezoneId = options.TimezoneId }, cancellationToken));
        }

        var frameTree = Cdp.SendAsync(new PageGetFrameTreeRequest(), cancellationToken);

        // The network guard goes on before the page can run or request anything; it and the
        // initializers only await browser-side domains (Fetch, Network, Target, Browser),
        // which answer while the page is paused.
        if (Session.Guard is { } guard)
        {
            await guard.GuardPageAsync(this, cancellationToken);
        }

        // Out-of-process iframes and workers start paused, so each is guarded (and frames are
        // readied for reading) before it runs.
        await _frames.FollowAsync(Cdp, null, cancellationToken);

        foreach (var initializer in options.PageInitializers)
        {
            await initializer.InitializeAsync(this, cancellationToken);
        }

        if (waitingForDebugger)
        {
            setup.Add(Cdp.SendAsync(new RuntimeRunIfWaitingForDebuggerRequest(), cancellationToken));
        }

        // Later commands queue behind these on the same session, so the tab can be handed out
        // now; what needs the frame id awaits Ready.
        Ready = CompleteSetupAsync(setup, frameTree);
    }

    /// <summary>Completes once the page answered its setup commands (domains enabled, frame known).</summary>
    public Task Ready { get; private set; } = Task.CompletedTask;

    private async Task CompleteSetupAsync(List<Task> setup, Task<PageGetFrameTreeResponse> frameTree)
    {
        try
        {
            await Task.WhenAll(setup);
            var tree = await frameTree;
            _mainFrameId ??= tree.FrameTree.Frame.Id;
            _loaderId ??= tree.FrameTree.Frame.LoaderId;
        }
        catch (Exception ex) when (ex is CdpException or OperationCanceledException)
        {
            throw new BrowserSessionClosedException($"The tab {TargetId} could not be set up: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Navigates the main frame and waits for <paramref name="waitUntil"/>.
    /// Throws <see cref="NavigationBlockedException"/> when the session's navigation policy refuses
    /// the URL (checked before sending, and again at the network layer for redirects), 
    /// <see cref="NavigationException"/> on a network error and
    /// <see cref="NavigationTimeoutException"/> when the page does not load in time.
    /// </summary>
    public async Task<PageNavigateResponse> NavigateAsync(string url, NavigationWaitUntil waitUntil = NavigationWaitUntil.Load, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();

        // Instant refusal without a round trip; the network layer remains the real boundary.
        var decision = Session.NavigationPolicy.Evaluate(url);
        if (!decision.IsAllowed)
        {
            Session.ReportBlocked(new NavigationBlockedEventArgs(url, decision, NetworkResourceType.Document, true, TargetId, Session.Time.GetUtcNow()), this);
            throw new NavigationBlockedException(url, url, decision);
        }

        await Ready;
        var blocksBefore = Volatile.Read(ref _mainFrameBlocks);
        var limit = timeout ?? Session.Options.NavigationTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var lifecycleName = waitUntil == NavigationWaitUntil.Load ? "load" : "DOMContentLoaded";
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? expectedLoader = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sync = new Lock();
        using var subscription = Cdp.On<PageLifecycleEventEvent>(e =>
        {
            if (e.FrameId != _mainFrameId || e.Name != lifecycleName)
            {
                return;
            }

            lock (sync)
            {
                seen.Add(e.LoaderId);
                if (e.LoaderId == expectedLoader)
                {
                    reached.TrySetResult();
                }
            }
        });

        // A document that replaces itself while loading (location.replace, a script redirect)
        // never fires its own load: the wait follows each main-frame document committed after it.
        var committed = new List<string>();
        using var commitSubscription = Cdp.On<PageFrameNavigatedEvent>(e =>
        {
            if (e.Frame.ParentId is not null)
            {
                return;
            }

            lock (sync)
            {
                if (expectedLoader is null)
                {
                    committed.Add(e.Frame.LoaderId);
                }
                else if (e.Frame.LoaderId != expectedLoader && committed.Contains(expectedLoader))
                {
                    expectedLoader = e.Frame.LoaderId;
                    if (seen.Contains(expectedLoader))
                    {
                        reached.TrySetResult();
                    }
                }
                else if (e.Frame.LoaderId == expectedLoader)
                {
                    committed.Add(expectedLoader);
                }
            }
        });

        var sameDocument = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sameDocumentSubscription = Cdp.On<PageNavigatedWithinDocumentEvent>(e =>
        {
            if (e.FrameId == _mainFrameId)
            {
                sameDocument.TrySetResult();
            }
        });

        PageNavigateResponse response;
        try
        {
            SetLoadState(PageLoadState.Navigating);
            response = await Cdp.SendAsync(new PageNavigateRequest { Url = url }, limit, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NavigationTimeoutException(url, limit);
        }
        catch (CdpCommandTimeoutException)
        {
            throw new NavigationTimeoutException(url, limit);
        }
        catch (CdpProtocolException ex)
        {
            SetLoadState(PageLoadState.Complete);
            throw new NavigationException(url, ex.ProtocolMessage);
        }

        if (!string.IsNullOrEmpty(response.ErrorText))
        {
            // Chromium commits its error page (chrome-error://chromewebdata/) for network errors; the load cycle is over either way.
            SetLoadState(PageLoadState.Complete);
            if (Volatile.Read(ref _mainFrameBlocks) != blocksBefore && _lastMainFrameBlock is { } blocked)
            {
                throw new NavigationBlockedException(url, blocked.Url, blocked.Decision);
            }

            throw new NavigationException(url, response.ErrorText);
        }

        if (response.LoaderId is null || waitUntil == NavigationWaitUntil.Commit)
        {
            // Same-document navigation (hash change) has no new loader; its URL event may
            // trail the answer, so wait for it briefly (it does not come if nothing changed).
            if (response.LoaderId is null)
            {
                SetLoadState(PageLoadState.Complete);
                await sameDocument.Task.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            return response;
        }

        lock (sync)
        {
            expectedLoader = response.LoaderId;
            var at = committed.IndexOf(expectedLoader);
            if (at >= 0 && at < committed.Count - 1)
            {
                // Replaced already before the answer came.
                expectedLoader = committed[^1];
            }

            if (seen.Contains(expectedLoader))
            {
                reached.TrySetResult();
            }
        }

        try
        {
            var finished = await Task.WhenAny(reached.Task, Cdp.Detached).WaitAsync(deadline.Token);
            if (finished != reached.Task)
            {
                throw new BrowserSessionClosedException($"The tab closed while navigating to {url}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NavigationTimeoutException(url, limit);
        }

        return response;
    }

    /// <summary>Evaluates an expression and returns its JSON value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression, bool awaitPromise = false, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync(new RuntimeEvaluateRequest
        {
            Expression = expression,
            ReturnByValue = true,
            AwaitPromise = awaitPromise,
        }, cancellationToken);
        if (result.ExceptionDetails is { } error)
        {
            throw new BrowserException($"Script error: {error.Exception?.Description ?? error.Text}");
        }

        return result.Result.Value ?? default;
    }

    /// <summary>The document title.</summary>
    public async Task<string> GetTitleAsync(CancellationToken cancellationToken = default) =>
        (await EvaluateAsync("document.title", cancellationToken: cancellationToken)).GetString() ?? string.Empty;

    /// <summary>The document's <c>readyState</c> as the page reports it.</summary>
    public async Task<string> GetReadyStateAsync(CancellationToken cancellationToken = default) =>
        (await EvaluateAsync("document.readyState", cancellationToken: cancellationToken)).GetString() ?? string.Empty;

    /// <summary>The frame tree (main frame and children).</summary>
    public async Task<PageFrameTree> GetFrameTreeAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(new PageGetFrameTreeRequest(), cancellationToken)).FrameTree;

    /// <summary>Closes this tab.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (IsClosed)
        {
            return;
        }

        try
        {
            await Session.Browser.Connection.Browser.SendAsync(new TargetCloseTargetRequest { TargetId = TargetId }, cancellationToken);
        }
        catch (CdpException)
        {
            // Already closed.
        }

        MarkClosed();
    }

    /// <summary>
    /// Dismisses every JavaScript dialog the page opens until the result is disposed, so a page
    /// that calls alert() while loading cannot block a navigation or a recovery.
    /// </summary>
    public IDisposable DismissDialogs() => Cdp.On<PageJavascriptDialogOpeningEvent>(opening => _ = DismissDialogAsync());

    private async Task DismissDialogAsync()
    {
        try
        {
            await Cdp.SendAsync(new PageHandleJavaScriptDialogRequest { Accept = false }, TimeSpan.FromSeconds(2));
        }
        catch (CdpException)
        {
            // Already answered, or the tab went away.
        }
    }

    /// <summary>Notes a refused main-frame request so a pending navigation can report it.</summary>
    internal void RecordMainFrameBlock(NavigationBlockedEventArgs blocked)
    {
        _lastMainFrameBlock = blocked;
        Interlocked.Increment(ref _mainFrameBlocks);
    }

    internal void MarkClosed()
    {
        if (_closed.TrySetResult())
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw new BrowserSessionClosedException($"The tab {TargetId} is closed");
        }
    }

    private void OnFrameNavigated(PageFrameNavigatedEvent e)
    {
        if (e.Frame.ParentId is not null)
        {
            return;
        }

        _mainFrameId = e.Frame.Id;
        _loaderId = e.Frame.LoaderId;
        var changed = _url != e.Frame.Url;
        _url = e.Frame.Url;
        if (LoadState == PageLoadState.Navigating)
        {
            SetLoadState(PageLoadState.Loading);
        }

        if (changed)
        {
            UrlChanged?.Invoke(this, e.Frame.Url);
        }
    }

    private void OnLifecycle(PageLifecycleEventEvent e)
    {
        if (e.FrameId != _mainFrameId)
        {
            return;
        }

        switch (e.Name)
        {
            case "init" when e.LoaderId != _loaderId || LoadState == PageLoadState.Navigating:
                SetLoadState(PageLoadState.Loading);
                break;
            case "DOMContentLoaded" when LoadState < PageLoadState.Interactive:
                SetLoadState(PageLoadState.Interactive);
                break;
            case "load":
                SetLoadState(PageLoadState.Complete);
                break;
        }
    }

    private void SetLoadState(PageLoadState state)
    {
        if (Interlocked.Exchange(ref _loadState, (int)state) != (int)state)
        {
            LoadStateChanged?.Invoke(this, state);
        }
    }
}
