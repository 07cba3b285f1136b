using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Navigator.Browser.Security;

/// <summary>
/// A SOCKS5 server on 127.0.0.1 (RFC 1928: no authentication, CONNECT only) through which a
/// session's browser context makes every TCP connection. It applies the session's
/// <see cref="CompiledNavigationPolicy"/> to the destination host and port before resolving or
/// connecting, so traffic that CDP interception cannot see (WebSocket handshakes, preconnects)
/// obeys the same rules. A refused connection gets reply 0x02 ("not allowed by ruleset") and is
/// reported through <see cref="ConnectionRefused"/>.
/// </summary>
/// <remarks>
/// Chromium sends host names to a SOCKS5 proxy unresolved, so the proxy resolves allowed names
/// itself (after <see cref="EgressProxyOptions.HostResolverRules"/>) and re-checks every address
/// against blocked IP literals. Each connection is one async flow (no thread per connection);
/// tunnels relay bytes with pooled buffers rented only while data moves. Nothing a client
/// sends can bring the process down: every failure ends that connection and is logged.
/// </remarks>
public sealed partial class EgressProxy : IAsyncDisposable
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);
    private readonly Socket _listener;
    private readonly CompiledNavigationPolicy _policy;
    private readonly EgressProxyOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _slots;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _acceptLoop;

    // Starts at one for the accept loop itself, so it reaches zero only after disposal began.
    private int _running = 1;
    private int _active;
    private long _tunnels;
    private long _refused;
    private int _disposed;

    private EgressProxy(Socket listener, CompiledNavigationPolicy policy, EgressProxyOptions options, ILogger logger, TimeProvider time)
    {
        _listener = listener;
        _policy = policy;
        _options = options;
        _logger = logger;
        _time = time;
        _slots = new SemaphoreSlim(Math.Max(1, options.MaxConnections));
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Where the proxy listens (127.0.0.1 and a free port).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>The value for Chromium's proxy setting, <c>socks5://127.0.0.1:port</c>.</summary>
    public string ProxyServer => $"socks5://{EndPoint}";

    /// <summary>The policy connections are checked against.</summary>
    public CompiledNavigationPolicy Policy => _policy;

    /// <summary>Tunnels open right now.</summary>
    public int ActiveConnections => Volatile.Read(ref _active);

    /// <summary>Tunnels established so far.</summary>
    public long TunnelsOpened => Interlocked.Read(ref _tunnels);

    /// <summary>Connections refused by the policy so far.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refused);

    /// <summary>
    /// Raised when the policy refuses a connection. <see cref="NavigationBlockedEventArgs.Url"/>
    /// is <c>host:port</c> (the proxy never sees a URL) and the resource type is <c>Other</c>.
    /// Raised on a thread-pool thread; handlers must return quickly.
    /// </summary>
    public event EventHandler<NavigationBlockedEventArgs>? ConnectionRefused;

    /// <summary>Binds 127.0.0.1 on a free port and starts accepting connections.</summary>
    public static EgressProxy Start(CompiledNavigationPolicy policy, EgressProxyOptions? options = null, ILogger? logger = null, TimeProvider? time = null)
    {
        options ??= new EgressProxyOptions();
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(Math.Clamp(options.MaxConnections, 16, 1024));
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        var proxy = new EgressProxy(listener, policy, options, logger ?? NullLogger.Instance, time ?? TimeProvider.System);
        LogListening(proxy._logger, proxy.EndPoint);
        return proxy;
    }

    private async Task AcceptLoopAsync()
    {
        await Task.Yield();
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                // Bounded concurrency: beyond the limit clients wait in the kernel's backlog.
                await _slots.WaitAsync(stopping);
                Socket client;
                try
                {
                    client = await _listener.AcceptAsync(stopping);
                }
                catch
                {
                    _slots.Release();
                    throw;
                }

                Interlocked.Increment(ref _running);
                _ = Task.Run(() => RunConnectionAsync(client), CancellationToken.None);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                // E.g. out of file descriptors: keep serving, but do not spin.
                LogAcceptFailed(_logger, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, CancellationToken.None);
            }
        }
    }

    private async Task RunConnectionAsync(Socket client)
    {
        try
        {
            var connection = new EgressConnection(this, client);
            await connection.RunAsync(_stopping.Token);
        }
        catch (Exception ex)
        {
            // Never let one connection's failure escape; it would only be an unobserved task.
            LogConnectionFailed(_logger, ex);
        }
        finally
        {
            client.Dispose();
            _slots.Release();
            if (Interlocked.Decrement(ref _running) == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    internal EgressProxyOptions Options => _options;

    internal ILogger Logger => _logger;

    internal void OnTunnelOpened()
    {
        Interlocked.Increment(ref _tunnels);
        Interlocked.Increment(ref _active);
    }

    internal void OnTunnelClosed() => Interlocked.Decrement(ref _active);

    internal void OnRefused(string host, int port, PolicyDecision decision)
    {
        Interlocked.Increment(ref _refused);
        var authority = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
        LogRefused(_logger, authority, decision.Rule);
        var handler = ConnectionRefused;
        if (handler is null)
        {
            return;
        }

        try
        {
            handler(this, new NavigationBlockedEventArgs(authority, decision, "Other", false, null, _time.GetUtcNow()));
        }
        catch (Exception ex)
        {
            LogHandlerFailed(_logger, ex);
        }
    }

    /// <summary>Stops accepting, closes every tunnel and waits (briefly) for them to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Dispose();
        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (Interlocked.Decrement(ref _running) == 0)
        {
            _drained.TrySetResult();
        }

        await _drained.Task.WaitAsync(DrainTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_drained.Task.IsCompleted)
        {
            // A straggler past the drain timeout still uses these; leave them to the GC then.
            _stopping.Dispose();
            _slots.Dispose();
        }
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Egress proxy refused a connection to {Authority} ({Rule})")]
    private static partial void LogRefused(ILogger logger, string authority, string rule);

    [LoggerMessage(EventId = 411, Level = LogLevel.Debug, Message = "Egress proxy listening on {EndPoint}")]
    private static partial void LogListening(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(EventId = 414, Level = LogLevel.Warning, Message = "Egress proxy could not accept a connection")]
    private static partial void LogAcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 415, Level = LogLevel.Error, Message = "Egress proxy connection failed unexpectedly")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 416, Level = LogLevel.Warning, Message = "A ConnectionRefused handler threw")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);
}
