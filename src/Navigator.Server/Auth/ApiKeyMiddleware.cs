using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Navigator.Server.Hosting;
using Navigator.Server.Telemetry;

namespace Navigator.Server.Auth;

/// <summary>
/// Requires the configured API key as a bearer token on every request (WebSocket upgrades may
/// pass it as <c>?access_token=</c>, since browsers cannot set headers on WebSockets). The key
/// is compared in constant time. Without a key, only connections to a loopback address are served.
/// </summary>
public sealed class ApiKeyMiddleware
{
    private readonly RequestDelegate _next;
    private readonly byte[]? _expectedHash;
    private readonly bool _allowAnonymousHealth;
    private readonly string? _anonymousScrapePath;

    /// <summary>Creates the middleware.</summary>
    public ApiKeyMiddleware(RequestDelegate next, IOptions<NavigatorServerOptions> options, IOptions<TelemetryOptions> telemetry)
    {
        var prometheus = telemetry.Value.Prometheus;
        _anonymousScrapePath = prometheus is { Enabled: true, AllowAnonymous: true } ? prometheus.Path : null;
        _next = next;
        _expectedHash = options.Value.HasApiKey ? SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.ApiKey!)) : null;
        _allowAnonymousHealth = options.Value.AllowAnonymousHealth;
    }

    /// <summary>Handles one request.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (_expectedHash is null && context.Connection.LocalIpAddress is { } local && !IPAddress.IsLoopback(local))
        {
            // Without a key only this machine may call, however the listener was configured.
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("{\"error\":\"forbidden\",\"message\":\"This server has no API key and only answers on loopback\"}");
        }

        if (_expectedHash is null
            || (_allowAnonymousHealth && IsGetOf(context, "/health"))
            || (_anonymousScrapePath is not null && IsGetOf(context, _anonymousScrapePath))
            || IsAuthorized(context))
        {
            return _next(context);
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"navigator\"";
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{\"error\":\"unauthorized\",\"message\":\"Send the API key as 'Authorization: Bearer <key>'\"}");
    }

    private static bool IsGetOf(HttpContext context, string path) =>
        HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase);

    private bool IsAuthorized(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Matches(header.AsSpan(7).Trim());
        }

        return context.WebSockets.IsWebSocketRequest
            && context.Request.Query.TryGetValue("access_token", out var token)
            && Matches(token.ToString());
    }

    private bool Matches(ReadOnlySpan<char> candidate)
    {
        // Hashing first makes the comparison independent of the key's length as well as its content.
        Span<byte> utf8 = candidate.Length <= 512 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(candidate.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(candidate.Length)];
        var length = Encoding.UTF8.GetBytes(candidate, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        return CryptographicOperations.FixedTimeEquals(hash, _expectedHash);
    }
}
