namespace Navigator.Actions.Changes;

/// <summary>Kinds of <see cref="PageChange"/> (snake_case, stable).</summary>
public static class PageChangeKinds
{
    /// <summary>The main frame committed a new document.</summary>
    public const string Navigation = "navigation";

    /// <summary>The URL changed without a new document (pushState, hash).</summary>
    public const string UrlChanged = "url_changed";

    /// <summary>The main frame started loading.</summary>
    public const string LoadStarted = "load_started";

    /// <summary>The main frame finished loading.</summary>
    public const string LoadComplete = "load_complete";

    /// <summary>The DOM changed (debounced).</summary>
    public const string DomChanged = "dom_changed";

    /// <summary>A tab or popup opened.</summary>
    public const string TabOpened = "tab_opened";

    /// <summary>A tab closed.</summary>
    public const string TabClosed = "tab_closed";

    /// <summary>A JavaScript dialog (alert, confirm, prompt, beforeunload) opened.</summary>
    public const string DialogOpened = "dialog_opened";
}

/// <summary>Something that changed on the session's pages.</summary>
public sealed record PageChange
{
    /// <summary>One of <see cref="PageChangeKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The tab's URL at the time.</summary>
    public string? Url { get; init; }

    /// <summary>The tab concerned.</summary>
    public string? TargetId { get; init; }

    /// <summary>Short human summary (e.g. "2 interactive elements added").</summary>
    public string? Summary { get; init; }

    /// <summary>For DOM changes: interactive elements added.</summary>
    public int AddedInteractive { get; init; }

    /// <summary>For DOM changes: interactive elements removed.</summary>
    public int RemovedInteractive { get; init; }

    /// <summary>When it was observed.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
