using System.Threading.Channels;

namespace Navigator.Tools.Events;

/// <summary>
/// Fans room events out to subscribers (WebSocket clients). <see cref="Publish"/> never
/// blocks: it runs on the browser's event loop. The in-memory default serves one node; a
/// shared implementation (e.g. Redis) can carry events between nodes behind the same interface.
/// </summary>
public interface IRoomEventBroadcaster
{
    /// <summary>Sends an event to every subscriber of the room, in the order published.</summary>
    void Publish(string roomName, RoomEvent roomEvent);

    /// <summary>Adds a subscriber to the room; dispose it to leave.</summary>
    IRoomEventSubscription Subscribe(string roomName);

    /// <summary>Subscribers of one room.</summary>
    int GetConnectionCount(string roomName);

    /// <summary>Subscribers of all rooms.</summary>
    int TotalConnections { get; }
}

/// <summary>One subscriber's queue of serialized events.</summary>
public interface IRoomEventSubscription : IDisposable
{
    /// <summary>The room.</summary>
    string RoomName { get; }

    /// <summary>UTF-8 JSON messages, one per event. Completes when the subscriber is dropped or disposed.</summary>
    ChannelReader<ReadOnlyMemory<byte>> Reader { get; }

    /// <summary>Cancelled when the subscriber fell too far behind and was dropped.</summary>
    CancellationToken Dropped { get; }
}
