namespace Navigator.Media.Live;

/// <summary>
/// One picture of the live view: a JPEG of the active tab with the ghost cursor drawn in, and the
/// viewport it shows in CSS pixels (for mapping a viewer's pointer back onto the page).
/// </summary>
public sealed record LiveFrame(byte[] Jpeg, long Sequence, double CssWidth, double CssHeight);
