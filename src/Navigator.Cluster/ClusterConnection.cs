using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Navigator.Cluster;

/// <summary>
/// This node's place in the cluster: its id and address, and the Redis connection, made once on
/// first use. Without <c>Cluster:Redis</c>, or when Redis is unreachable at start and
/// <see cref="ClusterOptions.FallbackToSingleNode"/> is set, <see cref="Redis"/> is null and the
/// node runs alone.
/// </summary>
public sealed partial class ClusterConnection : IAsyncDisposable
{
    private readonly Lazy<IConnectionMultiplexer?> _redis;
    private readonly ILogger<ClusterConnection> _logger;

    /// <summary>Creates the connection (it connects on first use).</summary>
    public ClusterConnection(IOptions<ClusterOptions> options, ILogger<ClusterConnection> logger)
    {
        Options = options.Value;
        if (Options.Validate() is { } problem)
        {
            throw new OptionsValidationException(ClusterOptions.SectionName, typeof(ClusterOptions), [problem]);
        }

        _logger = logger;
        NodeId = Guid.NewGuid().ToString("N")[..12];
        NodeUrl = Options.IsClustered ? Options.NodeUrl!.TrimEnd('/') : null;
        Keys = new ClusterKeys(Options.KeyPrefix);
        _redis = new Lazy<IConnectionMultiplexer?>(Connect, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The settings.</summary>
    public ClusterOptions Options { get; }

    /// <summary>This process's node id (new on every start, so a restarted node never claims its old rooms).</summary>
    public string NodeId { get; }

    /// <summary>This node's advertised URL; null on a single node.</summary>
    public string? NodeUrl { get; }

    /// <summary>Redis key and channel names.</summary>
    public ClusterKeys Keys { get; }

    /// <summary>The Redis connection; null when the node runs alone.</summary>
    public IConnectionMultiplexer? Redis => _redis.Value;

    /// <summary>Why the node runs alone although <c>Cluster:Redis</c> is set, or null.</summary>
    public string? FallbackReason { get; private set; }

    /// <summary>True when the node is part of a Redis cluster.</summary>
    public bool IsClustered => Redis is not null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_redis.IsValueCreated && _redis.Value is { } redis)
        {
            await redis.CloseAsync();
            await redis.DisposeAsync();
        }
    }

    private ConnectionMultiplexer? Connect()
    {
        if (!Options.IsClustered)
        {
            return null;
        }

        ConfigurationOptions config;
        try
        {
            config = ConfigurationOptions.Parse(Options.Redis!);
        }
        catch (ArgumentException ex)
        {
            throw new ClusterUnavailableException($"Cluster:Redis is not a valid Redis connection string: {ex.Message}", ex);
        }

        config.ConnectTimeout = (int)Options.ConnectTimeout.TotalMilliseconds;
        config.ClientName = "navigator-" + NodeId;

        // Only the first connection decides; once connected, a lost Redis is reconnected to for ever.
        config.AbortOnConnectFail = true;
        try
        {
            var redis = ConnectionMultiplexer.Connect(config);
            LogConnected(_logger, NodeId, NodeUrl!, string.Join(", ", config.EndPoints));
            return redis;
        }
        catch (RedisConnectionException ex)
        {
            var reason = $"Redis at {Options.Redis} could not be reached within {Options.ConnectTimeout.TotalSeconds:0.#} s ({ex.FailureType})";
            if (!Options.FallbackToSingleNode)
            {
                throw new ClusterUnavailableException(reason + "; start Redis, fix Cluster:Redis, or set Cluster:FallbackToSingleNode=true to run this node alone", ex);
            }

            FallbackReason = reason;
            LogFallback(_logger, reason);
            return null;
        }
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Cluster node {NodeId} at {NodeUrl} connected to Redis {Endpoints}")]
    private static partial void LogConnected(ILogger logger, string nodeId, string nodeUrl, string endpoints);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "{Reason}; running as a single node (Cluster:FallbackToSingleNode)")]
    private static partial void LogFallback(ILogger logger, string reason);
}

/// <summary>Redis could not be reached at start and falling back to a single node was not allowed.</summary>
public sealed class ClusterUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Names of the cluster's Redis keys and channels.</summary>
public sealed class ClusterKeys(string prefix)
{
    /// <summary>Set of node ids that sent a heartbeat.</summary>
    public string Nodes { get; } = prefix + "nodes";

    /// <summary>Set of room names with a record.</summary>
    public string Rooms { get; } = prefix + "rooms";

    /// <summary>A node's lease and load record (expires with the lease).</summary>
    public string Node(string nodeId) => prefix + "node:" + nodeId;

    /// <summary>A room's hash: <c>owner</c> (node id) and <c>state</c> (JSON).</summary>
    public string Room(string roomName) => prefix + "room:" + roomName;

    /// <summary>A room's event channel.</summary>
    public string Events(string roomName) => prefix + "events:" + roomName;
}
