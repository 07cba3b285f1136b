using System.Runtime.CompilerServices;
using Navigator.Browser;
using Navigator.Cdp.Protocol;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Which of a session's tabs show a JavaScript dialog. A page waiting on alert() does not answer
/// scripts, yet it is not hung: the hang watchdog leaves it to the agent (handle_dialog).
/// </summary>
internal sealed class PageDialogs : IDisposable
{
    private readonly BrowserSession _session;
    private readonly ConditionalWeakTable<BrowserPage, StrongBox<bool>> _open = [];
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _sync = new();
    private bool _disposed;

    public PageDialogs(BrowserSession session)
    {
        _session = session;
        session.PageOpened += OnPageOpened;
        foreach (var page in session.Pages)
        {
            Watch(page);
        }
    }

    /// <summary>True while <paramref name="page"/> shows a dialog.</summary>
    public bool IsOpen(BrowserPage page) => _open.TryGetValue(page, out var open) && Volatile.Read(ref open.Value);

    public void Dispose()
    {
        IDisposable[] subscriptions;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            subscriptions = [.. _subscriptions];
            _subscriptions.Clear();
        }

        _session.PageOpened -= OnPageOpened;
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }
    }

    private void OnPageOpened(object? sender, BrowserPage page) => Watch(page);

    private void Watch(BrowserPage page)
    {
        var open = _open.GetValue(page, static _ => new StrongBox<bool>());
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            _subscriptions.Add(page.Cdp.On<PageJavascriptDialogOpeningEvent>(_ => Volatile.Write(ref open.Value, true)));
            _subscriptions.Add(page.Cdp.On<PageJavascriptDialogClosedEvent>(_ => Volatile.Write(ref open.Value, false)));
        }
    }
}
