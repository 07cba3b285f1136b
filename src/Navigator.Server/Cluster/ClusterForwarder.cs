using System.Net.Http.Headers;

namespace Navigator.Server.Cluster;

/// <summary>
/// Sends a request on to the node that serves its room, with the cluster key instead of the client's
/// credentials, and streams the node's answer back (SSE and file downloads included).
/// </summary>
public sealed class ClusterForwarder : IDisposable
{
    private static readonly string[] RequestHeaders = ["Accept", "Last-Event-ID", "Range", "If-None-Match", "User-Agent"];
    private static readonly HashSet<string> HopHeaders = new(["Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade"], StringComparer.OrdinalIgnoreCase);

    private readonly HttpClient _http;
    private readonly ClusterKeyCheck _key;
    private readonly string _self;

    /// <summary>Creates the forwarder.</summary>
    public ClusterForwarder(ClusterKeyCheck key, Navigator.Cluster.ClusterConnection cluster)
    {
        _key = key;
        _self = cluster.NodeUrl ?? string.Empty;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(2),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AllowAutoRedirect = false,
            UseCookies = false,
        })
        {
            // Tool calls may run for minutes; the client's own disconnect cancels them.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Forwards the request to <paramref name="nodeUrl"/>; false (nothing written) when that node cannot be reached.</summary>
    public async Task<bool> ForwardAsync(HttpContext context, string nodeUrl)
    {
        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), nodeUrl + request.PathBase + request.Path + request.QueryString);
        foreach (var (name, value) in request.Headers)
        {
            // The MCP transport's own headers (Mcp-Method, Mcp-Protocol-Version, ...) and a few plain HTTP ones.
            if (name.StartsWith("Mcp-", StringComparison.OrdinalIgnoreCase) || RequestHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)value);
            }
        }

        message.Headers.TryAddWithoutValidation(ClusterKeyCheck.Header, _key.Key);
        message.Headers.TryAddWithoutValidation(ClusterKeyCheck.ForwardedFrom, _self);
        if (request.ContentLength > 0 || request.Headers.ContainsKey("Transfer-Encoding"))
        {
            // A copy: the request may still be served here if the node cannot be reached, and disposing
            // the message would dispose a stream content's stream.
            request.EnableBuffering();
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy, context.RequestAborted);
            request.Body.Position = 0;
            message.Content = new ByteArrayContent(copy.ToArray());
            if (request.ContentType is { } contentType)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (HttpRequestException)
        {
            // The node is gone (or going): the caller waits for the room to move.
            return false;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopHeaders.Contains(header.Key))
                {
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }
            }

            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            await body.CopyToAsync(context.Response.Body, context.RequestAborted);
            return true;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
