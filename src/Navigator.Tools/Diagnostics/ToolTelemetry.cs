using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Navigator.Actions.Diagnostics;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Diagnostics;

/// <summary>
/// Metrics and spans of the tools layer (meter and activity source <c>Navigator.Tools</c>): tool
/// calls, rooms by status, room faults and recoveries, and room events. Instrument names and their
/// tags are listed in docs/operations.md. Metrics never carry room names (unbounded); spans do.
/// </summary>
public static class ToolTelemetry
{
    /// <summary>The meter and activity source name, for listeners and exporters.</summary>
    public const string Name = "Navigator.Tools";

    /// <summary>Counter of tool calls, tags <see cref="ToolTag"/>, <see cref="OutcomeTag"/>, <see cref="ErrorCodeTag"/> (failures only).</summary>
    public const string ToolCallsName = "navigator.tool.calls";

    /// <summary>Histogram of tool call durations in seconds (queueing behind the room's earlier calls included), tags <see cref="ToolTag"/> and <see cref="OutcomeTag"/>.</summary>
    public const string ToolDurationName = "navigator.tool.duration";

    /// <summary>Observable gauge of this node's rooms, tag <see cref="SessionStateTag"/>.</summary>
    public const string SessionsName = "navigator.sessions";

    /// <summary>Counter of rooms whose browser crashed or stopped answering, tag <see cref="FaultKindTag"/>.</summary>
    public const string RoomFaultsName = "navigator.room.faults";

    /// <summary>Counter of room recoveries, tag <see cref="RecoveryOutcomeTag"/>.</summary>
    public const string RecoveriesName = "navigator.room.recoveries";

    /// <summary>Counter of event messages handed to subscribers, tag <see cref="EventTypeTag"/>.</summary>
    public const string EventsSentName = "navigator.events.sent";

    /// <summary>Counter of event subscribers dropped because they fell behind (closed with 1008).</summary>
    public const string SubscribersDroppedName = "navigator.events.subscribers_dropped";

    /// <summary>The MCP tool (<c>execute_action</c>, ...; <c>unknown</c> for names that are not tools).</summary>
    public const string ToolTag = "navigator.tool";

    /// <summary><c>success</c> or <c>error</c>.</summary>
    public const string OutcomeTag = ActionTelemetry.OutcomeTag;

    /// <summary>The error code of a failed call.</summary>
    public const string ErrorCodeTag = ActionTelemetry.ErrorCodeTag;

    /// <summary>The room, on spans only.</summary>
    public const string RoomTag = ActionTelemetry.RoomTag;

    /// <summary><c>starting</c>, <c>active</c>, <c>paused</c>, <c>crashed</c> or <c>recovering</c>.</summary>
    public const string SessionStateTag = "navigator.session.state";

    /// <summary><c>crashed</c> (renderer or browser died under the room) or <c>unresponsive</c> (the page stopped answering).</summary>
    public const string FaultKindTag = "navigator.fault.kind";

    /// <summary><c>rebuilt</c> (at the last URL), <c>safe_page</c> (on about:blank after repeated faults) or <c>failed</c>.</summary>
    public const string RecoveryOutcomeTag = "navigator.recovery.outcome";

    /// <summary>The event type (<c>page_navigation</c>, <c>action_completed</c>, ...).</summary>
    public const string EventTypeTag = "navigator.event.type";

    /// <summary>Spans of tool calls.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly RoomSessionStatus[] ReportedStates =
        [RoomSessionStatus.Starting, RoomSessionStatus.Active, RoomSessionStatus.Paused, RoomSessionStatus.Crashed, RoomSessionStatus.Recovering];

    // Weak: a manager nobody disposed (tests) must not be kept alive by the gauge.
    private static readonly ConditionalWeakTable<RoomSessionManager, object?> Managers = [];

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> ToolCalls = Meter.CreateCounter<long>(
        ToolCallsName, "{call}", "MCP tool calls, by tool and outcome (with the error code of failures)");

