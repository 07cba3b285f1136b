namespace Navigator.Actions.Commands;

/// <summary>The action type names (snake_case, as in <c>execute_action</c>). See docs/actions.md.</summary>
public static class ActionTypes
{
    /// <summary>Load a URL in the active tab.</summary>
    public const string Navigate = "navigate";

    /// <summary>Click an indexed element or a viewport point.</summary>
    public const string Click = "click";

    /// <summary>Type text into a field.</summary>
    public const string Type = "type";

    /// <summary>Scroll the page, a container, or an element into view.</summary>
    public const string Scroll = "scroll";

    /// <summary>Wait for a duration, text, a selector or a navigation.</summary>
    public const string Wait = "wait";

    /// <summary>Go back in the tab's history.</summary>
    public const string GoBack = "go_back";

    /// <summary>Go forward in the tab's history.</summary>
    public const string GoForward = "go_forward";

    /// <summary>Reload the active tab.</summary>
    public const string Refresh = "refresh";

    /// <summary>Press keys or key chords (e.g. <c>Control+A</c>, <c>Enter</c>).</summary>
    public const string SendKeys = "send_keys";

    /// <summary>Choose an option of a select element.</summary>
    public const string SelectOption = "select_option";

    /// <summary>Move the pointer over an element or point.</summary>
    public const string Hover = "hover";

    /// <summary>Drag from one element or point to another.</summary>
    public const string Drag = "drag";

    /// <summary>Give files to a file input.</summary>
    public const string UploadFile = "upload_file";

    /// <summary>Make another tab the active one.</summary>
    public const string SwitchTab = "switch_tab";

    /// <summary>Open a new tab.</summary>
    public const string OpenTab = "open_tab";

    /// <summary>Close a tab.</summary>
    public const string CloseTab = "close_tab";

    /// <summary>Accept or dismiss an open JavaScript dialog.</summary>
    public const string HandleDialog = "handle_dialog";

    /// <summary>Read the page as clean text or markdown.</summary>
    public const string Extract = "extract";

    /// <summary>Capture the viewport or the full page as an image.</summary>
    public const string Screenshot = "screenshot";

    /// <summary>Run JavaScript in the page and return its JSON value (can be turned off by the server).</summary>
    public const string Evaluate = "evaluate";

    /// <summary>Every action type, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Navigate, Click, Type, Scroll, Wait, GoBack, GoForward, Refresh, SendKeys, SelectOption,
        Hover, Drag, UploadFile, SwitchTab, OpenTab, CloseTab, HandleDialog, Extract, Screenshot, Evaluate,
    ];
}
