namespace Navigator.Tools;

/// <summary>
/// Error codes of the room-level tools (snake_case, stable). Action failures reuse
/// <see cref="Navigator.Actions.ActionErrorCodes"/>; these cover what happens around them.
/// </summary>
public static class ToolErrorCodes
{
    /// <summary>No browser session is open for the room.</summary>
    public const string RoomNotFound = "room_not_found";

    /// <summary>The room already has a browser session.</summary>
    public const string RoomExists = "room_exists";

    /// <summary>The server runs as many sessions as it is allowed to.</summary>
    public const string CapacityReached = "capacity_reached";

    /// <summary>browser_error event: the room's page stopped answering while no call ran (recover_browser_session rebuilds it).</summary>
    public const string PageUnresponsive = "page_unresponsive";

    /// <summary>The room's browser crashed; recover_browser_session rebuilds it.</summary>
    public const string BrowserCrashed = Navigator.Actions.ActionErrorCodes.BrowserCrashed;

    /// <summary>A required argument is absent.</summary>
    public const string MissingParameter = Navigator.Actions.ActionErrorCodes.MissingParameter;

    /// <summary>An argument has the wrong type, size or value.</summary>
    public const string InvalidParameter = Navigator.Actions.ActionErrorCodes.InvalidParameter;

    /// <summary>The browser could not be started.</summary>
    public const string BrowserUnavailable = "browser_unavailable";

    /// <summary>The server is shutting down and takes no new work.</summary>
    public const string ShuttingDown = "shutting_down";

    /// <summary>The session closed while the call waited or ran.</summary>
    public const string SessionClosed = Navigator.Actions.ActionErrorCodes.SessionClosed;

    /// <summary>The call did not finish in time.</summary>
    public const string Timeout = Navigator.Actions.ActionErrorCodes.Timeout;

    /// <summary>Anything unexpected; the message says what.</summary>
    public const string InternalError = Navigator.Actions.ActionErrorCodes.InternalError;
}
