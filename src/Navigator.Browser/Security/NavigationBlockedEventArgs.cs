namespace Navigator.Browser.Security;

/// <summary>
/// A request refused by the session's <see cref="NavigationPolicy"/> (the <c>navigation_blocked</c>
/// event), with what the agent needs to tell the user why.
/// </summary>
public sealed class NavigationBlockedEventArgs(
    string url,
    PolicyDecision decision,
    string resourceType,
    bool isMainFrame,
    string? targetId,
    DateTimeOffset timestamp) : EventArgs
{
    /// <summary>The refused URL.</summary>
    public string Url { get; } = url;

    /// <summary>The refused host (normalised; empty for scheme refusals).</summary>
    public string Host { get; } = decision.Host;

    /// <summary>The pattern or rule that decided.</summary>
    public string Rule { get; } = decision.Rule;

    /// <summary>Why it was refused.</summary>
    public BlockReason Reason { get; } = decision.Reason;

    /// <summary>The full decision.</summary>
    public PolicyDecision Decision { get; } = decision;

    /// <summary>CDP resource type: Document, Script, Image, XHR, Fetch, WebSocket, ...</summary>
    public string ResourceType { get; } = resourceType;

    /// <summary>True when a tab's top-level document was refused (navigation, redirect, popup).</summary>
    public bool IsMainFrame { get; } = isMainFrame;

    /// <summary>The tab (or frame/worker target) the request came from, when known.</summary>
    public string? TargetId { get; } = targetId;

    /// <summary>When it was refused.</summary>
    public DateTimeOffset Timestamp { get; } = timestamp;

    /// <summary>A sentence for the user.</summary>
    public string Describe() => Decision.Describe();
}
