using Microsoft.Extensions.Logging;
using Navigator.Tools.Events;

namespace Navigator.Tools.Sessions;

/// <summary>What a cluster of nodes needs from this node's rooms: which it holds, taking over a dead node's room, letting a moved one go.</summary>
public sealed partial class RoomSessionManager
{
    /// <summary>True when this node holds the room (starting, running or being rebuilt).</summary>
    public bool Holds(string roomName) => _rooms.Contains(roomName);

    /// <summary>The rebuild records of every room this node holds.</summary>
    public IReadOnlyList<RoomSessionState> HeldStates() => [.. _rooms.All.Select(r => r.State)];

    /// <summary>
    /// Rebuilds on this node a room whose node died, from its record: same options and cookies, at its
    /// last URL; its event clients hear <c>session_started {recovered: true}</c>. The caller already
    /// owns the room in the directory.
    /// </summary>
    public async Task<RoomSessionInfo> AdoptAsync(RoomSessionState state, CancellationToken cancellationToken = default)
    {
        state = state with { Recoveries = state.Recoveries + 1 };
        StartSessionValidator.CompilePolicy(state, [.. Options.BlockedDomains]);
        var room = new RoomSession(state, Time, _directory.NodeUrl);
        _rooms.Admit(room);
        try
        {
            AddComponents(room, state);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, room.Lifetime.Token);
            await _lifecycle.AttachAsync(room, state, linked.Token);
            if (room.Browser is { } browser)
            {
                await browser.TrySetCookiesAsync(state.Cookies, linked.Token);
            }

            room.Status = state.Paused ? RoomSessionStatus.Paused : RoomSessionStatus.Active;
            _recorder.Persist(state);
            _publisher.Publish(room.RoomName, new SessionStartedEvent { RoomName = room.RoomName, Url = state.CurrentUrl, Recovered = true, Timestamp = _publisher.NowSeconds });
            LogAdopted(_logger, room.RoomName, state.CurrentUrl);
            var warning = await NavigateInitialAsync(room, state.CurrentUrl, linked.Token);
            room.Touch();
            return room.ToInfo(warning);
        }
        catch (Exception ex)
        {
            await AbandonStartAsync(room, claimed: false);
            if (ex is OperationCanceledException && room.Lifetime.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw room.SessionClosed(ex);
            }

            throw MapBrowserException(ex, room.RoomName);
        }
        finally
        {
            room.Gate.Release();
        }
    }

    /// <summary>Closes this node's copy of a room that another node holds now (it recovered the room while this one was cut off).</summary>
    public async Task DropMovedAsync(string roomName)
    {
        if (_rooms.Contains(roomName))
        {
            LogMoved(_logger, roomName);
            await CloseAsync(roomName, ReasonMoved);
        }
    }

    /// <summary>session_closed reason when another node took the room over.</summary>
    public const string ReasonMoved = "moved";

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Room {RoomName}: recovered here from a node that stopped, at {Url}")]
    private static partial void LogAdopted(ILogger logger, string roomName, string url);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "Room {RoomName}: another node holds it now; closing this node's copy")]
    private static partial void LogMoved(ILogger logger, string roomName);
}
