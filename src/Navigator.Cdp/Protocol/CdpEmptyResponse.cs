namespace Navigator.Cdp.Protocol;

/// <summary>The result of a command that returns nothing.</summary>
public sealed record CdpEmptyResponse
{
    /// <summary>Shared instance; empty results carry no data.</summary>
    public static CdpEmptyResponse Instance { get; } = new();
}
