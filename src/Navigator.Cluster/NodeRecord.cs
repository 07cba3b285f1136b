namespace Navigator.Cluster;

/// <summary>A node as the others see it: where it is and how loaded, renewed with its lease.</summary>
public sealed record NodeRecord
{
    /// <summary>The node's id (new per process).</summary>
    public required string Id { get; init; }

    /// <summary>The node's internal URL.</summary>
    public required string Url { get; init; }

    /// <summary>Rooms it holds.</summary>
    public required int Sessions { get; init; }

    /// <summary>Rooms it may hold.</summary>
    public required int MaxSessions { get; init; }

    /// <summary>Share of the machine's CPU its process used lately (0..1).</summary>
    public required double Cpu { get; init; }

    /// <summary>When the record was written.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Sessions against capacity (0..1).</summary>
    public double Load => MaxSessions <= 0 ? 1 : (double)Sessions / MaxSessions;

    /// <summary>Whether it takes new rooms under these limits.</summary>
    public bool Accepts(ClusterOptions options) => Sessions < MaxSessions && Load < options.MaxLoad && Cpu < options.MaxCpu;
}
