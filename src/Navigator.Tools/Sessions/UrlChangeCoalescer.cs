namespace Navigator.Tools.Sessions;

/// <summary>
/// Turns a burst of URL changes (a page calling history.pushState every few milliseconds) into at
/// most one report per window: the first change is reported at once, later ones in the window
/// only as the last value when the window ends. Thread-safe; reports run on a timer thread or
/// the caller's.
/// </summary>
internal sealed class UrlChangeCoalescer : IDisposable
{
    private readonly Action<string> _report;
    private readonly TimeSpan _window;
    private readonly ITimer _timer;
    private readonly Lock _sync = new();
    private bool _windowOpen;
    private string? _pending;
    private bool _disposed;

    public UrlChangeCoalescer(TimeSpan window, TimeProvider time, Action<string> report)
    {
        _window = window;
        _report = report;
        _timer = time.CreateTimer(_ => OnWindowEnd(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void OnChanged(string url)
    {
        if (_window <= TimeSpan.Zero)
        {
            _report(url);
            return;
        }

        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            if (_windowOpen)
            {
                _pending = url;
                return;
            }

            _windowOpen = true;
            _timer.Change(_window, Timeout.InfiniteTimeSpan);
        }

        _report(url);
    }

    /// <summary>
    /// Reports a held-back change now (the window stays open), so events that follow it, such as
    /// the page's load, are not sent before it.
    /// </summary>
    public void Flush()
    {
        string? last;
        lock (_sync)
        {
            last = _pending;
            _pending = null;
            if (_disposed || last is null)
            {
                return;
            }
        }

        _report(last);
    }

    private void OnWindowEnd()
    {
        string? last;
        lock (_sync)
        {
            last = _pending;
            _pending = null;
            if (_disposed || last is null)
            {
                _windowOpen = false;
                return;
            }

            // The burst goes on: report its latest value and keep the window open.
            _timer.Change(_window, Timeout.InfiniteTimeSpan);
        }

        _report(last);
    }

    public void Dispose()
    {
        lock (_sync)
        {
            _disposed = true;
            _pending = null;
        }

        _timer.Dispose();
    }
}
