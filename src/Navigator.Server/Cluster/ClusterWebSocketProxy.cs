using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Navigator.Cluster;
using Navigator.Server.Hosting;

namespace Navigator.Server.Cluster;

/// <summary>
/// Carries a WebSocket for a room another node holds (the live view's socket) to that node. The
/// upgrade is made to the node first, with the cluster key and the client's credentials and origin,
/// so a refusal reaches the client as the node's own answer (status and body) before any socket is
/// accepted here. Once the node accepted, the client's socket is accepted and messages are copied
/// both ways, fragment by fragment (message boundaries and types kept, one buffer per direction),
/// until either side closes; its close status and description go on to the other side.
/// </summary>
public sealed partial class ClusterWebSocketProxy : IDisposable
{
    private const int BufferBytes = 16 * 1024;
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    // The owner's answer to a close, after which a side that stays silent is cut off.
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);
    private static readonly string[] ClientHeaders = ["Authorization", "Cookie", "Origin", "User-Agent"];

    private readonly HttpMessageInvoker _http;
    private readonly ClusterKeyCheck _key;
    private readonly string _self;
    private readonly TimeProvider _time;
    private readonly ILogger<ClusterWebSocketProxy> _logger;

    /// <summary>Creates the proxy.</summary>
    public ClusterWebSocketProxy(ClusterKeyCheck key, ClusterConnection cluster, TimeProvider time, ILogger<ClusterWebSocketProxy> logger)
    {
        _key = key;
        _self = cluster.NodeUrl ?? string.Empty;
        _time = time;
        _logger = logger;
        _http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            AllowAutoRedirect = false,
            UseCookies = false,
        });
    }

    /// <summary>Serves the WebSocket request through the node at <paramref name="nodeUrl"/>; false (nothing written) when that node cannot be reached.</summary>
    public async Task<bool> ProxyAsync(HttpContext context, string roomName, string nodeUrl)
    {
        var request = context.Request;
        var handshakeKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        using var upgrade = new HttpRequestMessage(HttpMethod.Get, nodeUrl + request.PathBase + request.Path + request.QueryString)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        upgrade.Headers.Connection.Add("Upgrade");
        upgrade.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        upgrade.Headers.TryAddWithoutValidation("Sec-WebSocket-Version", "13");
        upgrade.Headers.TryAddWithoutValidation("Sec-WebSocket-Key", handshakeKey);
        foreach (var name in ClientHeaders)
        {
            if (request.Headers.TryGetValue(name, out var value))
            {
                upgrade.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value);
            }
        }

        upgrade.Headers.TryAddWithoutValidation(ClusterKeyCheck.Header, _key.Key);
        upgrade.Headers.TryAddWithoutValidation(ClusterKeyCheck.ForwardedFrom, _self);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(upgrade, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            // The node is gone (or going): the caller waits for the room to move.
            return false;
        }

        using (response)
        {
            if (response.StatusCode != HttpStatusCode.SwitchingProtocols)
            {
                LogRefused(_logger, roomName, nodeUrl, (int)response.StatusCode);
                await ClusterForwarder.CopyResponseAsync(response, context);
                return true;
            }

            if (!AcceptsHandshake(response, handshakeKey))
            {
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                await context.Response.WriteAsJsonAsync(
                    new HttpError("bad_gateway", $"Node {nodeUrl} answered the WebSocket upgrade for room '{roomName}' without a valid handshake"),
                    ServerJsonContext.Default.HttpError,
                    cancellationToken: context.RequestAborted);
                return true;
            }

            await using var connection = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            using var upstream = WebSocket.CreateFromStream(connection, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.FromSeconds(20) });
            using var client = await context.WebSockets.AcceptWebSocketAsync();
            LogProxying(_logger, roomName, nodeUrl);
            var reason = await PumpAsync(client, upstream, context.RequestAborted);
            LogProxyEnded(_logger, roomName, nodeUrl, reason);
            return true;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>Copies both ways until both sides closed (or one went away); returns how it ended.</summary>
    private async Task<string> PumpAsync(WebSocket client, WebSocket upstream, CancellationToken aborted)
    {
        var toNode = CopyAsync(client, upstream, aborted);
        var toClient = CopyAsync(upstream, client, aborted);
        var first = await Task.WhenAny(toNode, toClient);
        var other = first == toNode ? toClient : toNode;
        if (first.IsCompletedSuccessfully)
        {
            // The close went on to the other side; its answering close ends the other direction.
            await other.WaitAsync(CloseWait, _time, aborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (!other.IsCompleted || !first.IsCompletedSuccessfully)
        {
            // A side went away (or stays silent after a close): cut both, which ends any receive still waiting.
            client.Abort();
            upstream.Abort();
        }

        await Task.WhenAll(toNode, toClient).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return first.IsCanceled ? "request aborted" : first.Exception?.InnerException?.Message ?? (first == toNode ? "client closed" : "node closed");
    }

    /// <summary>Sends on what <paramref name="source"/> receives, then its close.</summary>
    private static async Task CopyAsync(WebSocket source, WebSocket destination, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferBytes];
        while (true)
        {
            var received = await source.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                if (destination.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    var status = source.CloseStatus ?? WebSocketCloseStatus.Empty;
                    await destination.CloseOutputAsync(status, status == WebSocketCloseStatus.Empty ? null : source.CloseStatusDescription, cancellationToken);
                }

                return;
            }

            await destination.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancellationToken);
        }
    }

    private static bool AcceptsHandshake(HttpResponseMessage response, string handshakeKey)
    {
        if (!response.Headers.TryGetValues("Sec-WebSocket-Accept", out var values))
        {
            return false;
        }

#pragma warning disable CA5350 // RFC 6455 defines the handshake's answer with SHA-1; it proves a WebSocket server answered, nothing secret.
        var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(handshakeKey + AcceptGuid)));
#pragma warning restore CA5350
        return values.SingleOrDefault() == expected;
    }

    [LoggerMessage(EventId = 3110, Level = LogLevel.Debug, Message = "Room {RoomName}: WebSocket proxied to {NodeUrl}")]
    private static partial void LogProxying(ILogger logger, string roomName, string nodeUrl);

    [LoggerMessage(EventId = 3111, Level = LogLevel.Debug, Message = "Room {RoomName}: WebSocket proxied to {NodeUrl} ended ({Reason})")]
    private static partial void LogProxyEnded(ILogger logger, string roomName, string nodeUrl, string reason);

    [LoggerMessage(EventId = 3112, Level = LogLevel.Information, Message = "Room {RoomName}: node {NodeUrl} refused the WebSocket upgrade with {Status}")]
    private static partial void LogRefused(ILogger logger, string roomName, string nodeUrl, int status);
}
