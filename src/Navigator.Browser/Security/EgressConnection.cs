using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Navigator.Browser.Security;

/// <summary>
/// One client of the <see cref="EgressProxy"/>: SOCKS5 handshake, policy decision, resolution,
/// connect, then a two-way relay until both sides are done.
/// </summary>
internal sealed partial class EgressConnection(EgressProxy proxy, Socket client)
{
    private const byte Version = 0x05;
    private const byte NoAuthentication = 0x00;
    private const byte NoAcceptableMethod = 0xFF;
    private const byte ConnectCommand = 0x01;
    private const byte AddressIPv4 = 0x01;
    private const byte AddressDomain = 0x03;
    private const byte AddressIPv6 = 0x04;

    private readonly EgressProxyOptions _options = proxy.Options;
    private readonly ILogger _logger = proxy.Logger;

    public async Task RunAsync(CancellationToken stopping)
    {
        client.NoDelay = true;
        Socket? target = null;
        try
        {
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(stopping))
            {
                handshake.CancelAfter(_options.HandshakeTimeout);
                var request = await ReadRequestAsync(handshake.Token);
                if (request is null)
                {
                    return;
                }

                target = await OpenTargetAsync(request.Value, stopping);
                if (target is null)
                {
                    return;
                }
            }

            proxy.OnTunnelOpened();
            try
            {
                await RelayAsync(target, stopping);
            }
            finally
            {
                proxy.OnTunnelClosed();
            }
        }
        catch (Exception ex) when (ex is SocketException or EndOfStreamException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, timed out, or the proxy is stopping: nothing to report.
            LogConnectionEnded(_logger, ex.GetType().Name, ex.Message);
        }
        finally
        {
            target?.Dispose();
        }
    }

    /// <summary>Greeting, method selection and the CONNECT request; null when the connection must close.</summary>
    private async Task<Destination?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[256 + 6];

        // Greeting: VER, NMETHODS, METHODS.
        await ReadExactlyAsync(buffer.AsMemory(0, 2), cancellationToken);
        if (buffer[0] != Version || buffer[1] == 0)
        {
            LogMalformed(_logger, "greeting", $"version {buffer[0]}, {buffer[1]} methods");
            return null;
        }

        var methods = buffer[1];
        await ReadExactlyAsync(buffer.AsMemory(0, methods), cancellationToken);
        if (Array.IndexOf(buffer, NoAuthentication, 0, methods) < 0)
        {
            await SendAsync(new byte[] { Version, NoAcceptableMethod }, cancellationToken);
            LogMalformed(_logger, "greeting", "the client does not offer 'no authentication'");
            return null;
        }

        await SendAsync(new byte[] { Version, NoAuthentication }, cancellationToken);

        // Request: VER, CMD, RSV, ATYP, DST.ADDR, DST.PORT.
        await ReadExactlyAsync(buffer.AsMemory(0, 4), cancellationToken);
        if (buffer[0] != Version)
        {
            LogMalformed(_logger, "request", $"version {buffer[0]}");
            return null;
        }

        var command = buffer[1];
        string host;
        switch (buffer[3])
        {
            case AddressIPv4:
                await ReadExactlyAsync(buffer.AsMemory(0, 4), cancellationToken);
                host = new IPAddress(buffer.AsSpan(0, 4)).ToString();
                break;
            case AddressIPv6:
                await ReadExactlyAsync(buffer.AsMemory(0, 16), cancellationToken);
                host = "[" + new IPAddress(buffer.AsSpan(0, 16)) + "]";
                break;
            case AddressDomain:
                await ReadExactlyAsync(buffer.AsMemory(0, 1), cancellationToken);
                var length = buffer[0];
                await ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken);
                host = Encoding.UTF8.GetString(buffer, 0, length);
                break;
            default:
                await ReplyAsync(SocksReply.AddressTypeNotSupported, null, cancellationToken);
                LogMalformed(_logger, "request", $"address type {buffer[3]}");
                return null;
        }

        await ReadExactlyAsync(buffer.AsMemory(0, 2), cancellationToken);
        var port = BinaryPrimitives.ReadUInt16BigEndian(buffer);
        if (command != ConnectCommand)
        {
            await ReplyAsync(SocksReply.CommandNotSupported, null, cancellationToken);
            LogMalformed(_logger, "request", $"command {command} (only CONNECT is supported)");
            return null;
        }

        return new Destination(host, port);
    }

    /// <summary>Decides, resolves and connects; replies to the client either way. Null when refused or failed.</summary>
    private async Task<Socket?> OpenTargetAsync(Destination destination, CancellationToken stopping)
    {
        // Decide before resolving: a forbidden name is not even looked up (no DNS leak).
        var decision = proxy.Policy.EvaluateEndpoint(destination.Host, destination.Port);
        if (!decision.IsAllowed)
        {
            // Reported before replying, so the event is out by the time the browser sees the failure.
            proxy.OnRefused(decision.Host, destination.Port, decision);
            await ReplyAsync(SocksReply.NotAllowed, null, stopping);
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(_options.ConnectTimeout);
        var host = decision.Host;
        var port = (int)destination.Port;
        if (_options.HostResolverRules.TryMap(host, port, out var mapped))
        {
            if (mapped.IsNotFound)
            {
                await ReplyAsync(SocksReply.HostUnreachable, null, stopping);
                LogConnectFailed(_logger, host, port, "mapped to ~NOTFOUND");
                return null;
            }

            (host, port) = (mapped.Host, mapped.Port ?? port);
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await _options.Resolve(host, deadline.Token);
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException || (ex is OperationCanceledException && !stopping.IsCancellationRequested))
        {
            await ReplyAsync(SocksReply.HostUnreachable, null, stopping);
            LogConnectFailed(_logger, host, port, ex.Message);
            return null;
        }

        // An allowed name must not lead to a blocked address (e.g. a cloud metadata IP).
        foreach (var address in addresses)
        {
            var check = proxy.Policy.EvaluateResolvedAddress(decision.Host, address, destination.Port);
            if (!check.IsAllowed)
            {
                proxy.OnRefused(decision.Host, destination.Port, check);
                await ReplyAsync(SocksReply.NotAllowed, null, stopping);
                return null;
            }
        }

        SocketException? lastError = null;
        foreach (var address in addresses)
        {
            var target = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await target.ConnectAsync(new IPEndPoint(address, port), deadline.Token);
            }
            catch (SocketException ex)
            {
                target.Dispose();
                lastError = ex;
                continue;
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                target.Dispose();
                lastError = new SocketException((int)SocketError.TimedOut);
                break;
            }
            catch
            {
                target.Dispose();
                throw;
            }

            try
            {
                await ReplyAsync(SocksReply.Succeeded, target.LocalEndPoint as IPEndPoint, stopping);
                return target;
            }
            catch
            {
                target.Dispose();
                throw;
            }
        }

        var reply = lastError?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => SocksReply.ConnectionRefused,
            SocketError.NetworkUnreachable => SocksReply.NetworkUnreachable,
            _ => SocksReply.HostUnreachable,
        };
        await ReplyAsync(reply, null, stopping);
        LogConnectFailed(_logger, host, port, lastError?.Message ?? "no address");
        return null;
    }

    /// <summary>Copies both directions until each has ended; a reset on one side ends both.</summary>
    private async Task RelayAsync(Socket target, CancellationToken stopping)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        await Task.WhenAll(PumpAsync(client, target, done), PumpAsync(target, client, done));
    }

    private async Task PumpAsync(Socket from, Socket to, CancellationTokenSource done)
    {
        var token = done.Token;
        try
        {
            while (true)
            {
                // Wait for data before renting a buffer: idle keep-alive tunnels then hold none.
                await from.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, token);
                var buffer = ArrayPool<byte>.Shared.Rent(_options.BufferSize);
                try
                {
                    int read;
                    do
                    {
                        read = await from.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, token);
                        if (read == 0)
                        {
                            // Pass the half-close on; the other direction may still be sending.
                            to.Shutdown(SocketShutdown.Send);
                            return;
                        }

                        var pending = buffer.AsMemory(0, read);
                        while (!pending.IsEmpty)
                        {
                            var sent = await to.SendAsync(pending, SocketFlags.None, token);
                            pending = pending[sent..];
                        }
                    }
                    while (read == buffer.Length); // A full buffer: more is likely waiting, keep it.
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            await done.CancelAsync();
        }
    }

    private async ValueTask ReadExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            var read = await client.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException("The client closed the connection during the SOCKS handshake");
            }

            buffer = buffer[read..];
        }
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await client.SendAsync(data, SocketFlags.None, cancellationToken);
            data = data[sent..];
        }
    }

    private ValueTask ReplyAsync(SocksReply reply, IPEndPoint? bound, CancellationToken cancellationToken)
    {
        // VER, REP, RSV, ATYP, BND.ADDR, BND.PORT; IPv4 0.0.0.0:0 when there is nothing to report.
        var isV6 = bound?.AddressFamily == AddressFamily.InterNetworkV6;
        var message = new byte[isV6 ? 22 : 10];
        message[0] = Version;
        message[1] = (byte)reply;
        message[3] = isV6 ? AddressIPv6 : AddressIPv4;
        if (bound is not null)
        {
            bound.Address.TryWriteBytes(message.AsSpan(4), out _);
            BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(message.Length - 2), (ushort)bound.Port);
        }

        return SendAsync(message, cancellationToken);
    }

    private readonly record struct Destination(string Host, ushort Port);

    [LoggerMessage(EventId = 412, Level = LogLevel.Warning, Message = "Egress proxy closed a client after a malformed SOCKS5 {Stage}: {Problem}")]
    private static partial void LogMalformed(ILogger logger, string stage, string problem);

    [LoggerMessage(EventId = 413, Level = LogLevel.Debug, Message = "Egress proxy could not connect to {Host}:{Port}: {Problem}")]
    private static partial void LogConnectFailed(ILogger logger, string host, int port, string problem);

    [LoggerMessage(EventId = 417, Level = LogLevel.Trace, Message = "Egress connection ended: {Kind} {Message}")]
    private static partial void LogConnectionEnded(ILogger logger, string kind, string message);
}

/// <summary>SOCKS5 reply codes (RFC 1928, section 6).</summary>
internal enum SocksReply : byte
{
    Succeeded = 0x00,
    GeneralFailure = 0x01,
    NotAllowed = 0x02,
    NetworkUnreachable = 0x03,
    HostUnreachable = 0x04,
    ConnectionRefused = 0x05,
    CommandNotSupported = 0x07,
    AddressTypeNotSupported = 0x08,
}
