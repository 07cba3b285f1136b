using Microsoft.Extensions.Logging;
using Navigator.Browser;

namespace Navigator.Tools.Sessions;

/// <summary>
/// Keeps each room's rebuild record current in the session directory: URL changes, settings and
/// cookie snapshots after loads. Writes go out in the background; a failed write is logged and
/// the next one carries the newer state anyway.
/// </summary>
internal sealed partial class RoomStateRecorder(ISessionDirectory directory, ILogger logger)
{
    /// <summary>How long a cookie snapshot may take; it is read from the browser process, never the page.</summary>
    private static readonly TimeSpan CookieReadTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Applies <paramref name="change"/> to the room's state and saves the result.</summary>
    public RoomSessionState Update(RoomSession room, Func<RoomSessionState, RoomSessionState> change)
    {
        var state = room.UpdateState(change);
        Persist(state);
        return state;
    }

    /// <summary>The URL the room's active tab moved to.</summary>
    public void OnUrlChanged(RoomSession room, BrowserSession browser, string url)
    {
        if (ReferenceEquals(room.Browser, browser))
        {
            Update(room, s => s.AtUrl(url));
        }
    }

    /// <summary>A load finished: snapshot cookies, one snapshot at a time per room.</summary>
    public void OnLoadComplete(RoomSession room, BrowserSession browser)
    {
        if (ReferenceEquals(room.Browser, browser) && room.TryBeginSnapshot())
        {
            _ = SnapshotCookiesAsync(room, browser);
        }
    }

    /// <summary>The browser's cookies now, or null when it does not answer.</summary>
    public static Task<IReadOnlyList<BrowserCookie>?> ReadCookiesAsync(BrowserSession? browser, CancellationToken cancellationToken) =>
        browser is null ? Task.FromResult<IReadOnlyList<BrowserCookie>?>(null) : browser.TryGetCookiesAsync(CookieReadTimeout, cancellationToken);

    public void Persist(RoomSessionState state)
    {
        var pending = directory.UpdateAsync(state, CancellationToken.None);
        if (!pending.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(pending.AsTask(), state.RoomName);
        }
    }

    private async Task SnapshotCookiesAsync(RoomSession room, BrowserSession browser)
    {
        try
        {
            var cookies = await ReadCookiesAsync(browser, room.Lifetime.Token);
            if (cookies is not null && ReferenceEquals(room.Browser, browser))
            {
                Update(room, s => s with { Cookies = cookies });
            }
        }
        catch (OperationCanceledException)
        {
            // The room closed during the snapshot.
        }
        finally
        {
            room.EndSnapshot();
        }
    }

    private async Task ObserveAsync(Task pending, string roomName)
    {
        try
        {
            await pending;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogPersistFailed(logger, roomName, ex);
        }
    }

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Room {RoomName}: saving the session state failed")]
    private static partial void LogPersistFailed(ILogger logger, string roomName, Exception exception);
}
