using System.Collections.Concurrent;

namespace Navigator.Tools.Sessions;

/// <summary>Single-node <see cref="ISessionDirectory"/>.</summary>
public sealed class InMemorySessionDirectory : ISessionDirectory
{
    private readonly ConcurrentDictionary<string, RoomSessionState> _rooms = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<bool> TryClaimAsync(RoomSessionState state, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_rooms.TryAdd(state.RoomName, state));

    /// <inheritdoc />
    public ValueTask UpdateAsync(RoomSessionState state, CancellationToken cancellationToken = default)
    {
        // Only rooms still held are updated; a late update after close must not resurrect one.
        while (_rooms.TryGetValue(state.RoomName, out var current) && !_rooms.TryUpdate(state.RoomName, state, current))
        {
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<RoomSessionState?> GetAsync(string roomName, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_rooms.GetValueOrDefault(roomName));

    /// <inheritdoc />
    public ValueTask RemoveAsync(string roomName, CancellationToken cancellationToken = default)
    {
        _rooms.TryRemove(roomName, out _);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<RoomSessionState>> ListAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<RoomSessionState>>([.. _rooms.Values]);
}
