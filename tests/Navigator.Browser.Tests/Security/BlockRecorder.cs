using System.Collections.Concurrent;
using Navigator.Browser.Security;

namespace Navigator.Browser.Tests.Security;

/// <summary>Collects a session's navigation_blocked events and lets a test wait for one.</summary>
internal sealed class BlockRecorder : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly BrowserSession _session;
    private readonly ConcurrentQueue<NavigationBlockedEventArgs> _events = new();
    private readonly Lock _lock = new();
    private readonly List<(Func<NavigationBlockedEventArgs, bool> Match, TaskCompletionSource<NavigationBlockedEventArgs> Done)> _waiters = [];

    public BlockRecorder(BrowserSession session)
    {
        _session = session;
        session.NavigationBlocked += OnBlocked;
    }

    public IReadOnlyList<NavigationBlockedEventArgs> Events => [.. _events];

    /// <summary>Waits for a block event matching <paramref name="match"/> (already seen ones count).</summary>
    public Task<NavigationBlockedEventArgs> WaitAsync(Func<NavigationBlockedEventArgs, bool> match, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<NavigationBlockedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var seen = _events.FirstOrDefault(match);
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }

            _waiters.Add((match, done));
        }

        return done.Task.WaitAsync(timeout ?? DefaultTimeout);
    }

    /// <summary>Waits for a block of <paramref name="host"/>.</summary>
    public Task<NavigationBlockedEventArgs> WaitForHostAsync(string host, TimeSpan? timeout = null) =>
        WaitAsync(e => e.Host == host, timeout);

    private void OnBlocked(object? sender, NavigationBlockedEventArgs e)
    {
        lock (_lock)
        {
            _events.Enqueue(e);
            foreach (var waiter in _waiters.Where(w => w.Match(e)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(e);
            }
        }
    }

    public void Dispose() => _session.NavigationBlocked -= OnBlocked;
}
