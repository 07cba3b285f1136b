using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Navigator.Browser.Security;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Browser;

/// <summary>
/// One isolated browser context (cookies, storage, cache) with its tabs. This is the
/// engine-level session a room drives; the active tab receives actions.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, BrowserPage> _pages = new(StringComparer.Ordinal);

    // ConcurrentDictionary has no order; tab indices shown to agents must follow opening order.
    private readonly ConcurrentDictionary<string, long> _openingOrder = new(StringComparer.Ordinal);
    private long _openedCount;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<BrowserPage>> _pendingTabs = new(StringComparer.Ordinal);
    private readonly bool _ownsBrowser;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _time;
    private readonly EgressRefusalFilter? _egressRefusals;
    private volatile BrowserPage? _activePage;
    private int _disposed;

    internal BrowserSession(ChromiumBrowser browser, string browserContextId, BrowserSessionOptions options, CompiledNavigationPolicy policy, EgressProxy? egressProxy, bool ownsBrowser, ILoggerFactory loggerFactory)
    {
        Browser = browser;
        BrowserContextId = browserContextId;
        Options = options;
        NavigationPolicy = policy;
        _ownsBrowser = ownsBrowser;
        _time = TimeProvider.System;
        _logger = loggerFactory.CreateLogger<BrowserSession>();
        FrameLogger = loggerFactory.CreateLogger<FrameTargets>();

        // Installed by the session itself so no caller can forget it; without host rules there
        // is nothing to check per request (scheme rules are checked before navigating).
        if (policy.HasHostRules)
        {
            Guard = new RequestGuard(this, policy, _time, loggerFactory.CreateLogger<RequestGuard>());
        }

        // The proxy sees what interception cannot (WebSocket handshakes, preconnects); what the
        // guard refused never connects, so nothing is counted twice.
        EgressProxy = egressProxy;
        if (egressProxy is not null)
        {
            _egressRefusals = new EgressRefusalFilter(_time, blocked => ReportBlocked(blocked, null));
            egressProxy.ConnectionRefused += (_, blocked) => _egressRefusals.OnProxyRefused(blocked);
        }
    }

    /// <summary>
    /// The session's SOCKS5 egress proxy, through which all its TCP connections go; null when
    /// the policy has no host rules (or does not check subresources).
    /// </summary>
    public EgressProxy? EgressProxy { get; }

    /// <summary>The browser this context lives in.</summary>
    public ChromiumBrowser Browser { get; }

    /// <summary>CDP browser context id.</summary>
    public string BrowserContextId { get; }

    /// <summary>The options the session was created with.</summary>
    public BrowserSessionOptions Options { get; }

    /// <summary>The validated navigation policy every tab, frame and worker of the session obeys.</summary>
    public CompiledNavigationPolicy NavigationPolicy { get; }

    /// <summary>How many requests the policy refused so far.</summary>
    public BlockedRequestCounters BlockedRequests { get; } = new();

    /// <summary>The session's own download folder; null when downloads are disabled.</summary>
    public string? DownloadDirectory { get; private set; }

    /// <summary>
    /// Raised when the policy refuses a request (the <c>navigation_blocked</c> event). Raised on the
    /// CDP read loop, or on a thread-pool thread for connections the egress proxy refused:
    /// handlers must return quickly and be thread-safe.
    /// </summary>
    public event EventHandler<NavigationBlockedEventArgs>? NavigationBlocked;

    /// <summary>The tab actions go to.</summary>
    public BrowserPage ActivePage => _activePage ?? throw new BrowserSessionClosedException("The session has no open tab");

    /// <summary>Open tabs in opening order.</summary>
    public IReadOnlyList<BrowserPage> Pages => [.. _pages.Values.Where(p => !p.IsClosed).OrderBy(p => _openingOrder.GetValueOrDefault(p.TargetId))];

    /// <summary>True once closed or crashed.</summary>
    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>Completes when the session closes.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Raised when a new tab opens (popup, window.open, or <see cref="OpenTabAsync"/>).</summary>
    public event EventHandler<BrowserPage>? PageOpened;

    /// <summary>Raised when a tab closes.</summary>
    public event EventHandler<BrowserPage>? PageClosed;

    /// <summary>
    /// Raised when another tab becomes the active one (a popup, <see cref="OpenTabAsync"/>,
    /// <see cref="ActivateAsync"/>, or the active tab closing); null when no tab is left.
    /// </summary>
    public event EventHandler<BrowserPage?>? ActivePageChanged;

    /// <summary>Raised when this session's browser or one of its renderers crashes.</summary>
    public event EventHandler<BrowserCrashedEventArgs>? Crashed;

    /// <summary>Navigates the active tab (see <see cref="BrowserPage.NavigateAsync"/>).</summary>
    public Task<PageNavigateResponse> NavigateAsync(string url, NavigationWaitUntil waitUntil = NavigationWaitUntil.Load, CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        return ActivePage.NavigateAsync(url, waitUntil, null, cancellationToken);
    }

    /// <summary>The active tab's URL.</summary>
    public string Url => ActivePage.Url;

    /// <summary>The active tab's title.</summary>
    public Task<string> GetTitleAsync(CancellationToken cancellationToken = default) => ActivePage.GetTitleAsync(cancellationToken);

    /// <summary>Sends a raw command to the active tab.</summary>
    public Task<TResponse> SendAsync<TResponse>(ICdpCommand<TResponse> command, CancellationToken cancellationToken = default)
        where TResponse : class => ActivePage.SendAsync(command, cancellationToken);

    /// <summary>Opens a new tab in this context and makes it active.</summary>
    public async Task<BrowserPage> OpenTabAsync(string url = "about:blank", CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        if (_pages.Count >= Options.MaxTabs)
        {
            throw new BrowserException($"The session already has {Options.MaxTabs} tabs open, its limit; close one first");
        }

        var created = await Browser.Connection.Browser.SendAsync(new TargetCreateTargetRequest { Url = "about:blank", BrowserContextId = BrowserContextId }, cancellationToken);
        var page = await PendingTab(created.TargetId).Task.WaitAsync(cancellationToken);
        SetActivePage(page);
        if (url != "about:blank")
        {
            await page.NavigateAsync(url, cancellationToken: cancellationToken);
        }

        return page;
    }

    /// <summary>Makes a tab the active one.</summary>
    public async Task ActivateAsync(BrowserPage page, CancellationToken cancellationToken = default)
    {
        if (page.Session != this || page.IsClosed)
        {
            throw new BrowserSessionClosedException($"The tab {page.TargetId} is not open in this session");
        }

        SetActivePage(page);
        await page.SendAsync(new PageBringToFrontRequest(), cancellationToken);
    }

    internal RequestGuard? Guard { get; }

    internal ILogger FrameLogger { get; }

    internal TimeProvider Time => _time;

    internal void OnPageAttached(CdpSession cdp, TargetTargetInfo info, bool waitingForDebugger) =>
        _ = SetUpPageAsync(cdp, info, waitingForDebugger);

    /// <summary>A service or shared worker of this context: guard it like a page, then let it run.</summary>
    internal Task OnWorkerAttachedAsync(CdpSession cdp, TargetTargetInfo info, bool waitingForDebugger) =>
        Guard is { } guard
            ? guard.GuardWorkerAsync(cdp, info, waitingForDebugger)
            : waitingForDebugger ? ChromiumBrowser.ResumeQuietlyAsync(cdp) : Task.CompletedTask;

    /// <summary>A refusal by the network-layer guard: also offered to the egress filter (see <see cref="EgressRefusalFilter"/>).</summary>
    internal void ReportGuardBlocked(NavigationBlockedEventArgs blocked, BrowserPage? page)
    {
        _egressRefusals?.OnGuardRefused(blocked);
        ReportBlocked(blocked, page);
    }

    internal void ReportBlocked(NavigationBlockedEventArgs blocked, BrowserPage? page)
    {
        BlockedRequests.Count(blocked);
        if (blocked.IsMainFrame)
        {
            page?.RecordMainFrameBlock(blocked);
        }

        NavigationBlocked?.Invoke(this, blocked);
    }

    /// <summary>
    /// The context's cookies (read from the browser process, so a crashed or frozen page does not
    /// block it). Null when the browser is gone or does not answer within <paramref name="timeout"/>.
    /// </summary>
    public async Task<IReadOnlyList<BrowserCookie>?> TryGetCookiesAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (IsClosed || !Browser.IsAlive)
        {
            return null;
        }

        try
        {
            var response = await Browser.Connection.Browser.SendAsync(new StorageGetCookiesRequest { BrowserContextId = BrowserContextId }, timeout, cancellationToken);
            return [.. response.Cookies.Select(ToBrowserCookie)];
        }
        catch (Exception ex) when (ex is CdpException or ObjectDisposedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogCookieReadFailed(_logger, BrowserContextId, ex);
            return null;
        }
    }

    /// <summary>
    /// Sets cookies in the context. Returns false (and logs why) when Chromium refuses them, e.g.
    /// an expired cookie or a domain it no longer accepts.
    /// </summary>
    public async Task<bool> TrySetCookiesAsync(IReadOnlyList<BrowserCookie> cookies, CancellationToken cancellationToken = default)
    {
        ThrowIfClosed();
        if (cookies.Count == 0)
        {
            return true;
        }

        try
        {
            await Browser.Connection.Browser.SendAsync(
                new StorageSetCookiesRequest { Cookies = [.. cookies.Select(ToCookieParam)], BrowserContextId = BrowserContextId }, cancellationToken);
            return true;
        }
        catch (CdpProtocolException ex)
        {
            LogCookieWriteFailed(_logger, BrowserContextId, ex);
            return false;
        }
    }

    private static BrowserCookie ToBrowserCookie(NetworkCookie cookie) => new()
    {
        Name = cookie.Name,
        Value = cookie.Value,
        Domain = cookie.Domain,
        Path = cookie.Path,
        Secure = cookie.Secure,
        HttpOnly = cookie.HttpOnly,
        SameSite = cookie.SameSite,
        Expires = cookie.Session ? null : cookie.Expires,
    };

    private static NetworkCookieParam ToCookieParam(BrowserCookie cookie) => new()
    {
        Name = cookie.Name,
        Value = cookie.Value,
        Domain = cookie.Domain,
        Path = cookie.Path,
        Secure = cookie.Secure,
        HttpOnly = cookie.HttpOnly,
        SameSite = cookie.SameSite,
        Expires = cookie.Expires,
    };

    /// <summary>Points the context's downloads at its own folder (or refuses them); before the first tab opens.</summary>
    internal async Task ConfigureDownloadsAsync(CancellationToken cancellationToken)
    {
        var downloads = Options.Downloads;
        string? folder = null;
        if (downloads.Enabled)
        {
            folder = DownloadFolders.For(downloads.ResolveRoot(), BrowserContextId);
            Directory.CreateDirectory(folder);
        }

        await Browser.Connection.Browser.SendAsync(new BrowserSetDownloadBehaviorRequest
        {
            Behavior = folder is null ? "deny" : "allow",
            BrowserContextId = BrowserContextId,
            DownloadPath = folder,
            EventsEnabled = true,
        }, cancellationToken);
        DownloadDirectory = folder;
    }

    private async Task SetUpPageAsync(CdpSession cdp, TargetTargetInfo info, bool waitingForDebugger)
    {
        var tab = PendingTab(info.TargetId);
        if (_pages.Count >= Options.MaxTabs)
        {
            // A page opening windows in a loop must not exhaust the host: the extra tab never runs.
            LogTabRefused(_logger, BrowserContextId, Options.MaxTabs);
            tab.TrySetException(new BrowserException($"The session already has {Options.MaxTabs} tabs open, its limit; close one first"));
            if (info.OpenerId is not null)
            {
                // Nobody waits for a popup by id; do not keep its entry.
                _pendingTabs.TryRemove(info.TargetId, out _);
            }

            await CloseTargetQuietlyAsync(info.TargetId);
            return;
        }

        var page = new BrowserPage(this, cdp, info.TargetId, info.Url, info.OpenerId);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await page.InitializeAsync(Options, waitingForDebugger, timeout.Token);
        }
        catch (Exception ex) when (ex is CdpException or OperationCanceledException or BrowserException)
        {
            LogPageSetupFailed(_logger, info.TargetId, ex);
            tab.TrySetException(new BrowserSessionClosedException($"The tab {info.TargetId} could not be set up: {ex.Message}", ex));
            return;
        }

        _openingOrder[info.TargetId] = Interlocked.Increment(ref _openedCount);
        _pages[info.TargetId] = page;
        _ = page.Closed.ContinueWith(_ => OnPageClosed(page), TaskScheduler.Default);
        if (info.OpenerId is not null && _pages.ContainsKey(info.OpenerId))
        {
            // A popup from our tab becomes the active tab, as a user would see it.
            SetActivePage(page);
        }

        tab.TrySetResult(page);
        PageOpened?.Invoke(this, page);
    }

    private void SetActivePage(BrowserPage? page)
    {
        if (Interlocked.Exchange(ref _activePage, page) != page)
        {
            ActivePageChanged?.Invoke(this, page);
        }
    }

    private async Task CloseTargetQuietlyAsync(string targetId)
    {
        try
        {
            await Browser.Connection.Browser.SendAsync(new TargetCloseTargetRequest { TargetId = targetId }, TimeSpan.FromSeconds(5));
        }
        catch (CdpException ex)
        {
            LogDisposeFailed(_logger, targetId, ex);
        }
    }

    private TaskCompletionSource<BrowserPage> PendingTab(string targetId) =>
        _pendingTabs.GetOrAdd(targetId, _ => new TaskCompletionSource<BrowserPage>(TaskCreationOptions.RunContinuationsAsynchronously));

    private void OnPageClosed(BrowserPage page)
    {
        _pages.TryRemove(page.TargetId, out _);
        _openingOrder.TryRemove(page.TargetId, out _);
        _pendingTabs.TryRemove(page.TargetId, out _);
        if (_activePage == page)
        {
            var open = Pages;
            SetActivePage(open.Count == 0 ? null : open[^1]);
        }

        PageClosed?.Invoke(this, page);
    }

    internal void OnRendererCrashed(string targetId, string status, int errorCode)
    {
        if (_pages.ContainsKey(targetId))
        {
            Diagnostics.BrowserTelemetry.RecordCrash(BrowserCrashKind.Renderer);
            Crashed?.Invoke(this, new BrowserCrashedEventArgs(BrowserCrashKind.Renderer, $"The page's renderer crashed ({status}, code {errorCode})", targetId));
        }
    }

    internal void OnBrowserCrashed(BrowserCrashedEventArgs args)
    {
        Crashed?.Invoke(this, args);
        foreach (var page in _pages.Values)
        {
            page.MarkClosed();
        }

        _closed.TrySetResult();
    }

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw new BrowserSessionClosedException("The browser session is closed");
        }
    }

    /// <summary>Disposes the browser context (and the browser if this session owns it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _closed.TrySetResult();
        Browser.Forget(this);

        // Tabs count as closed from here: nothing is sent to them any more (a crashed or frozen
        // renderer would never answer), and disposing the context discards their scripts and bindings.
        foreach (var page in _pages.Values)
        {
            page.MarkClosed();
        }

        if (Browser.IsAlive)
        {
            try
            {
                // Handled by the browser process, which closes the context's renderers whatever they are doing.
                await Browser.Connection.Browser.SendAsync(new TargetDisposeBrowserContextRequest { BrowserContextId = BrowserContextId }, ContextDisposeTimeout);
            }
            catch (CdpException ex)
            {
                LogDisposeFailed(_logger, BrowserContextId, ex);
            }
        }

        if (_ownsBrowser)
        {
            await Browser.DisposeAsync();
        }

        // After the context: its tabs are gone, so no new connection can arrive.
        if (EgressProxy is not null)
        {
            await EgressProxy.DisposeAsync();
            _egressRefusals?.FlushAll();
        }

        DeleteDownloads();
    }

    private void DeleteDownloads()
    {
        if (DownloadDirectory is null || Options.Downloads.Keep)
        {
            return;
        }

        try
        {
            Directory.Delete(DownloadDirectory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDownloadCleanupFailed(_logger, DownloadDirectory, ex);
        }
    }

    /// <summary>How long disposing waits for the browser to drop the context; a stuck browser is not worth waiting for.</summary>
    private static readonly TimeSpan ContextDisposeTimeout = TimeSpan.FromSeconds(2);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Context {ContextId}: refused a tab beyond the limit of {MaxTabs}")]
    private static partial void LogTabRefused(ILogger logger, string contextId, int maxTabs);

    [LoggerMessage(EventId = 303, Level = LogLevel.Debug, Message = "Context {ContextId}: reading cookies failed")]
    private static partial void LogCookieReadFailed(ILogger logger, string contextId, Exception exception);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Context {ContextId}: setting cookies failed")]
    private static partial void LogCookieWriteFailed(ILogger logger, string contextId, Exception exception);

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Setting up tab {TargetId} failed")]
    private static partial void LogPageSetupFailed(ILogger logger, string targetId, Exception exception);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Could not delete the download folder {Folder}")]
    private static partial void LogDownloadCleanupFailed(ILogger logger, string folder, Exception exception);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "Disposing browser context {ContextId} failed")]
    private static partial void LogDisposeFailed(ILogger logger, string contextId, Exception exception);
}
