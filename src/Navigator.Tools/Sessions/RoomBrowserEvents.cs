using Navigator.Browser;
using Navigator.Browser.Security;
using Navigator.Tools.Events;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Turns one browser session's page events into room events. Handlers run on the CDP read
/// loop, so they only publish (non-blocking) and hand state changes to callbacks.
/// </summary>
internal sealed class RoomBrowserEvents : IDisposable
{
    private readonly string _roomName;
    private readonly BrowserSession _session;
    private readonly IRoomEventBroadcaster _events;
    private readonly TimeProvider _time;
    private readonly Action<string> _onUrlChanged;
    private readonly Action _onLoadComplete;
    private readonly Action<BrowserCrashedEventArgs> _onCrashed;
    private readonly Lock _sync = new();
    private readonly List<BrowserPage> _pages = [];
    private bool _disposed;

    public RoomBrowserEvents(
        string roomName,
        BrowserSession session,
        IRoomEventBroadcaster events,
        TimeProvider time,
        Action<string> onUrlChanged,
        Action onLoadComplete,
        Action<BrowserCrashedEventArgs> onCrashed)
    {
        _roomName = roomName;
        _session = session;
        _events = events;
        _time = time;
        _onUrlChanged = onUrlChanged;
        _onLoadComplete = onLoadComplete;
        _onCrashed = onCrashed;
        session.PageOpened += OnPageOpened;
        session.Crashed += OnCrashed;
        session.NavigationBlocked += OnNavigationBlocked;
        foreach (var page in session.Pages)
        {
            Watch(page);
        }
    }

    private double Now => RoomEvent.ToUnixSeconds(_time.GetUtcNow());

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
        if (sender is not BrowserPage page || !IsActive(page))
        {
            return;
        }

        _onUrlChanged(url);
        _events.Publish(_roomName, new PageNavigationEvent { Url = url, Timestamp = Now });
    }

    private void OnLoadStateChanged(object? sender, PageLoadState state)
    {
        if (state != PageLoadState.Complete || sender is not BrowserPage page || !IsActive(page))
        {
            return;
        }

        _events.Publish(_roomName, new PageLoadCompleteEvent { Url = page.Url, Timestamp = Now });
        _onLoadComplete();
    }

    private void OnNavigationBlocked(object? sender, NavigationBlockedEventArgs e)
    {
        // Documents only: refused subresources (trackers, ads) would drown what the agent needs to hear.
        if (!e.IsMainFrame && e.ResourceType != "Document")
        {
            return;
        }

        _events.Publish(_roomName, new NavigationBlockedEvent
        {
            Url = e.Url,
            Reason = e.Describe(),
            Host = e.Host,
            Rule = e.Rule,
            IsMainFrame = e.IsMainFrame,
            Timestamp = RoomEvent.ToUnixSeconds(e.Timestamp),
        });
    }

    private void OnCrashed(object? sender, BrowserCrashedEventArgs e)
    {
        _events.Publish(_roomName, new BrowserErrorEvent
        {
            Error = e.Message,
            ErrorCode = Navigator.Actions.ActionErrorCodes.BrowserCrashed,
            Timestamp = Now,
        });
        _onCrashed(e);
    }

    public void Dispose()
    {
        BrowserPage[] pages;
        lock (_sync)
        {
            _disposed = true;
            pages = [.. _pages];
            _pages.Clear();
        }

        _session.PageOpened -= OnPageOpened;
        _session.Crashed -= OnCrashed;
        _session.NavigationBlocked -= OnNavigationBlocked;
        foreach (var page in pages)
        {
            page.UrlChanged -= OnUrlChanged;
            page.LoadStateChanged -= OnLoadStateChanged;
        }
    }
}
