using System.Text.Json;
using System.Text.Json.Serialization;

namespace Navigator.Tools.Events;

/// <summary>Event type names on the wire (snake_case, stable).</summary>
public static class RoomEventTypes
{
    /// <summary>The active tab's main frame moved to another URL.</summary>
    public const string PageNavigation = "page_navigation";

    /// <summary>An action failed.</summary>
    public const string ActionError = "action_error";

    /// <summary>An action completed.</summary>
    public const string ActionCompleted = "action_completed";

    /// <summary>A significant DOM change.</summary>
    public const string DomChange = "dom_change";

    /// <summary>The active tab finished loading.</summary>
    public const string PageLoadComplete = "page_load_complete";

    /// <summary>The browser or a renderer failed.</summary>
    public const string BrowserError = "browser_error";

    /// <summary>The security policy refused a navigation or request.</summary>
    public const string NavigationBlocked = "navigation_blocked";

    /// <summary>The room's session started (or was rebuilt).</summary>
    public const string SessionStarted = "session_started";

    /// <summary>The room's session closed.</summary>
    public const string SessionClosed = "session_closed";

    /// <summary>A person took control in the live view, or handed it back to the agent.</summary>
    public const string ControlChanged = "control_changed";

    /// <summary>The agent asked a person for help (request_human_help).</summary>
    public const string HumanHelpRequested = "human_help_requested";

    /// <summary>Streaming into the LiveKit room failed or the connection dropped (the browser session is unaffected).</summary>
    public const string StreamError = "stream_error";
}

/// <summary>
/// Something that happened in a room, sent to every WebSocket client of the room as one JSON
/// text message: <c>{"type": ..., ..., "timestamp": seconds-since-epoch}</c>.
/// </summary>
public abstract record RoomEvent
{
    /// <summary>One of <see cref="RoomEventTypes"/>.</summary>
    [JsonPropertyOrder(-10)]
    public abstract string Type { get; }

    /// <summary>When it happened, in seconds since the Unix epoch (fractional).</summary>
    [JsonPropertyOrder(100)]
    public required double Timestamp { get; init; }

    /// <summary>Seconds since the Unix epoch, with millisecond precision.</summary>
    public static double ToUnixSeconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;
}

/// <summary>The action an action event refers to: <c>{"action_type": ..., "params": {...}}</c>.</summary>
public sealed record ActionDescriptor
{
    /// <summary>The action type as the agent sent it.</summary>
    public required string ActionType { get; init; }

    /// <summary>The action's parameters as the agent sent them (long strings shortened).</summary>
    public JsonElement? Params { get; init; }
}

/// <summary><c>page_navigation</c>: the active tab moved to <see cref="Url"/>.</summary>
public sealed record PageNavigationEvent : RoomEvent
{
    /// <inheritdoc />
    public override string Type => RoomEventTypes.PageNavigation;

    /// <summary>The new URL.</summary>
    public required string Url { get; init; }
}

/// <summary><c>page_load_complete</c>: the active tab finished loading <see cref="Url"/>.</summary>
public sealed record PageLoadCompleteEvent : RoomEvent
{
    /// <inheritdoc />
    public override string Type => RoomEventTypes.PageLoadComplete;

    /// <summary>The loaded URL.</summary>
    public required string Url { get; init; }
}

/// <summary><c>action_completed</c>: an action had its effect.</summary>
public sealed record ActionCompletedEvent : RoomEvent
{
    /// <inheritdoc />
    public override string Type => RoomEventTypes.ActionCompleted;

    /// <summary>The action.</summary>
    public required ActionDescriptor Action { get; init; }

    /// <summary>How long it took, in milliseconds.</summary>
    public double? DurationMs { get; init; }

    /// <summary>The active tab's URL afterwards.</summary>
    public string? Url { get; init; }

    /// <summary>When self-correction repaired the action: what it tried and what worked.</summary>
    public Navigator.Actions.Correction.CorrectionReport? Correction { get; init; }

    /// <summary><c>human</c> for what a person did in the live view while in control; absent for the agent's actions.</summary>
    public string? By { get; init; }
}

/// <summary><c>action_error</c>: an action failed.</summary>
public sealed record ActionErrorEvent : RoomEvent
{
    /// <inheritdoc />
    public override string Type => RoomEventTypes.ActionError;

    /// <summary>What went wrong, for a person or a model.</summary>
    public required string Error { get; init; }

    /// <summary>Machine-readable code (see ActionErrorCodes).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The action.</summary>
    public required ActionDescriptor Action { get; init; }

    /// <summary>
    /// Self-correction's findings, for an agent to correct itself or ask the user: a short state
    /// summary, what was tried, and suggestions with indices of the current page state.
    /// </summary>
    public Navigator.Actions.Correction.CorrectionReport? Correction { get; init; }
}

/// <summary><c>dom_change</c>: a significant DOM change.</summary>
public sealed record DomChangeEvent : RoomEvent
{
    /// <inheritdoc />
    public override string Type => RoomEventTypes.DomChange;

    /// <summary>What kind of change (e.g. <c>element_added</c>, <c>element_removed</c>, <c>content_changed</c>).</summary>
    public required string ChangeType { get; init; }

    /// <summary>Short human summary.</summary>
    public string? Summary { get; init; }

    /// <summary>The tab's URL.</summary>
    public string? Url { get; init; }
}

/// <summary><c>browser_error</c>: the browser process or a renderer failed.</summary>
public sealed record BrowserErrorEvent : RoomEvent
{
    /// <inheritdoc />
    public override string Type => RoomEventTypes.BrowserError;

    /// <summary>What failed.</summary>
    public required string Error { get; init; }

    /// <summary>Machine-readable code (e.g. <c>browser_crashed</c>).</summary>
    public string? ErrorCode { get; init; }
}

/// <summary><c>navigation_blocked</c>: the security policy refused a destination.</summary>
public sealed record NavigationBlockedEvent : RoomEvent
{
    /// <inheritdoc />
    public override string Type => RoomEventTypes.NavigationBlocked;

    /// <summary>The refused URL.</summary>
    public required string Url { get; init; }

    /// <summary>Why it was refused, as a sentence.</summary>
    public string? Reason { get; init; }

    /// <summary>The refused host.</summary>
    public string? Host { get; init; }

    /// <summary>The pattern or rule that decided.</summary>
    public string? Rule { get; init; }

    /// <summary>True when a tab's top-level document was refused; false for an iframe.</summary>
    public bool IsMainFrame { get; init; }
}

/// <summary><c>session_started</c>: the room's browser session is ready.</summary>
public sealed record SessionStartedEvent : RoomEvent
{
    /// <inheritdoc />
    public override string Type => RoomEventTypes.SessionStarted;

    /// <summary>The room.</summary>
    public required string RoomName { get; init; }

    /// <summary>The active tab's URL.</summary>
    public string? Url { get; init; }

    /// <summary>True when the session was rebuilt by recover_browser_session.</summary>
    public bool Recovered { get; init; }
}

/// <summary><c>session_closed</c>: the room's browser session closed.</summary>
public sealed record SessionClosedEvent : RoomEvent
{
    /// <inheritdoc />
    public override string Type => RoomEventTypes.SessionClosed;

    /// <summary>The room.</summary>
    public required string RoomName { get; init; }

    /// <summary>Why: <c>requested</c>, <c>idle_timeout</c>, <c>server_shutdown</c>.</summary>
    public required string Reason { get; init; }
}
