using System.Diagnostics.Metrics;

namespace Navigator.LiveKit;

/// <summary>LiveKit streaming metrics (meter <c>Navigator.LiveKit</c>).</summary>
public static class LiveKitMetrics
{
    /// <summary>The meter name, for listeners and exporters.</summary>
    public const string MeterName = "Navigator.LiveKit";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Milliseconds from connecting to the track being published.</summary>
    internal static readonly Histogram<double> ConnectTime = Meter.CreateHistogram<double>("navigator.livekit.connect.duration", "ms", "Connecting to a LiveKit room and publishing the track");

    /// <summary>Milliseconds per CaptureVideoFrame (BGRA to I420 in the core, and the hand-off).</summary>
    internal static readonly Histogram<double> CaptureTime = Meter.CreateHistogram<double>("navigator.livekit.capture.duration", "ms", "One frame handed to LiveKit");

    /// <summary>Frames handed to LiveKit.</summary>
    internal static readonly Counter<long> FramesSent = Meter.CreateCounter<long>("navigator.livekit.frames", "{frame}", "Frames handed to LiveKit");

    /// <summary>Cursor messages sent on the data topic.</summary>
    internal static readonly Counter<long> CursorMessages = Meter.CreateCounter<long>("navigator.livekit.cursor_messages", "{message}", "Cursor positions sent to the LiveKit room");
}
