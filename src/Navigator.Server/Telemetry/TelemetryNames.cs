using Navigator.Actions.Diagnostics;
using Navigator.Browser.Diagnostics;
using Navigator.Media;
using Navigator.Tools.Diagnostics;

namespace Navigator.Server.Telemetry;

/// <summary>Every meter and activity source of Navigator, one per layer (docs/operations.md lists their instruments).</summary>
public static class TelemetryNames
{
    /// <summary>Meters: browser (crashes, refusals), actions, tools (calls, rooms, events), media, LiveKit streaming.</summary>
    public static IReadOnlyList<string> Meters { get; } =
        [BrowserTelemetry.MeterName, ActionTelemetry.Name, ToolTelemetry.Name, MediaMetrics.MeterName, Navigator.LiveKit.LiveKitMetrics.MeterName];

    /// <summary>Activity sources: a span per tool call, and under it a span per action.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } = [ToolTelemetry.Name, ActionTelemetry.Name];
}
