namespace Navigator.Server.Auth;

/// <summary>
/// Credentials besides the API key as a bearer header that <see cref="ApiKeyMiddleware"/> accepts
/// for some requests (e.g. the live view's page ticket, since a browser cannot set headers).
/// </summary>
public interface IRequestCredentials
{
    /// <summary>True when this request may carry the API key as <c>?access_token=</c> (WebSocket upgrades always may).</summary>
    bool AcceptsKeyInQuery(HttpContext context);

    /// <summary>True when the request carries a credential of this kind that is valid for it.</summary>
    bool Authorizes(HttpContext context);
}
