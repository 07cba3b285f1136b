namespace Navigator.Actions;

/// <summary>Machine-readable error codes of a failed action (snake_case, stable).</summary>
public static class ActionErrorCodes
{
    /// <summary>The action type is not one we know.</summary>
    public const string UnknownAction = "unknown_action";

    /// <summary>A required parameter is absent.</summary>
    public const string MissingParameter = "missing_parameter";

    /// <summary>A parameter has the wrong type or an out-of-range value.</summary>
    public const string InvalidParameter = "invalid_parameter";

    /// <summary>No element has that index in the current state.</summary>
    public const string ElementNotFound = "element_not_found";

    /// <summary>The index belonged to an older state of a page that has changed since.</summary>
    public const string StaleElement = "stale_element";

    /// <summary>The element exists but cannot take this action (hidden, disabled, wrong kind).</summary>
    public const string ElementNotInteractable = "element_not_interactable";

    /// <summary>Another element would receive the click.</summary>
    public const string ElementObscured = "element_obscured";

    /// <summary>A navigation failed (network error, bad URL).</summary>
    public const string NavigationFailed = "navigation_failed";

    /// <summary>The security policy refused the destination.</summary>
    public const string NavigationBlocked = "navigation_blocked";

    /// <summary>The action did not finish in time.</summary>
    public const string Timeout = "timeout";

    /// <summary>The session or tab is closed.</summary>
    public const string SessionClosed = "session_closed";

    /// <summary>The browser or the page's renderer crashed.</summary>
    public const string BrowserCrashed = "browser_crashed";

    /// <summary>A dialog action was asked for but no dialog is open.</summary>
    public const string NoDialog = "no_dialog";

    /// <summary>No tab matches.</summary>
    public const string TabNotFound = "tab_not_found";

    /// <summary>A script on the page threw.</summary>
    public const string ScriptError = "script_error";

    /// <summary>A JavaScript dialog blocks the tab; answer it with handle_dialog first.</summary>
    public const string DialogOpen = "dialog_open";

    /// <summary>go_back or go_forward with no history entry in that direction.</summary>
    public const string NoHistory = "no_history";

    /// <summary>select_option found no option with that label or value.</summary>
    public const string OptionNotFound = "option_not_found";

    /// <summary>The server turned this action off (evaluate with <c>AllowEvaluate = false</c>).</summary>
    public const string ActionDisabled = "action_disabled";

    /// <summary>evaluate: the value's JSON is longer than the limit.</summary>
    public const string ResultTooLarge = "result_too_large";

    /// <summary>Anything unexpected; the message says what.</summary>
    public const string InternalError = "internal_error";
}
