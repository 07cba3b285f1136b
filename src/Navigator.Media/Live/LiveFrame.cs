namespace Navigator.Media.Live;

/// <summary>
/// One picture of the live view: a JPEG of the active tab with the ghost cursor drawn in, and the
/// viewport it shows in CSS pixels (for mapping a viewer's pointer back onto the page), and when its
/// page frame arrived (a <see cref="TimeProvider.GetTimestamp"/> value of the screencast's clock).
/// </summary>
public sealed record LiveFrame(byte[] Jpeg, long Sequence, double CssWidth, double CssHeight, long CapturedTimestamp);
