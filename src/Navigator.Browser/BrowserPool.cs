using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Navigator.Browser;

/// <summary>
/// Hands out isolated <see cref="BrowserSession"/>s. In shared mode sessions are browser
/// contexts on a few long-lived processes; in process-per-session mode each session owns a
/// process taken from a small set of pre-launched spares.
/// </summary>
public sealed class BrowserPool : IAsyncDisposable
{
    private readonly BrowserPoolOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<ChromiumBrowser> _shared = [];
    private readonly Queue<Task<ChromiumBrowser>> _spares = new();
    private readonly List<ChromiumBrowser> _owned = [];
    private bool _disposed;

    /// <summary>Creates an empty pool; browsers start on first use or on <see cref="WarmUpAsync"/>.</summary>
    public BrowserPool(BrowserPoolOptions options, ILoggerFactory? loggerFactory = null)
    {
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>The pool's settings.</summary>
    public BrowserPoolOptions Options => _options;

    /// <summary>Running browser processes (shared, owned and spare).</summary>
    public int BrowserCount
    {
        get
        {
            lock (_shared)
            {
                return _shared.Count(b => b.IsAlive) + _owned.Count(b => b.IsAlive) + _spares.Count;
            }
        }
    }

    /// <summary>Browser process ids, for memory accounting.</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_shared)
            {
                return [.. _shared.Concat(_owned).Where(b => b.IsAlive).Select(b => b.Process.ProcessId)];
            }
        }
    }

    /// <summary>Starts the configured number of warm browsers.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_options.Isolation == BrowserIsolation.SharedProcess)
            {
                while (_shared.Count(b => b.IsAlive) < Math.Max(1, _options.WarmBrowsers))
                {
                    var browser = await LaunchAsync(cancellationToken);
                    lock (_shared)
                    {
                        _shared.Add(browser);
                    }
                }
            }
            else
            {
                TopUpSpares();
            }
        }
        finally
        {
            _gate.Release();
        }

        if (_options.Isolation == BrowserIsolation.ProcessPerSession && _spares.TryPeek(out var spare))
        {
            await spare.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Creates a new isolated session.</summary>
    public async Task<BrowserSession> CreateSessionAsync(BrowserSessionOptions options, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        // A bad navigation policy fails here, before a browser is taken or launched.
        options.NavigationPolicy.Compile();
        if (_options.Isolation == BrowserIsolation.ProcessPerSession)
        {
            var browser = await TakeSpareAsync(cancellationToken);
            lock (_shared)
            {
                _owned.Add(browser);
            }

            BrowserSession session;
            try
            {
                session = await browser.CreateSessionAsync(options, ownsBrowser: true, cancellationToken);
            }
            catch
            {
                // The session never took ownership; do not leak the process.
                lock (_shared)
                {
                    _owned.Remove(browser);
                }

                await browser.DisposeAsync();
                throw;
            }

            _ = session.Closed.ContinueWith(_ => { lock (_shared) { _owned.Remove(browser); } }, TaskScheduler.Default);
            return session;
        }

        var shared = await GetSharedBrowserAsync(cancellationToken);
        return await shared.CreateSessionAsync(options, ownsBrowser: false, cancellationToken);
    }

    private async Task<ChromiumBrowser> GetSharedBrowserAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            lock (_shared)
            {
                _shared.RemoveAll(b => !b.IsAlive);
                var available = _shared.Where(b => b.SessionCount < _options.MaxSessionsPerBrowser).MinBy(b => b.SessionCount);
                if (available is not null)
                {
                    return available;
                }
            }

            var browser = await LaunchAsync(cancellationToken);
            lock (_shared)
            {
                _shared.Add(browser);
            }

            return browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ChromiumBrowser> TakeSpareAsync(CancellationToken cancellationToken)
    {
        Task<ChromiumBrowser> spare;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_spares.Count == 0)
            {
                TopUpSpares();
            }

            spare = _spares.Dequeue();
            TopUpSpares();
        }
        finally
        {
            _gate.Release();
        }

        var browser = await spare;
        return browser.IsAlive ? browser : await LaunchAsync(cancellationToken);
    }

    private void TopUpSpares()
    {
        while (_spares.Count < Math.Max(1, _options.WarmBrowsers))
        {
            _spares.Enqueue(LaunchAsync(CancellationToken.None));
        }
    }

    private Task<ChromiumBrowser> LaunchAsync(CancellationToken cancellationToken) =>
        ChromiumBrowser.LaunchAsync(_options.Chromium, _loggerFactory, cancellationToken);

    /// <summary>Closes every session and browser process.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        List<ChromiumBrowser> browsers;
        lock (_shared)
        {
            browsers = [.. _shared, .. _owned];
            _shared.Clear();
            _owned.Clear();
        }

        while (_spares.TryDequeue(out var spare))
        {
            try
            {
                browsers.Add(await spare);
            }
            catch (BrowserException)
            {
                // A spare that failed to launch has nothing to close.
            }
        }

        await Task.WhenAll(browsers.Select(b => b.DisposeAsync().AsTask()));
    }
}
