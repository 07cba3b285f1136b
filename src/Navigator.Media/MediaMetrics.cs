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

    /// <summary>From Chromium's swap of a frame to its composed pixels handed to the encoder (Chromium's wall clock).</summary>
    internal static readonly Histogram<double> SwapToEncoder = Meter.CreateHistogram<double>(
        "navigator.media.swap_to_encoder", "ms", "Time from Chromium's frame swap to the encoder");

    /// <summary>From Chromium's swap of a frame to its arrival here: Chromium's JPEG encoding and the CDP transport.</summary>
    internal static readonly Histogram<double> ScreencastTransport = Meter.CreateHistogram<double>(
        "navigator.media.screencast_transport", "ms", "Time from Chromium's frame swap to its arrival");

    /// <summary>From a frame's arrival to the recorder starting to decode it.</summary>
    internal static readonly Histogram<double> DecodeWait = Meter.CreateHistogram<double>(
        "navigator.media.decode_wait", "ms", "Time from a frame's arrival to the start of its decoding");

    /// <summary>From a decoded page picture to the start of the encoder write that carries it.</summary>
    internal static readonly Histogram<double> SlotWait = Meter.CreateHistogram<double>(
        "navigator.media.slot_wait", "ms", "Time from a decoded page picture to the start of its write");

    /// <summary>Writing one raw frame into the encoder's pipe.</summary>
    internal static readonly Histogram<double> EncoderWrite = Meter.CreateHistogram<double>(
        "navigator.media.encoder_write", "ms", "Time to write one raw frame into the encoder's pipe");

    /// <summary>Composing one output frame (page picture plus cursor), decoding excluded.</summary>
    internal static readonly Histogram<double> Compose = Meter.CreateHistogram<double>(
        "navigator.media.compose", "ms", "Time to compose one frame with the ghost cursor");

    /// <summary>Converting one composed recording frame from BGRA to I420 for the encoder.</summary>
    internal static readonly Histogram<double> ConvertToYuv = Meter.CreateHistogram<double>(
        "navigator.media.convert_to_yuv", "ms", "Time to convert one recording frame to I420");

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
