using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Navigator.Browser.Launching;
using Navigator.Browser.Security;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Browser;

/// <summary>
/// A running Chromium shared by one or more sessions. It auto-attaches to every new
/// page (paused until set up) and hands each to the session owning its browser context.
/// </summary>
public sealed partial class ChromiumBrowser : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, BrowserSession> _sessionsByContext = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly ILoggerFactory _loggerFactory;
    private BrowserGetVersionResponse? _version;
    private int _disposed;

    private ChromiumBrowser(ChromiumProcess process, HostResolverRules hostResolverRules, ILoggerFactory loggerFactory)
    {
        Process = process;
        HostResolverRules = hostResolverRules;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ChromiumBrowser>();
        process.Connection.Browser.On<TargetAttachedToTargetEvent>(OnAttached);
        process.Connection.Browser.On<TargetTargetCrashedEvent>(OnTargetCrashed);
        _ = WatchExitAsync();
    }

    /// <summary>The process and its connection.</summary>
    public ChromiumProcess Process { get; }

    /// <summary>The name mappings Chromium was started with; sessions' egress proxies apply them too.</summary>
    public HostResolverRules HostResolverRules { get; }

    /// <summary>The CDP connection.</summary>
    public CdpConnection Connection => Process.Connection;

    /// <summary>Sessions (browser contexts) open on this browser.</summary>
    public int SessionCount => _sessionsByContext.Count;

    /// <summary>True while the browser runs.</summary>
    public bool IsAlive => Process.IsAlive;

    /// <summary>Raised when the browser process dies unexpectedly.</summary>
    public event EventHandler<BrowserCrashedEventArgs>? Crashed;

    /// <summary>Launches Chromium and starts auto-attaching to its pages.</summary>
    public static async Task<ChromiumBrowser> LaunchAsync(ChromiumOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        // Parsed before launching so bad rules fail fast, and the proxy resolves names exactly as
        // Chromium would have.
        var hostResolverRules = HostResolverRules.From(options);
        var process = await ChromiumProcess.LaunchAsync(options, loggerFactory, cancellationToken);
        var browser = new ChromiumBrowser(process, hostResolverRules, loggerFactory);
        try
        {
            await Task.WhenAll(
                process.Connection.Browser.SendAsync(new TargetSetAutoAttachRequest
                {
                    AutoAttach = true,
                    WaitForDebuggerOnStart = true,
                    Flatten = true,
                }, cancellationToken),
                process.Connection.Browser.SendAsync(new TargetSetDiscoverTargetsRequest { Discover = true }, cancellationToken));
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Browser version and default user agent.</summary>
    public async Task<BrowserGetVersionResponse> GetVersionAsync(CancellationToken cancellationToken = default) =>
        _version ??= await Connection.Browser.SendAsync(new BrowserGetVersionRequest(), cancellationToken);

    /// <summary>Opens a new isolated browser context with one blank tab.</summary>
    public async Task<BrowserSession> CreateSessionAsync(BrowserSessionOptions options, bool ownsBrowser = false, CancellationToken cancellationToken = default)
    {
        if (!IsAlive)
        {
            throw new BrowserSessionClosedException("The browser process is not running");
        }

        // Validate before anything is created, so a bad pattern leaves nothing behind.
        var policy = options.NavigationPolicy.Compile();
        var proxy = StartEgressProxy(policy);
        TargetCreateBrowserContextResponse context;
        try
        {
            // With a proxy, every TCP connection of the context (WebSockets included) goes through
            // it. "<-loopback>" drops Chromium's implicit bypass of localhost and 127.0.0.0/8.
            context = await Connection.Browser.SendAsync(new TargetCreateBrowserContextRequest
            {
                DisposeOnDetach = true,
                ProxyServer = proxy?.ProxyServer,
                ProxyBypassList = proxy is null ? null : "<-loopback>",
            }, cancellationToken);
        }
        catch
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }

            throw;
        }

        var session = new BrowserSession(this, context.BrowserContextId, options, policy, proxy, ownsBrowser, _loggerFactory);
        _sessionsByContext[context.BrowserContextId] = session;
        try
        {
            await session.ConfigureDownloadsAsync(cancellationToken);
            await session.OpenTabAsync("about:blank", cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A SOCKS5 egress proxy for a policy that restricts hosts and checks subresources. With
    /// CheckSubresources off the proxy could not tell documents from subresources, so the
    /// Fetch guard (documents only) is the sole layer.
    /// </summary>
    private EgressProxy? StartEgressProxy(CompiledNavigationPolicy policy)
    {
        if (!policy.HasHostRules || !policy.Settings.CheckSubresources)
        {
            return null;
        }

        return EgressProxy.Start(
            policy,
            new EgressProxyOptions { HostResolverRules = HostResolverRules },
            _loggerFactory.CreateLogger<EgressProxy>());
    }

    internal void Forget(BrowserSession session) => _sessionsByContext.TryRemove(session.BrowserContextId, out _);

    private void OnAttached(TargetAttachedToTargetEvent e)
    {
        var info = e.TargetInfo;
        var cdp = Connection.GetOrAddSession(e.SessionId);
        if (info.Type == "page" && info.BrowserContextId is { } contextId && _sessionsByContext.TryGetValue(contextId, out var owner))
        {
            owner.OnPageAttached(cdp, info, e.WaitingForDebugger);
            return;
        }

        // Service and shared workers belong to a context too and make requests of their own.
        if (info.Type is "service_worker" or "shared_worker" && info.BrowserContextId is { } workerContext
            && _sessionsByContext.TryGetValue(workerContext, out var workerOwner))
        {
            _ = workerOwner.OnWorkerAttachedAsync(cdp, info, e.WaitingForDebugger);
            return;
        }

        // Pages of the default context (the startup tab) and other target types are not ours
        // to drive; let them run so they do not stay paused forever.
        if (e.WaitingForDebugger)
        {
            _ = ResumeQuietlyAsync(cdp);
        }
    }

    internal static async Task ResumeQuietlyAsync(CdpSession cdp)
    {
        try
        {
            await cdp.SendAsync(new RuntimeRunIfWaitingForDebuggerRequest());
        }
        catch (CdpException)
        {
            // The target went away first.
        }
    }

    private void OnTargetCrashed(TargetTargetCrashedEvent e)
    {
        foreach (var session in _sessionsByContext.Values)
        {
            session.OnRendererCrashed(e.TargetId, e.Status, e.ErrorCode);
        }
    }

    private async Task WatchExitAsync()
    {
        var code = await Process.Exited;
        if (Process.IsDisposing)
        {
            return;
        }

        LogBrowserExited(_logger, Process.ProcessId, code);
        Diagnostics.BrowserTelemetry.RecordCrash(BrowserCrashKind.BrowserProcess);
        var args = new BrowserCrashedEventArgs(BrowserCrashKind.BrowserProcess, $"The browser process exited unexpectedly (exit code {code})", null);
        Crashed?.Invoke(this, args);
        foreach (var session in _sessionsByContext.Values)
        {
            session.OnBrowserCrashed(args);
        }
    }

    /// <summary>Closes every session on this browser and the browser itself.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var session in _sessionsByContext.Values)
        {
            await session.DisposeAsync();
        }

        await Process.DisposeAsync();
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "Chromium {ProcessId} exited unexpectedly with code {ExitCode}")]
    private static partial void LogBrowserExited(ILogger logger, int processId, int exitCode);
}
