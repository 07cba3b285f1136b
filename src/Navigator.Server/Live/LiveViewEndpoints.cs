using Navigator.Tools;
using Navigator.Tools.Live;
using Navigator.Tools.Sessions;

namespace Navigator.Server.Live;

/// <summary>
/// The live view over HTTP: <c>GET /rooms/{room_name}/live</c> (the page), its script and styles,
/// and <c>WS /rooms/{room_name}/live/socket</c>. The page is opened once with
/// <c>?access_token=API_KEY</c>, which is exchanged for a ticket cookie and dropped from the address
/// bar by a redirect (see <see cref="LiveViewCredentials"/>).
/// </summary>
public static class LiveViewEndpoints
{
    /// <summary>Maps the live view's page, assets and WebSocket.</summary>
    public static IEndpointRouteBuilder MapNavigatorLiveView(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/rooms/{room_name}/live", (HttpContext context, string room_name, LiveViewService live, LiveViewTickets tickets) =>
            ServePageAsync(context, room_name, live, tickets));
        endpoints.MapGet("/rooms/{room_name}/live/live.js", (string room_name) => LiveViewAssets.Result("live.js", "text/javascript"));
        endpoints.MapGet("/rooms/{room_name}/live/live.css", (string room_name) => LiveViewAssets.Result("live.css", "text/css"));
        endpoints.Map("/rooms/{room_name}/live/socket", (HttpContext context, string room_name, LiveViewSocketHandler handler) =>
            handler.HandleAsync(context, room_name));
        return endpoints;
    }

    /// <summary>The HTTP status of a live view error code.</summary>
    internal static int StatusOf(string code) => code switch
    {
        ToolErrorCodes.RoomNotFound or ToolErrorCodes.SessionClosed => StatusCodes.Status404NotFound,
        ToolErrorCodes.InvalidParameter or ToolErrorCodes.MissingParameter => StatusCodes.Status400BadRequest,
        LiveViewErrorCodes.TooManyViewers => StatusCodes.Status429TooManyRequests,
        LiveViewErrorCodes.LiveViewUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    internal static Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new HttpError(code, message), LiveViewJsonContext.Default.HttpError);
    }

    private static async Task ServePageAsync(HttpContext context, string roomName, LiveViewService live, LiveViewTickets tickets)
    {
        try
        {
            live.EnsureRoomExists(roomName);
        }
        catch (NavigatorToolException ex)
        {
            await WriteErrorAsync(context, StatusOf(ex.Code), ex.Code, ex.Message);
            return;
        }

        // Every authorized visit (key or ticket) renews the ticket, so a page left open keeps working.
        var path = LiveViewLinks.PathOf(roomName);
        context.Response.Cookies.Append(LiveViewTickets.CookieName, tickets.Issue(roomName), new CookieOptions
        {
            Path = path,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            MaxAge = tickets.Lifetime,
            IsEssential = true,
        });
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Query.ContainsKey("access_token"))
        {
            // Drop the key from the address bar and history; the cookie carries on from here.
            context.Response.Redirect(path);
            return;
        }

        context.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(LiveViewAssets.Page(roomName));
    }
}
