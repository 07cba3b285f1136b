using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Navigator.Actions;
using Navigator.Browser;
using Navigator.Tools.Events;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Live;

/// <summary>
/// Who drives a room's browser: the agent, or one person in the live view or the session's LiveKit
/// room. A person takes control, hands it back, or loses it by leaving (closing the page drops the
/// socket, the participant leaves the LiveKit room); only one holds it at
/// a time. While a person holds it the agent's actions are refused with <c>human_in_control</c>.
/// Every change goes to the room's event clients as <c>control_changed</c>. Lives as long as the
/// room (a room component) and follows its browser, whose active tab takes the person's input.
/// </summary>
internal sealed partial class RoomControl : IRoomComponent, IRoomActionGate
{
    /// <summary>How the holder ids of LiveKit room participants start (live view pages have plain ids).</summary>
    public const string LiveKitHolderPrefix = "livekit:";

    private readonly Lock _sync = new();
    private readonly string _roomName;
    private readonly IRoomEventBroadcaster _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _maxViewers;
    private readonly HashSet<string> _viewers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();
    private string? _holder;
    private BrowserSession? _browser;
    private bool _closed;

    public RoomControl(string roomName, IRoomEventBroadcaster events, TimeProvider time, int maxViewers, ILogger logger)
    {
        _roomName = roomName;
        _events = events;
        _time = time;
        _maxViewers = maxViewers;
        _logger = logger;
    }

    /// <summary><c>human</c> while a person holds control, else <c>agent</c>.</summary>
    public string Holder
    {
        get
        {
            lock (_sync)
            {
                return _holder is null ? ControlChangedEvent.AgentHolder : ControlChangedEvent.HumanHolder;
            }
        }
    }

    /// <summary>Cancelled when the room closes.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>Registers a live view page; returns its id. <c>too_many_viewers</c> when the room has its maximum.</summary>
    public string AddViewer()
    {
        lock (_sync)
        {
            if (_closed)
            {
                throw new NavigatorToolException(ToolErrorCodes.SessionClosed, $"The browser session of room '{_roomName}' was closed");
            }

            if (_viewers.Count >= _maxViewers)
            {
                throw new NavigatorToolException(LiveViewErrorCodes.TooManyViewers, $"Room '{_roomName}' already has {_maxViewers} live view pages open");
            }

            var id = Guid.NewGuid().ToString("N")[..12];
            _viewers.Add(id);
            return id;
        }
    }

    /// <summary>The page went away; if it held control, control returns to the agent.</summary>
    public void RemoveViewer(string viewerId)
    {
        lock (_sync)
        {
            _viewers.Remove(viewerId);
            if (_holder == viewerId)
            {
                ReturnToAgentLocked("viewer_left");
            }
        }
    }

    /// <summary>Gives control to the viewer; <c>control_held</c> when another person has it. Taking it twice is harmless.</summary>
    public void Take(string viewerId)
    {
        lock (_sync)
        {
            if (_holder == viewerId)
            {
                return;
            }

            if (_holder is not null)
            {
                throw new NavigatorToolException(LiveViewErrorCodes.ControlHeld, $"Another person already has control of room '{_roomName}'; wait until they hand it back");
            }

            _holder = viewerId;
            LogTaken(_logger, _roomName, viewerId);
            Publish(ControlChangedEvent.HumanHolder, "taken");
        }
    }

    /// <summary>Returns control to the agent; <c>not_in_control</c> when the viewer does not hold it.</summary>
    public void HandBack(string viewerId)
    {
        lock (_sync)
        {
            if (_holder != viewerId)
            {
                throw NotInControl();
            }

            ReturnToAgentLocked("handed_back");
        }
    }

    /// <summary>The tab the holder's input goes to; <c>not_in_control</c> for anyone else.</summary>
    public BrowserPage PageFor(string viewerId)
    {
        BrowserSession? browser;
        lock (_sync)
        {
            if (_holder != viewerId)
            {
                throw NotInControl();
            }

            browser = _browser;
        }

        try
        {
            return browser is { IsClosed: false } ? browser.ActivePage
                : throw new NavigatorToolException(ToolErrorCodes.BrowserCrashed, $"Room '{_roomName}' has no browser right now; it is being recovered or closed");
        }
        catch (BrowserSessionClosedException ex)
        {
            throw new NavigatorToolException(ToolErrorCodes.BrowserCrashed, $"Room '{_roomName}' has no open tab right now", ex);
        }
    }

