namespace Navigator.Browser.Security;

/// <summary>
/// Keeps a proxy refusal and a request-guard refusal of the same request from being reported
/// twice. Chromium preconnects to the target of a page-initiated navigation (link, form,
/// <c>location=</c>, popup) while the navigation request is still on its way to the Fetch
/// guard; the proxy refuses that preconnect and, some milliseconds later, the guard refuses the
/// request itself. So a proxy refusal is held for <see cref="Window"/> and dropped when the
/// guard refuses the same host and port within that window (before or after); otherwise it is
/// reported as a connection only the proxy saw (a WebSocket handshake or a lone preconnect).
/// </summary>
internal sealed class EgressRefusalFilter(TimeProvider time, Action<NavigationBlockedEventArgs> report)
{
    /// <summary>How far apart the two refusals of one request may be (measured: under 50 ms).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Host, int Port), DateTimeOffset> _guardRefusals = [];
    private readonly Dictionary<(string Host, int Port), List<PendingRefusal>> _pending = [];

    /// <summary>Notes a refusal by the request guard (or the instant check).</summary>
    public void OnGuardRefused(NavigationBlockedEventArgs blocked)
    {
        if (!Uri.TryCreate(blocked.Url, UriKind.Absolute, out var uri) || uri.Port < 0 || blocked.Host.Length == 0)
        {
            return;
        }

        var key = (blocked.Host, uri.Port);
        lock (_lock)
        {
            Prune();
            _guardRefusals[key] = time.GetUtcNow();
            if (_pending.Remove(key, out var dropped))
            {
                dropped.ForEach(p => p.Timer.Dispose());
            }
        }
    }

    /// <summary>
    /// A proxy refusal (<see cref="NavigationBlockedEventArgs.Url"/> is <c>host:port</c>): dropped if
    /// the guard just refused the same endpoint, else reported once the window has passed.
    /// </summary>
    public void OnProxyRefused(NavigationBlockedEventArgs blocked)
    {
        var colon = blocked.Url.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(blocked.Url.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            report(blocked);
            return;
        }

        var key = (blocked.Host, port);
        lock (_lock)
        {
            Prune();
            if (_guardRefusals.ContainsKey(key))
            {
                return;
            }

            var pending = new PendingRefusal(blocked);
            if (!_pending.TryGetValue(key, out var list))
            {
                _pending[key] = list = [];
            }

            list.Add(pending);
            pending.Timer = time.CreateTimer(_ => Flush(key, pending), null, Window, Timeout.InfiniteTimeSpan);
        }
    }

    private void Flush((string Host, int Port) key, PendingRefusal pending)
    {
        lock (_lock)
        {
            if (!_pending.TryGetValue(key, out var list) || !list.Remove(pending))
            {
                return;
            }

            if (list.Count == 0)
            {
                _pending.Remove(key);
            }
        }

        pending.Timer.Dispose();
        report(pending.Blocked);
    }

    /// <summary>Reports what is still held (the session is closing; no guard refusal can follow).</summary>
    public void FlushAll()
    {
        List<PendingRefusal> held;
        lock (_lock)
        {
            held = [.. _pending.Values.SelectMany(list => list)];
            _pending.Clear();
        }

        foreach (var pending in held.OrderBy(p => p.Blocked.Timestamp))
        {
            pending.Timer.Dispose();
            report(pending.Blocked);
        }
    }

    private void Prune()
    {
        if (_guardRefusals.Count == 0)
        {
            return;
        }

        var cutoff = time.GetUtcNow() - Window;
        foreach (var (key, at) in _guardRefusals)
        {
            if (at < cutoff)
            {
                _guardRefusals.Remove(key);
            }
        }
    }

    private sealed class PendingRefusal(NavigationBlockedEventArgs blocked)
    {
        public NavigationBlockedEventArgs Blocked { get; } = blocked;

        public ITimer Timer { get; set; } = null!;
    }
}
