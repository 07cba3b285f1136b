namespace Navigator.Browser.Media;

/// <summary>
/// One JPEG frame of a tab as Chromium composited it. The image stays base64 (as it came over
/// CDP) until a consumer asks for it, so frames the newest-wins channels drop cost no decoding.
/// </summary>
public sealed class ScreencastFrame
{
    private readonly string _base64Jpeg;

    internal ScreencastFrame(string base64Jpeg, long sequence, string targetId, double cssWidth, double cssHeight, long capturedTimestamp, DateTimeOffset? swappedAt)
    {
        _base64Jpeg = base64Jpeg;
        Sequence = sequence;
        TargetId = targetId;
        CssWidth = cssWidth;
        CssHeight = cssHeight;
        CapturedTimestamp = capturedTimestamp;
        SwappedAt = swappedAt;
    }

    /// <summary>Counts frames of one source from 1, so a consumer sees when a new one arrived.</summary>
    public long Sequence { get; }

    /// <summary>The tab the frame shows.</summary>
    public string TargetId { get; }

    /// <summary>The viewport width in CSS pixels (the frame may be scaled).</summary>
    public double CssWidth { get; }

    /// <summary>The viewport height in CSS pixels.</summary>
    public double CssHeight { get; }

    /// <summary>When the frame arrived, as a <see cref="TimeProvider.GetTimestamp"/> value of the source's clock.</summary>
    public long CapturedTimestamp { get; }

    /// <summary>
    /// When Chromium swapped the frame onto its screen (its wall clock), when it said; the time
    /// before <see cref="CapturedTimestamp"/> is Chromium's encoding and the CDP transport.
    /// </summary>
    public DateTimeOffset? SwappedAt { get; }

    /// <summary>The JPEG bytes.</summary>
    public byte[] GetJpegBytes() => Convert.FromBase64String(_base64Jpeg);
}