    public void EnsureAgentMayAct(string roomName)
    {
        lock (_sync)
        {
            if (_holder is not null)
            {
                var where = _holder.StartsWith(LiveKitHolderPrefix, StringComparison.Ordinal)
                    ? "from the session's LiveKit room"
                    : $"in the live view ({LiveViewLinks.PathOf(roomName)})";
                throw new NavigatorToolException(
                    LiveViewErrorCodes.HumanInControl,
                    $"A person has control of room '{roomName}' {where}; wait for the control_changed event with holder agent before acting again");
            }
        }
    }

    public Task OnBrowserAttachedAsync(BrowserSession browser, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            _browser = browser;
        }

        return Task.CompletedTask;
    }

    public Task OnBrowserDetachingAsync(BrowserSession browser)
    {
        lock (_sync)
        {
            if (_browser == browser)
            {
                _browser = null;
            }
        }

        return Task.CompletedTask;
    }

    public Task OnPausedChangedAsync(bool paused, CancellationToken cancellationToken) => Task.CompletedTask;

    public void OnActionCompleted(ActionResult result, JsonElement parameters)
    {
        // Control does not depend on what the agent did.
    }

    public async ValueTask DisposeAsync()
    {
        lock (_sync)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            _holder = null;
            _browser = null;
        }

        // Viewers end their sockets on this; the room's session_closed tells everyone else.
        await _closing.CancelAsync();
    }

    private NavigatorToolException NotInControl() =>
        new(LiveViewErrorCodes.NotInControl, $"This live view does not have control of room '{_roomName}'; press Take control first");

    private void ReturnToAgentLocked(string reason)
    {
        _holder = null;
        if (!_closed)
        {
            LogReturned(_logger, _roomName, reason);
            Publish(ControlChangedEvent.AgentHolder, reason);
        }
    }

    /// <summary>
    /// Tells the room's clients what the person in control did (a click at CSS pixel
    /// <paramref name="x"/>, <paramref name="y"/>), as an <c>action_completed</c> by a human, so an
    /// agent handed control back knows what happened meanwhile. Keys are not reported: they may be a password.
    /// </summary>
    public void ReportHumanClick(double x, double y, string button)
    {
        var parameters = JsonElement.Parse(new JsonObject { ["x"] = Math.Round(x), ["y"] = Math.Round(y), ["button"] = button }.ToJsonString());
        string? url;
        lock (_sync)
        {
            url = _browser is { IsClosed: false } browser ? browser.ActivePage.Url : null;
        }

        PublishEvent(new ActionCompletedEvent
        {
            Action = new ActionDescriptor { ActionType = "click", Params = parameters },
            Url = url,
            By = ControlChangedEvent.HumanHolder,
            Timestamp = RoomEvent.ToUnixSeconds(_time.GetUtcNow()),
        });
    }

    private void Publish(string holder, string reason) =>
        PublishEvent(new ControlChangedEvent { Holder = holder, Reason = reason, Timestamp = RoomEvent.ToUnixSeconds(_time.GetUtcNow()) });

    private void PublishEvent(RoomEvent roomEvent)
    {
        try
        {
            _events.Publish(_roomName, roomEvent);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The change happened; a broadcaster failure must not undo it or fail the caller.
            LogPublishFailed(_logger, _roomName, ex);
        }
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Room {RoomName}: a person took control in live view {ViewerId}")]
    private static partial void LogTaken(ILogger logger, string roomName, string viewerId);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Room {RoomName}: control returned to the agent ({Reason})")]
    private static partial void LogReturned(ILogger logger, string roomName, string reason);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Room {RoomName}: publishing a control event failed")]
    private static partial void LogPublishFailed(ILogger logger, string roomName, Exception exception);
}