    private static readonly Histogram<double> ToolDuration = Meter.CreateHistogram(
        ToolDurationName, "s", "How long tool calls took, waiting for the room's earlier calls included",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ActionTelemetry.DurationBuckets });

    private static readonly Counter<long> RoomFaults = Meter.CreateCounter<long>(
        RoomFaultsName, "{fault}", "Rooms whose browser crashed or whose page stopped answering");

    private static readonly Counter<long> Recoveries = Meter.CreateCounter<long>(
        RecoveriesName, "{recovery}", "Room recoveries (manual and automatic), by outcome");

    private static readonly Counter<long> EventsSent = Meter.CreateCounter<long>(
        EventsSentName, "{message}", "Room event messages handed to subscribers, by event type");

    private static readonly Counter<long> SubscribersDropped = Meter.CreateCounter<long>(
        SubscribersDroppedName, "{subscriber}", "Event subscribers dropped because their queue overflowed");

    static ToolTelemetry()
    {
        Meter.CreateObservableGauge(SessionsName, ObserveSessions, "{session}", "Rooms on this node, by status");
    }

    /// <summary>Counts <paramref name="manager"/>'s rooms in <see cref="SessionsName"/> until it is collected or untracked.</summary>
    internal static void Track(RoomSessionManager manager) => Managers.AddOrUpdate(manager, null);

    internal static void Untrack(RoomSessionManager manager) => Managers.Remove(manager);

    /// <summary>Starts the span of one tool call (null when nobody listens).</summary>
    internal static Activity? StartToolCall(string tool, string? room)
    {
        var activity = Source.StartActivity("tool " + tool);
        if (activity is not null)
        {
            activity.SetTag(ToolTag, tool);
            if (room is not null)
            {
                activity.SetTag(RoomTag, room);
            }
        }

        return activity;
    }

    /// <summary>Counts a finished tool call; <paramref name="errorCode"/> is null for a success.</summary>
    internal static void ToolCallCompleted(Activity? activity, string tool, string? errorCode, TimeSpan elapsed)
    {
        var outcome = errorCode is null ? "success" : "error";
        if (activity is not null)
        {
            activity.SetTag(OutcomeTag, outcome);
            if (errorCode is not null)
            {
                activity.SetTag(ErrorCodeTag, errorCode);
                activity.SetStatus(ActivityStatusCode.Error, errorCode);
            }
        }

        var tags = new TagList { { ToolTag, tool }, { OutcomeTag, outcome } };
        ToolDuration.Record(elapsed.TotalSeconds, tags);
        if (errorCode is not null)
        {
            tags.Add(ErrorCodeTag, errorCode);
        }

        ToolCalls.Add(1, tags);
    }

    internal static void RoomFault(bool crashed) =>
        RoomFaults.Add(1, new KeyValuePair<string, object?>(FaultKindTag, crashed ? "crashed" : "unresponsive"));

    internal static void Recovered(string outcome) =>
        Recoveries.Add(1, new KeyValuePair<string, object?>(RecoveryOutcomeTag, outcome));

    internal static void EventSent(string eventType, int subscribers)
    {
        if (subscribers > 0)
        {
            EventsSent.Add(subscribers, new KeyValuePair<string, object?>(EventTypeTag, eventType));
        }
    }

    internal static void SubscriberDropped() => SubscribersDropped.Add(1);

    private static IEnumerable<Measurement<int>> ObserveSessions()
    {
        var counts = new int[ReportedStates.Length];
        foreach (var (manager, _) in Managers)
        {
            foreach (var status in manager.Statuses())
            {
                var i = Array.IndexOf(ReportedStates, status);
                if (i >= 0)
                {
                    counts[i]++;
                }
            }
        }

        for (var i = 0; i < ReportedStates.Length; i++)
        {
            yield return new Measurement<int>(counts[i], new KeyValuePair<string, object?>(SessionStateTag, RoomSession.StatusName(ReportedStates[i])));
        }
    }
}
