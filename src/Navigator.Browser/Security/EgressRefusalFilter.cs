namespace Navigator.Browser.Security;

/// <summary>
/// Keeps a proxy refusal and a request-guard refusal of the same navigation from being reported
/// twice. Chromium preconnects to the target of a page-initiated navigation (link, form,
/// <c>location=</c>, popup) while the navigation request is on its way to the Fetch guard; the
/// proxy refuses that preconnect and, some milliseconds later, the guard refuses the request
/// itself. So each guard refusal of a document cancels out one proxy refusal of the same host
/// and port within <see cref="Window"/> (in either order). A proxy refusal nothing cancels is
/// reported once the window has passed: a connection only the proxy saw (a WebSocket handshake,
/// a lone preconnect). Subresources are not preconnected, so they cancel nothing.
/// </summary>
internal sealed class EgressRefusalFilter(TimeProvider time, Action<NavigationBlockedEventArgs> report)
{
    /// <summary>How far apart the two refusals of one navigation may be (measured: under 50 ms).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Host, int Port), Queue<DateTimeOffset>> _guardRefusals = [];
    private readonly Dictionary<(string Host, int Port), List<PendingRefusal>> _pending = [];

    /// <summary>Notes a document refusal by the request guard.</summary>
    public void OnGuardRefused(NavigationBlockedEventArgs blocked)
    {
        if (blocked.ResourceType != "Document" || blocked.Host.Length == 0
            || !Uri.TryCreate(blocked.Url, UriKind.Absolute, out var uri) || uri.Port < 0)
        {
            return;
        }

        var key = (blocked.Host, uri.Port);
        PendingRefusal? cancelled = null;
        lock (_lock)
        {
            Prune();
            if (_pending.TryGetValue(key, out var list) && list.Count > 0)
            {
                cancelled = list[0];
                list.RemoveAt(0);
                if (list.Count == 0)
                {
                    _pending.Remove(key);
                }
            }
            else
            {
                if (!_guardRefusals.TryGetValue(key, out var credits))
                {
                    _guardRefusals[key] = credits = new Queue<DateTimeOffset>();
                }

                credits.Enqueue(time.GetUtcNow());
            }
        }

        cancelled?.Timer.Dispose();
    }

    /// <summary>
    /// A proxy refusal (<see cref="NavigationBlockedEventArgs.Url"/> is <c>host:port</c>): dropped if
    /// a guard refusal of a document to the same endpoint cancels it, else reported after the window.
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
            if (_guardRefusals.TryGetValue(key, out var credits) && credits.TryDequeue(out _))
            {
                if (credits.Count == 0)
                {
                    _guardRefusals.Remove(key);
                }

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
        foreach (var (key, credits) in _guardRefusals)
        {
            while (credits.TryPeek(out var at) && at < cutoff)
            {
                credits.Dequeue();
            }

            if (credits.Count == 0)
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
