using System.Net;

namespace Navigator.Browser.Security;

/// <summary>Settings of an <see cref="EgressProxy"/>.</summary>
public sealed class EgressProxyOptions
{
    /// <summary>
    /// Name mappings applied before DNS, the same ones Chromium was started with
    /// (<see cref="HostResolverRules.From"/>): Chromium does not resolve names it sends to a proxy.
    /// </summary>
    public HostResolverRules HostResolverRules { get; init; } = HostResolverRules.None;

    /// <summary>Resolves an allowed host name (after <see cref="HostResolverRules"/>); <see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/> by default.</summary>
    public Func<string, CancellationToken, Task<IPAddress[]>> Resolve { get; init; } = Dns.GetHostAddressesAsync;

    /// <summary>
    /// Open tunnels at most; further clients wait in the listen backlog until one closes.
    /// Chromium opens at most 256 sockets per context, plus WebSockets.
    /// </summary>
    public int MaxConnections { get; init; } = 512;

    /// <summary>How long a client may take to send its greeting and CONNECT request.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long resolving and connecting to the destination may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Relay buffer size, rented only while data is moving (idle tunnels hold none).</summary>
    public int BufferSize { get; init; } = 16 * 1024;
}
