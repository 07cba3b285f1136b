namespace Navigator.Cdp;

/// <summary>Settings of a <see cref="CdpConnection"/>.</summary>
public sealed class CdpConnectionOptions
{
    /// <summary>How long a command may wait for its answer unless the caller cancels sooner.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
