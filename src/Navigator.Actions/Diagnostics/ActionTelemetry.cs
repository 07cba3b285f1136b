using System.Diagnostics;
using System.Diagnostics.Metrics;
using Navigator.Actions.Commands;

namespace Navigator.Actions.Diagnostics;

/// <summary>
/// Metrics and spans of the actions layer (meter and activity source <c>Navigator.Actions</c>):
/// a span, a count and a duration per action, with its type, outcome and error code. Instrument
/// names and their tags are listed in docs/operations.md.
/// </summary>
public static class ActionTelemetry
{
    /// <summary>The meter and activity source name, for listeners and exporters.</summary>
    public const string Name = "Navigator.Actions";

    /// <summary>Counter of finished actions, tags <see cref="ActionTypeTag"/>, <see cref="OutcomeTag"/>, <see cref="ErrorCodeTag"/> (failures only).</summary>
    public const string ActionsName = "navigator.actions";

    /// <summary>Histogram of action durations in seconds, tags <see cref="ActionTypeTag"/> and <see cref="OutcomeTag"/>.</summary>
    public const string DurationName = "navigator.action.duration";

    /// <summary>The action type (<c>navigate</c>, <c>click</c>, ...; <c>unknown</c> for names that are not actions).</summary>
    public const string ActionTypeTag = "navigator.action.type";

    /// <summary><c>success</c> or <c>error</c>.</summary>
    public const string OutcomeTag = "navigator.outcome";

    /// <summary>The error code of a failure (<c>timeout</c>, <c>browser_crashed</c>, ...).</summary>
    public const string ErrorCodeTag = "error.type";

    /// <summary>
    /// The room a span belongs to. Spans only: room names are unbounded, so metrics never carry them.
    /// An action span copies it from its parent span (the tool call) when that has it.
    /// </summary>
    public const string RoomTag = "navigator.room";

    /// <summary>Bucket bounds in seconds, from a fast click to a slow navigation.</summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Spans of actions.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly HashSet<string> KnownTypes = new(ActionTypes.All, StringComparer.Ordinal);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Actions = Meter.CreateCounter<long>(
        ActionsName, "{action}", "Actions run, by type and outcome (with the error code of failures)");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        DurationName, "s", "How long actions took, from the call to the settled page",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    /// <summary>A bounded tag value for an action type a client sent.</summary>
    public static string TypeTag(string? actionType) => actionType is not null && KnownTypes.Contains(actionType) ? actionType : "unknown";

    /// <summary>Starts the span of one action (null when nobody listens).</summary>
    internal static Activity? Start(string? actionType)
    {
        var room = Activity.Current?.GetTagItem(RoomTag);
        var type = TypeTag(actionType);
        var activity = Source.StartActivity("action " + type);
        activity?.SetTag(ActionTypeTag, type);
        if (room is not null)
        {
            activity?.SetTag(RoomTag, room);
        }

        return activity;
    }

    /// <summary>Counts the finished action and closes its span's outcome; returns the result unchanged.</summary>
    internal static ActionResult Completed(Activity? activity, ActionResult result)
    {
        var type = TypeTag(result.ActionType);
        var outcome = result.Success ? "success" : "error";
        if (activity is not null)
        {
            activity.SetTag(OutcomeTag, outcome);
            if (!result.Success)
            {
                activity.SetTag(ErrorCodeTag, result.ErrorCode);
                activity.SetStatus(ActivityStatusCode.Error, result.ErrorCode);
            }
        }

        var tags = new TagList { { ActionTypeTag, type }, { OutcomeTag, outcome } };
        Duration.Record(result.DurationMs / 1000, tags);
        if (!result.Success)
        {
            tags.Add(ErrorCodeTag, result.ErrorCode ?? "unknown");
        }

        Actions.Add(1, tags);
        return result;
    }

    /// <summary>Marks the span of an action its caller abandoned.</summary>
    internal static void Cancelled(Activity? activity)
    {
        activity?.SetTag(OutcomeTag, "cancelled");
        activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
    }
}
