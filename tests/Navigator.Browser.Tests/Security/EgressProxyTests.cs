using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Navigator.Browser.Security;
using Navigator.Testing;

namespace Navigator.Browser.Tests.Security;

/// <summary>The SOCKS5 egress proxy spoken to directly with raw sockets, without a browser.</summary>
[Collection(SecurityCollection.Name)]
[Trait("Step", "3")]
public sealed class EgressProxyTests(SecurityFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ConcurrentQueue<string> _resolved = new();
    private readonly ConcurrentQueue<NavigationBlockedEventArgs> _refusals = new();
    private EgressProxy _proxy = null!;

    private int Port => fixture.Server.Port;

    public Task InitializeAsync()
    {
        fixture.Server.MapHtml("/socks/hello", "hello through socks");
        _proxy = StartProxy(new NavigationPolicy { AllowedDomains = ["allowed.test", "127.0.0.1", "mapped.test"], BlockedDomains = ["127.0.0.2"] });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public async Task AllowedHost_Connects_AndBytesFlowBothWays()
    {
        using var client = await ConnectAsync();
        await GreetAsync(client);

        var reply = await RequestAsync(client, Domain("allowed.test"));

        Assert.Equal(0x00, reply);
        var response = await HttpGetAsync(client, "allowed.test", "/socks/hello");
        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.Contains("hello through socks", response, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Server.Hits("allowed.test", "/socks/hello"));
        Assert.Equal(1, _proxy.TunnelsOpened);
        Assert.Equal(["allowed.test"], _resolved);
    }

    [Fact]
    public async Task ForbiddenHost_GetsNotAllowed_WithoutBeingResolved()
    {
        using var client = await ConnectAsync();
        await GreetAsync(client);

        var reply = await RequestAsync(client, Domain("evil.test"));

        Assert.Equal(0x02, reply);
        Assert.Equal(0, await ReadAsync(client, new byte[1]));
        Assert.Empty(_resolved);
        var refusal = Assert.Single(_refusals);
        Assert.Equal($"evil.test:{Port}", refusal.Url);
        Assert.Equal("evil.test", refusal.Host);
        Assert.Equal(BlockReason.NotAllowed, refusal.Reason);
        Assert.Equal("Other", refusal.ResourceType);
        Assert.Equal(0, fixture.Server.HostHits("evil.test"));
        Assert.Equal(1, _proxy.RefusedConnections);
    }

    [Fact]
    public async Task IpLiterals_AreJudgedAsIpLiterals()
    {
        Assert.Equal(0x00, await OneRequestAsync(IPv4(IPAddress.Loopback)));
        Assert.Equal(0x02, await OneRequestAsync(IPv4(IPAddress.Parse("127.0.0.2"))));
        Assert.Equal(0x02, await OneRequestAsync(IPv6(IPAddress.IPv6Loopback)));

        // An IPv4-mapped IPv6 address is its IPv4 address.
        Assert.Equal(0x00, await OneRequestAsync(IPv6(IPAddress.Loopback.MapToIPv6())));
        Assert.Empty(_resolved);
    }

    [Fact]
    public async Task AllowedName_ResolvingToBlockedAddress_IsRefused()
    {
        // mapped.test is allowed, but the resolver rules send it to 127.0.0.2, a blocked IP literal.
        var reply = await OneRequestAsync(Domain("mapped.test"));

        Assert.Equal(0x02, reply);
        var refusal = Assert.Single(_refusals);
        Assert.Equal("mapped.test", refusal.Host);
        Assert.Equal("127.0.0.2", refusal.Rule);
        Assert.Equal(BlockReason.BlockedDomain, refusal.Reason);
    }

    [Fact]
    public async Task MalformedGreeting_ClosesTheConnection_AndTheProxyKeepsServing()
    {
        using (var bad = await ConnectAsync())
        {
            await bad.Client.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n\r\n"));
            Assert.Equal(0, await ReadAsync(bad, new byte[16]));
        }

        using (var truncated = await ConnectAsync())
        {
            await truncated.Client.SendAsync(new byte[] { 0x05 });
            truncated.Client.Shutdown(SocketShutdown.Send);
            Assert.Equal(0, await ReadAsync(truncated, new byte[16]));
        }

        Assert.Equal(0x00, await OneRequestAsync(Domain("allowed.test")));
    }

    [Fact]
    public async Task UnsupportedMethodsCommandsAndAddressTypes_GetTheirReplies()
    {
        using (var client = await ConnectAsync())
        {
            // Username/password only: no acceptable method.
            await client.Client.SendAsync(new byte[] { 0x05, 0x01, 0x02 });
            var answer = new byte[2];
            await ReadExactlyAsync(client, answer);
            Assert.Equal(new byte[] { 0x05, 0xFF }, answer);
            Assert.Equal(0, await ReadAsync(client, new byte[1]));
        }

        using (var client = await ConnectAsync())
        {
            await GreetAsync(client);
            var bind = Domain("allowed.test");
            bind[1] = 0x02;
            Assert.Equal(0x07, await RequestAsync(client, bind));
        }

        using (var client = await ConnectAsync())
        {
            await GreetAsync(client);
            Assert.Equal(0x08, await RequestAsync(client, [0x05, 0x01, 0x00, 0x09]));
        }

        Assert.Empty(_refusals);
    }

    [Fact]
    public async Task SilentClient_IsDroppedAfterTheHandshakeTimeout()
    {
        await using var proxy = StartProxy(NavigationPolicy.Allow("allowed.test"), handshakeTimeout: TimeSpan.FromMilliseconds(200));
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.EndPoint);

        Assert.Equal(0, await ReadAsync(client, new byte[1]));
    }

    [Fact]
    public async Task Dispose_ClosesOpenTunnels()
    {
        var proxy = StartProxy(NavigationPolicy.Allow("allowed.test"));
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.EndPoint);
        await GreetAsync(client);
        Assert.Equal(0x00, await RequestAsync(client, Domain("allowed.test")));
        await Eventually.TrueAsync(() => proxy.ActiveConnections == 1, Timeout, "the tunnel counts as open");

        await proxy.DisposeAsync();

        Assert.Equal(0, await ReadAsync(client, new byte[1]));
        Assert.Equal(0, proxy.ActiveConnections);
        await Assert.ThrowsAnyAsync<SocketException>(async () =>
        {
            using var late = new TcpClient();
            await late.ConnectAsync(proxy.EndPoint);
        });
    }

    private EgressProxy StartProxy(NavigationPolicy policy, TimeSpan? handshakeTimeout = null)
    {
        var proxy = EgressProxy.Start(policy.Compile(), new EgressProxyOptions
        {
            HostResolverRules = HostResolverRules.Parse("MAP mapped.test 127.0.0.2"),
            Resolve = (host, cancellationToken) =>
            {
                // A resolver of our own records what was looked up; every *.test name is us.
                _resolved.Enqueue(host);
                return host.EndsWith(".test", StringComparison.Ordinal)
                    ? Task.FromResult(new[] { IPAddress.Loopback })
                    : Dns.GetHostAddressesAsync(host, cancellationToken);
            },
            HandshakeTimeout = handshakeTimeout ?? TimeSpan.FromSeconds(10),
        });
        proxy.ConnectionRefused += (_, e) => _refusals.Enqueue(e);
        return proxy;
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(_proxy.EndPoint);
        return client;
    }

    private async Task<byte> OneRequestAsync(byte[] request)
    {
        using var client = await ConnectAsync();
        await GreetAsync(client);
        return await RequestAsync(client, request);
    }

    private byte[] Domain(string host)
    {
        var name = Encoding.ASCII.GetBytes(host);
        return [0x05, 0x01, 0x00, 0x03, (byte)name.Length, .. name, (byte)(Port >> 8), (byte)Port];
    }

    private byte[] IPv4(IPAddress address) => [0x05, 0x01, 0x00, 0x01, .. address.GetAddressBytes(), (byte)(Port >> 8), (byte)Port];

    private byte[] IPv6(IPAddress address) => [0x05, 0x01, 0x00, 0x04, .. address.GetAddressBytes(), (byte)(Port >> 8), (byte)Port];

    private static async Task GreetAsync(TcpClient client)
    {
        await client.Client.SendAsync(new byte[] { 0x05, 0x02, 0x02, 0x00 });
        var answer = new byte[2];
        await ReadExactlyAsync(client, answer);
        Assert.Equal(new byte[] { 0x05, 0x00 }, answer);
    }

    /// <summary>Sends a request and returns the reply code, having read the whole reply.</summary>
    private static async Task<byte> RequestAsync(TcpClient client, byte[] request)
    {
        await client.Client.SendAsync(request);
        var head = new byte[4];
        await ReadExactlyAsync(client, head);
        Assert.Equal(0x05, head[0]);
        var rest = new byte[head[3] == 0x04 ? 18 : 6];
        await ReadExactlyAsync(client, rest);
        return head[1];
    }

    private static async Task<string> HttpGetAsync(TcpClient client, string host, string path)
    {
        await client.Client.SendAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        var response = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await ReadAsync(client, buffer)) > 0)
        {
            response.Write(buffer, 0, read);
        }

        return Encoding.ASCII.GetString(response.ToArray());
    }

    private static async Task<int> ReadAsync(TcpClient client, byte[] buffer)
    {
        try
        {
            return await client.Client.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(Timeout);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            return 0;
        }
    }

    private static async Task ReadExactlyAsync(TcpClient client, byte[] buffer)
    {
        var offset = 0;
        while (offset < buffer.Length)
        {
            var read = await client.Client.ReceiveAsync(buffer.AsMemory(offset)).AsTask().WaitAsync(Timeout);
            Assert.NotEqual(0, read);
            offset += read;
        }
    }
}
