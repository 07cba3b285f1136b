using System.Collections.Concurrent;

namespace Navigator.Tools.Sessions;

/// <summary>
/// The rooms this node holds, and admission: one session per room, at most
/// <see cref="SessionManagerOptions.MaxSessions"/>, none once shutdown began.
/// </summary>
internal sealed class RoomRegistry(int maxSessions)
{
    private readonly ConcurrentDictionary<string, RoomSession> _rooms = new(StringComparer.Ordinal);
    private readonly Lock _admission = new();
    private bool _shuttingDown;

    public int Count => _rooms.Count;

    public IEnumerable<RoomSession> All => _rooms.Values;

    /// <summary>Adds the room or throws <c>shutting_down</c>, <c>room_exists</c> or <c>capacity_reached</c>.</summary>
    public void Admit(RoomSession room)
    {
        lock (_admission)
        {
            if (_shuttingDown)
            {
                throw new NavigatorToolException(ToolErrorCodes.ShuttingDown, "The server is shutting down and starts no new sessions");
            }

            if (_rooms.TryGetValue(room.RoomName, out var existing))
            {
                throw new NavigatorToolException(
                    ToolErrorCodes.RoomExists,
                    $"Room '{room.RoomName}' already has a browser session (status {RoomSession.StatusName(existing.Status)}); use it, or close it first");
            }

            if (_rooms.Count >= maxSessions)
            {
                throw new NavigatorToolException(
                    ToolErrorCodes.CapacityReached,
                    $"This server already runs {maxSessions} browser sessions, its maximum; close one or try again later");
            }

            _rooms[room.RoomName] = room;
        }
    }

    /// <summary>True when this node holds the room (it may still be starting).</summary>
    public bool Contains(string roomName) => _rooms.ContainsKey(roomName);

    /// <summary>The room, or <c>room_not_found</c>.</summary>
    public RoomSession Find(string roomName)
    {
        RoomNames.Validate(roomName);
        return _rooms.TryGetValue(roomName, out var room) ? room : throw RoomNotFound(roomName);
    }

    /// <summary>Removes the room by name, or throws <c>room_not_found</c>.</summary>
    public RoomSession Remove(string roomName)
    {
        RoomNames.Validate(roomName);
        lock (_admission)
        {
            return _rooms.TryRemove(roomName, out var room) ? room : throw RoomNotFound(roomName);
        }
    }

    /// <summary>Removes this very room (not a newer one of the same name).</summary>
    public bool TryRemove(RoomSession room)
    {
        lock (_admission)
        {
            return _rooms.TryRemove(new KeyValuePair<string, RoomSession>(room.RoomName, room));
        }
    }

    /// <summary>
    /// Removes and returns the rooms idle for longer than <paramref name="idleTimeout"/>. A room with
    /// a call running or queued, or still starting, is never idle.
    /// </summary>
    public IReadOnlyList<RoomSession> RemoveIdle(TimeSpan idleTimeout)
    {
        var idle = new List<RoomSession>();
        lock (_admission)
        {
            foreach (var room in _rooms.Values)
            {
                if (room.InFlight == 0 && room.Status is not (RoomSessionStatus.Starting or RoomSessionStatus.Recovering) && room.IdleFor > idleTimeout
                    && _rooms.TryRemove(new KeyValuePair<string, RoomSession>(room.RoomName, room)))
                {
                    idle.Add(room);
                }
            }
        }

        return idle;
    }

    /// <summary>Refuses new rooms from now on and removes and returns every room.</summary>
    public IReadOnlyList<RoomSession> BeginShutdown()
    {
        lock (_admission)
        {
            _shuttingDown = true;
            List<RoomSession> rooms = [.. _rooms.Values];
            _rooms.Clear();
            return rooms;
        }
    }

    private static NavigatorToolException RoomNotFound(string roomName) =>
        new(ToolErrorCodes.RoomNotFound, $"No browser session for room '{roomName}'; start one with start_browser_session");
}
