using Navigator.Actions;
using Navigator.Actions.Changes;
using Navigator.Browser;
using Navigator.Browser.Security;
using Navigator.Tools.Events;

namespace Navigator.Tools.Sessions;

/// <summary>What a room does when its browser reports something (state changes, not events).</summary>
internal sealed record RoomBrowserCallbacks(Action<string> UrlChanged, Action LoadComplete, Action<string> Crashed);

/// <summary>
/// Turns one browser session's page events and page changes into room events. Handlers run on
/// the CDP read loop, so they only publish (non-blocking) and hand state changes to callbacks.
/// URL changes are coalesced so a page rewriting its URL in a loop cannot flood subscribers.
/// </summary>
internal sealed class RoomEventTranslator : IDisposable
{
    private readonly string _roomName;
    private readonly BrowserSession _session;
    private readonly PageChangeMonitor _monitor;
    private readonly RoomEventPublisher _publisher;
    private readonly RoomBrowserCallbacks _callbacks;
    private readonly UrlChangeCoalescer _urls;
    private readonly Lock _sync = new();
    private readonly List<BrowserPage> _pages = [];
    private int _crashReported;
    private bool _disposed;

    public RoomEventTranslator(string roomName, BrowserSession session, PageChangeMonitor monitor, RoomEventPublisher publisher, TimeSpan urlChangeWindow, TimeProvider time, RoomBrowserCallbacks callbacks)
    {
        _roomName = roomName;
        _session = session;
        _monitor = monitor;
        _publisher = publisher;
        _callbacks = callbacks;
        _urls = new UrlChangeCoalescer(urlChangeWindow, time, OnUrlSettled);
        session.PageOpened += OnPageOpened;
        session.Crashed += OnCrashed;
        session.NavigationBlocked += OnNavigationBlocked;
        monitor.Changed += OnPageChange;
        foreach (var page in session.Pages)
        {
            Watch(page);
        }

        _ = session.Closed.ContinueWith(_ => OnClosed(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Reports a URL change held in the coalescing window now.</summary>
    public void FlushPendingUrl() => _urls.Flush();

    private void OnPageOpened(object? sender, BrowserPage page) => Watch(page);

    private void Watch(BrowserPage page)
    {
        lock (_sync)
        {
            if (_disposed || _pages.Contains(page))
            {
                return;
            }

            _pages.Add(page);
        }

        page.UrlChanged += OnUrlChanged;
        page.LoadStateChanged += OnLoadStateChanged;
    }

    private bool IsActive(BrowserPage page)
    {
        try
        {
            return ReferenceEquals(_session.ActivePage, page);
        }
        catch (BrowserSessionClosedException)
        {
            return false;
        }
    }

    private void OnUrlChanged(object? sender, string url)
    {
        if (sender is BrowserPage page && IsActive(page))
        {
            _urls.OnChanged(url);
        }
    }

    private void OnUrlSettled(string url)
    {
        if (Volatile.Read(ref _disposed))
        {
            return;
        }

        _callbacks.UrlChanged(url);
        _publisher.Publish(_roomName, new PageNavigationEvent { Url = url, Timestamp = _publisher.NowSeconds });
    }

    private void OnLoadStateChanged(object? sender, PageLoadState state)
    {
        if (state != PageLoadState.Complete || sender is not BrowserPage page || !IsActive(page))
        {
            return;
        }

        // A URL change held back in the coalescing window belongs before its page's load event.
        _urls.Flush();
        _publisher.Publish(_roomName, new PageLoadCompleteEvent { Url = page.Url, Timestamp = _publisher.NowSeconds });
        _callbacks.LoadComplete();
    }

    private void OnNavigationBlocked(object? sender, NavigationBlockedEventArgs e)
    {
        // Documents only: refused subresources (trackers, ads) would drown what the agent needs to hear.
        if (!e.IsMainFrame && e.ResourceType != "Document")
        {
            return;
        }

        _publisher.Publish(_roomName, new NavigationBlockedEvent
        {
            Url = e.Url,
            Reason = e.Describe(),
            Host = e.Host,
            Rule = e.Rule,
            IsMainFrame = e.IsMainFrame,
            Timestamp = RoomEvent.ToUnixSeconds(e.Timestamp),
        });
    }

    private void OnPageChange(object? sender, PageChange change)
    {
        // Navigation and load events come from the active tab directly (above); the monitor adds
        // what only it sees.
        var changeType = change.Kind switch
        {
            PageChangeKinds.DomChanged => change.AddedInteractive > 0 && change.RemovedInteractive == 0 ? "element_added"
                : change.RemovedInteractive > 0 && change.AddedInteractive == 0 ? "element_removed"
                : "content_changed",
            PageChangeKinds.TabOpened => "tab_opened",
            PageChangeKinds.TabClosed => "tab_closed",
            PageChangeKinds.DialogOpened => "dialog_opened",
            _ => null,
        };
        if (changeType is not null && !Volatile.Read(ref _disposed))
        {
            _publisher.Publish(_roomName, new DomChangeEvent
            {
                ChangeType = changeType,
                Summary = change.Summary,
                Url = change.Url,
                Timestamp = RoomEvent.ToUnixSeconds(change.Timestamp),
            });
        }
    }

    private void OnCrashed(object? sender, BrowserCrashedEventArgs e) => ReportCrash(e.Message);

    private void OnClosed()
    {
        // The context closing under us (the browser process died) is a crash unless we closed it.
        if (!Volatile.Read(ref _disposed))
        {
            ReportCrash("The browser session closed unexpectedly");
        }
    }

    private void ReportCrash(string message)
    {
        if (Volatile.Read(ref _disposed) || Interlocked.Exchange(ref _crashReported, 1) != 0)
        {
            return;
        }

        _publisher.Publish(_roomName, new BrowserErrorEvent
        {
            Error = message,
            ErrorCode = ActionErrorCodes.BrowserCrashed,
            Timestamp = _publisher.NowSeconds,
        });
        _callbacks.Crashed(message);
    }

    public void Dispose()
    {
        BrowserPage[] pages;
        lock (_sync)
        {
            if (_disposed)
            {
                return;
            }

            Volatile.Write(ref _disposed, true);
            pages = [.. _pages];
            _pages.Clear();
        }

        _urls.Dispose();
        _session.PageOpened -= OnPageOpened;
        _session.Crashed -= OnCrashed;
        _session.NavigationBlocked -= OnNavigationBlocked;
        _monitor.Changed -= OnPageChange;
        foreach (var page in pages)
        {
            page.UrlChanged -= OnUrlChanged;
            page.LoadStateChanged -= OnLoadStateChanged;
        }
    }
}
