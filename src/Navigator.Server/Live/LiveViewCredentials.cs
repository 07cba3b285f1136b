using Navigator.Server.Auth;

namespace Navigator.Server.Live;

/// <summary>
/// How a browser authenticates to a live view without setting headers: it opens the page once with
/// <c>?access_token=API_KEY</c>, which the page exchanges for a ticket cookie (HttpOnly,
/// SameSite=Strict, scoped to that room's live view path); the page's script, styles and WebSocket
/// then carry the cookie. A WebSocket authenticated by cookie must come from this server's own
/// origin, so no other site can drive the room through a visitor's browser.
/// </summary>
public sealed class LiveViewCredentials(LiveViewTickets tickets) : IRequestCredentials
{
    /// <inheritdoc />
    public bool AcceptsKeyInQuery(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method) && LiveViewPaths.TryParse(context.Request.Path, out _, out var rest) && rest.Length == 0;

    /// <inheritdoc />
    public bool Authorizes(HttpContext context)
    {
        if (!LiveViewPaths.TryParse(context.Request.Path, out var roomName, out _)
            || !tickets.IsValid(roomName, context.Request.Cookies[LiveViewTickets.CookieName]))
        {
            return false;
        }

        return !context.WebSockets.IsWebSocketRequest || IsSameOrigin(context);
    }

    private static bool IsSameOrigin(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        return origin.Length > 0
            && Uri.TryCreate(origin, UriKind.Absolute, out var parsed)
            && string.Equals(parsed.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The live view's paths: <c>/rooms/{room}/live</c> and what lies under it.</summary>
public static class LiveViewPaths
{
    /// <summary>Splits a request path into the room and what follows <c>/live</c> (empty for the page itself).</summary>
    public static bool TryParse(PathString path, out string roomName, out string rest)
    {
        roomName = string.Empty;
        rest = string.Empty;
        var value = path.Value;
        if (value is null || !value.StartsWith("/rooms/", StringComparison.Ordinal))
        {
            return false;
        }

        var afterRooms = value.AsSpan(7);
        var slash = afterRooms.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var tail = afterRooms[(slash + 1)..];
        if (!tail.StartsWith("live", StringComparison.Ordinal) || (tail.Length > 4 && tail[4] != '/'))
        {
            return false;
        }

        roomName = afterRooms[..slash].ToString();
        rest = tail.Length > 5 ? tail[5..].ToString() : string.Empty;
        return true;
    }
}
