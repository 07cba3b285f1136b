using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Navigator.Tools.Diagnostics;
using Navigator.Tools.Events;
using StackExchange.Redis;

namespace Navigator.Cluster;

/// <summary>
/// Room events across nodes: the owning node publishes each event once to the room's Redis channel,
/// and every node with WebSocket subscribers of the room subscribes to that channel (from its first
/// subscriber to its last) and hands the messages, in order, to an <see cref="InMemoryRoomEventBroadcaster"/>
/// that keeps the per-connection queues and drops a subscriber that falls behind. While Redis is
/// away, events go to this node's own subscribers directly.
/// </summary>
public sealed partial class RedisRoomEventBroadcaster : IRoomEventBroadcaster
{
    private readonly ClusterConnection _cluster;
    private readonly ISubscriber _redis;
    private readonly InMemoryRoomEventBroadcaster _local;
    private readonly ILogger<RedisRoomEventBroadcaster> _logger;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, (ChannelMessageQueue Queue, int Subscribers)> _channels = new(StringComparer.Ordinal);

    /// <summary>Creates the broadcaster on the cluster's connection.</summary>
    public RedisRoomEventBroadcaster(ClusterConnection cluster, IOptions<RoomEventBroadcasterOptions> options, ILogger<RedisRoomEventBroadcaster> logger)
    {
        _cluster = cluster;
        _redis = (cluster.Redis ?? throw new InvalidOperationException("The node is not in a cluster")).GetSubscriber();
        _local = new InMemoryRoomEventBroadcaster(options);
        _logger = logger;
    }

    /// <inheritdoc />
    public int TotalConnections => _local.TotalConnections;

    /// <inheritdoc />
    public int GetConnectionCount(string roomName) => _local.GetConnectionCount(roomName);

    /// <inheritdoc />
    public void Publish(string roomName, RoomEvent roomEvent)
    {
        var message = RoomEventJsonContext.Serialize(roomEvent);
        if (!_redis.Multiplexer.IsConnected)
        {
            _local.Deliver(roomName, roomEvent.Type, message);
            return;
        }

        // One connection pipelines commands in order, so the room's events reach Redis in the order published.
        _redis.Publish(RedisChannel.Literal(_cluster.Keys.Events(roomName)), message, CommandFlags.FireAndForget);
    }

    /// <inheritdoc />
    public IRoomEventSubscription Subscribe(string roomName)
    {
        lock (_sync)
        {
            if (_channels.TryGetValue(roomName, out var channel))
            {
                _channels[roomName] = (channel.Queue, channel.Subscribers + 1);
            }
            else
            {
                // Subscribed before the WebSocket handshake completes, so the client sees every later event.
                // While Redis is away the client hears what this node publishes; the room's next client subscribes again.
                if (TrySubscribe(roomName) is not { } queue)
                {
                    return new Subscription(null, _local.Subscribe(roomName));
                }

                _channels[roomName] = (queue, 1);
            }
        }

        return new Subscription(this, _local.Subscribe(roomName));
    }

    private ChannelMessageQueue? TrySubscribe(string roomName)
    {
        if (!_redis.Multiplexer.IsConnected)
        {
            LogSubscribeFailed(_logger, roomName, "not connected");
            return null;
        }

        try
        {
            var queue = _redis.Subscribe(RedisChannel.Literal(_cluster.Keys.Events(roomName)));
            queue.OnMessage(message => Relay(roomName, message));
            return queue;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogSubscribeFailed(_logger, roomName, ex.Message);
            return null;
        }
    }

    private void Relay(string roomName, ChannelMessage message)
    {
        byte[] json = message.Message!;
        _local.Deliver(roomName, RoomEventJsonContext.TypeOf(json), json);
    }

    private void Leave(string roomName)
    {
        ChannelMessageQueue? unsubscribe = null;
        lock (_sync)
        {
            if (_channels.TryGetValue(roomName, out var channel))
            {
                if (channel.Subscribers > 1)
                {
                    _channels[roomName] = (channel.Queue, channel.Subscribers - 1);
                }
                else
                {
                    _channels.Remove(roomName);
                    unsubscribe = channel.Queue;
                }
            }
        }

        if (unsubscribe is not null)
        {
            _ = UnsubscribeAsync(roomName, unsubscribe);
        }
    }

    private async Task UnsubscribeAsync(string roomName, ChannelMessageQueue queue)
    {
        try
        {
            await queue.UnsubscribeAsync();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis forgets a connection's subscriptions when the connection goes, so nothing is left behind.
            LogUnsubscribeFailed(_logger, roomName, ex.Message);
        }
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Debug, Message = "Room {RoomName}: leaving its event channel failed: {Reason}")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string roomName, string reason);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "Room {RoomName}: joining its event channel failed ({Reason}); the client gets this node's events only")]
    private static partial void LogSubscribeFailed(ILogger logger, string roomName, string reason);

    /// <summary>A local subscriber; <paramref name="owner"/> is null when it holds no share of the room's Redis channel.</summary>
    private sealed class Subscription(RedisRoomEventBroadcaster? owner, IRoomEventSubscription local) : IRoomEventSubscription
    {
        private int _disposed;

        public string RoomName => local.RoomName;

        public System.Threading.Channels.ChannelReader<ReadOnlyMemory<byte>> Reader => local.Reader;

        public CancellationToken Dropped => local.Dropped;

        public void Dispose()
        {
            local.Dispose();
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner?.Leave(RoomName);
            }
        }
    }
}
