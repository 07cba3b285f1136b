namespace Navigator.Cluster;

/// <summary>
/// Several nodes as one service (configuration section <c>Cluster</c>). Without <see cref="Redis"/>
/// the node runs alone, in memory.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "Cluster";

    /// <summary>StackExchange.Redis connection string (e.g. <c>redis:6379</c>); empty runs a single node.</summary>
    public string? Redis { get; set; }

    /// <summary>This node's address as the other nodes reach it (e.g. <c>http://10.0.0.5:8000</c>).</summary>
    public string? NodeUrl { get; set; }

    /// <summary>Shared secret nodes send each other with forwarded requests; required with <see cref="Redis"/>.</summary>
    public string? Key { get; set; }

    /// <summary>Prefix of every Redis key and channel, so several clusters can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "navigator:";

    /// <summary>How long a node's rooms stay its own without a heartbeat; after that other nodes recover them.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>How often a node renews its lease and publishes its load (well under <see cref="Lease"/>).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a node looks for rooms whose owner's lease ran out.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a call for a room whose owner died waits for the room to come back on another node.</summary>
    public TimeSpan MoveWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sessions against capacity (0..1) above which a node takes no new rooms.</summary>
    public double MaxLoad { get; set; } = 0.9;

    /// <summary>Share of the machine's CPU the node's process uses (0..1) above which it takes no new rooms.</summary>
    public double MaxCpu { get; set; } = 0.9;

    /// <summary>How long connecting to Redis at start may take.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>When Redis cannot be reached at start, run as a single in-memory node instead of failing.</summary>
    public bool FallbackToSingleNode { get; set; }

    /// <summary>True when a Redis connection string is set.</summary>
    public bool IsClustered => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>What is wrong with these settings, or null.</summary>
    public string? Validate()
    {
        if (!IsClustered)
        {
            return null;
        }

        if (!Uri.TryCreate(NodeUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Port == 0)
        {
            return "Cluster:NodeUrl must be this node's absolute http(s) URL as the other nodes reach it (e.g. http://10.0.0.5:8000)";
        }

        if (string.IsNullOrWhiteSpace(Key) || Key.Length < 16)
        {
            return "Cluster:Key must be a shared secret of at least 16 characters when Cluster:Redis is set";
        }

        if (Lease < TimeSpan.FromSeconds(1) || HeartbeatInterval <= TimeSpan.Zero || HeartbeatInterval * 2 > Lease)
        {
            return "Cluster:Lease must be at least 1 s and Cluster:HeartbeatInterval at most half of it";
        }

        if (RecoveryInterval <= TimeSpan.Zero || MoveWait < TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero)
        {
            return "Cluster:RecoveryInterval and Cluster:ConnectTimeout must be positive, Cluster:MoveWait not negative";
        }

        return MaxLoad is > 0 and <= 1 && MaxCpu is > 0 and <= 1 ? null : "Cluster:MaxLoad and Cluster:MaxCpu must be in (0, 1]";
    }
}
