using System.Diagnostics.Metrics;

namespace Navigator.Media;

/// <summary>Metrics of the media pipeline (meter <c>Navigator.Media</c>).</summary>
public static class MediaMetrics
{
    /// <summary>The meter name, for listeners and exporters.</summary>
    public const string MeterName = "Navigator.Media";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>From a screencast frame's arrival to its composed pixels handed to the encoder.</summary>
    internal static readonly Histogram<double> CaptureToEncoder = Meter.CreateHistogram<double>(
        "navigator.media.capture_to_encoder", "ms", "Time from a screencast frame's arrival to the encoder");

    /// <summary>Composing one output frame (page picture plus cursor), decoding excluded.</summary>
    internal static readonly Histogram<double> Compose = Meter.CreateHistogram<double>(
        "navigator.media.compose", "ms", "Time to compose one frame with the ghost cursor");

    /// <summary>Composing and JPEG-encoding one live view frame (decoding included when the page changed).</summary>
    internal static readonly Histogram<double> LiveCompose = Meter.CreateHistogram<double>(
        "navigator.media.live_compose", "ms", "Time to compose and encode one live view frame");

    /// <summary>From a screencast frame's arrival to the live view frame showing it handed to the viewers.</summary>
    internal static readonly Histogram<double> LiveLatency = Meter.CreateHistogram<double>(
        "navigator.media.live_latency", "ms", "Time from a screencast frame's arrival to its live view frame");

    /// <summary>Decoding and scaling one screencast JPEG.</summary>
    internal static readonly Histogram<double> Decode = Meter.CreateHistogram<double>(
        "navigator.media.decode", "ms", "Time to decode one screencast JPEG");

    /// <summary>Frames written to encoders (repeats included).</summary>
    internal static readonly Counter<long> FramesWritten = Meter.CreateCounter<long>(
        "navigator.media.frames_written", "{frame}", "Frames written to encoders");
}
