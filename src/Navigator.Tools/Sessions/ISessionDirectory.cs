namespace Navigator.Tools.Sessions;

/// <summary>
/// Where rooms' rebuild records live and who holds each room. The in-memory default serves one
/// node; a shared implementation (e.g. Redis) lets several nodes agree on room ownership and
/// rebuild a room elsewhere from its <see cref="RoomSessionState"/>.
/// </summary>
public interface ISessionDirectory
{
    /// <summary>The URL of the node holding this node's rooms (sessions report it as <c>node_url</c>); null on a single node.</summary>
    string? NodeUrl => null;

    /// <summary>Records a new room; false when the room is already held (here or elsewhere).</summary>
    ValueTask<bool> TryClaimAsync(RoomSessionState state, CancellationToken cancellationToken = default);

    /// <summary>Replaces a held room's record.</summary>
    ValueTask UpdateAsync(RoomSessionState state, CancellationToken cancellationToken = default);

    /// <summary>The room's record, or null.</summary>
    ValueTask<RoomSessionState?> GetAsync(string roomName, CancellationToken cancellationToken = default);

    /// <summary>Forgets the room.</summary>
    ValueTask RemoveAsync(string roomName, CancellationToken cancellationToken = default);

    /// <summary>Every held room's record.</summary>
    ValueTask<IReadOnlyList<RoomSessionState>> ListAsync(CancellationToken cancellationToken = default);
}
