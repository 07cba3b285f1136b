namespace Navigator.Server.Hosting;

/// <summary>HTTP server settings (configuration section <c>Server</c>).</summary>
public sealed class NavigatorServerOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "Server";

    /// <summary>Addresses to listen on, separated by ';'.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8000";

    /// <summary>
    /// Bearer token every HTTP and WebSocket request must carry. Required when listening beyond
    /// loopback; optional (but enforced when set) on loopback.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>True when a usable key is set; an empty or whitespace-only key is no key.</summary>
    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>Let load balancers call <c>GET /health</c> without the key (it shows counts only).</summary>
    public bool AllowAnonymousHealth { get; set; } = true;

    /// <summary>
    /// Serve MCP over HTTP without MCP sessions (rooms are the state), so any node can answer any
    /// request. Turn off for clients that need server-to-client notifications.
    /// </summary>
    public bool StatelessHttp { get; set; } = true;

    /// <summary>Path of the Streamable HTTP MCP endpoint.</summary>
    public string McpPath { get; set; } = "/mcp";
}
