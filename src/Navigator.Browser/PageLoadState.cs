namespace Navigator.Browser;

/// <summary>Where the main frame is in its load cycle.</summary>
public enum PageLoadState
{
    /// <summary>A navigation was requested and the new document is not committed yet.</summary>
    Navigating,

    /// <summary>The document is committed and loading.</summary>
    Loading,

    /// <summary>DOMContentLoaded fired; subresources may still load.</summary>
    Interactive,

    /// <summary>The load event fired.</summary>
    Complete,
}

/// <summary>What a navigation waits for.</summary>
public enum NavigationWaitUntil
{
    /// <summary>Return once the new document is committed.</summary>
    Commit,

    /// <summary>Wait for DOMContentLoaded.</summary>
    DomContentLoaded,

    /// <summary>Wait for the load event.</summary>
    Load,
}
