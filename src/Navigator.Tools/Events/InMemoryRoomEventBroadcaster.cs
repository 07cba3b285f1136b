using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Navigator.Tools.Diagnostics;

namespace Navigator.Tools.Events;

/// <summary>
/// Single-node broadcaster: each subscriber has a bounded channel; an event is serialized once
/// and offered to every channel under the room's lock, so all subscribers see the same order.
/// A subscriber whose channel is full is dropped instead of slowing anyone down.
/// </summary>
public sealed class InMemoryRoomEventBroadcaster : IRoomEventBroadcaster
{
    private readonly ConcurrentDictionary<string, Room> _rooms = new(StringComparer.Ordinal);
    private readonly int _capacity;

    /// <summary>Creates the broadcaster.</summary>
    public InMemoryRoomEventBroadcaster(IOptions<RoomEventBroadcasterOptions>? options = null)
    {
        _capacity = Math.Max(1, (options?.Value ?? new RoomEventBroadcasterOptions()).PerConnectionBuffer);
    }

    /// <inheritdoc />
    public int TotalConnections => _rooms.Values.Sum(r => r.Count);

    /// <inheritdoc />
    public int GetConnectionCount(string roomName) => _rooms.TryGetValue(roomName, out var room) ? room.Count : 0;

    /// <inheritdoc />
    public void Publish(string roomName, RoomEvent roomEvent)
    {
        if (_rooms.ContainsKey(roomName))
        {
            Deliver(roomName, roomEvent.Type, RoomEventJsonContext.Serialize(roomEvent));
        }
    }

    /// <summary>Offers an already serialized event (of type <paramref name="eventType"/>) to the room's subscribers.</summary>
    public void Deliver(string roomName, string eventType, ReadOnlyMemory<byte> message)
    {
        if (!_rooms.TryGetValue(roomName, out var room))
        {
            return;
        }

        List<Subscription>? overflowing = null;
        var sent = 0;
        lock (room.Sync)
        {
            foreach (var subscriber in room.Subscribers)
            {
                if (subscriber.Writer.TryWrite(message))
                {
                    sent++;
                }
                else
                {
                    (overflowing ??= []).Add(subscriber);
                }
            }
        }

        ToolTelemetry.EventSent(eventType, sent);

        // Dropping cancels tokens whose callbacks abort sockets; do it outside the lock.
        if (overflowing is not null)
        {
            foreach (var subscriber in overflowing)
            {
                subscriber.Drop();
                ToolTelemetry.SubscriberDropped();
            }
        }
    }

    /// <inheritdoc />
    public IRoomEventSubscription Subscribe(string roomName)
    {
        while (true)
        {
            var room = _rooms.GetOrAdd(roomName, static _ => new Room());
            lock (room.Sync)
            {
                if (room.Retired)
                {
                    continue;
                }

                var subscription = new Subscription(this, room, roomName, _capacity);
                room.Subscribers = [.. room.Subscribers, subscription];
                return subscription;
            }
        }
    }

    private void Remove(Room room, string roomName, Subscription subscription)
    {
        lock (room.Sync)
        {
            room.Subscribers = [.. room.Subscribers.Where(s => s != subscription)];
            if (room.Subscribers.Length == 0 && !room.Retired)
            {
                room.Retired = true;
                _rooms.TryRemove(new KeyValuePair<string, Room>(roomName, room));
            }
        }
    }

    private sealed class Room
    {
        public readonly Lock Sync = new();
        public Subscription[] Subscribers = [];
        public bool Retired;

        public int Count => Volatile.Read(ref Subscribers).Length;
    }

    private sealed class Subscription : IRoomEventSubscription
    {
        private readonly InMemoryRoomEventBroadcaster _owner;
        private readonly Room _room;
        private readonly Channel<ReadOnlyMemory<byte>> _channel;
        private readonly CancellationTokenSource _dropped = new();
        private int _removed;

        public Subscription(InMemoryRoomEventBroadcaster owner, Room room, string roomName, int capacity)
        {
            _owner = owner;
            _room = room;
            RoomName = roomName;
            _channel = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(capacity)
            {
                SingleReader = true,
                SingleWriter = false,
                FullMode = BoundedChannelFullMode.Wait,
            });
        }

        public string RoomName { get; }

        public ChannelReader<ReadOnlyMemory<byte>> Reader => _channel.Reader;

        public ChannelWriter<ReadOnlyMemory<byte>> Writer => _channel.Writer;

        public CancellationToken Dropped => _dropped.Token;

        public void Drop()
        {
            if (Leave())
            {
                _dropped.Cancel();
            }
        }

        // The token source is not disposed: a concurrent Drop may still cancel it, and it owns no timer.
        public void Dispose() => Leave();

        private bool Leave()
        {
            if (Interlocked.Exchange(ref _removed, 1) != 0)
            {
                return false;
            }

            _owner.Remove(_room, RoomName, this);
            _channel.Writer.TryComplete();
            return true;
        }
    }
}
