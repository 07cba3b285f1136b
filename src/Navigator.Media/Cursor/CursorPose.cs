namespace Navigator.Media.Cursor;

/// <summary>The ghost cursor at one instant of video, in CSS pixels.</summary>
public readonly record struct CursorPose
{
    /// <summary>False until the agent first pointed somewhere.</summary>
    public bool Visible { get; init; }

    /// <summary>Arrow tip, CSS pixels.</summary>
    public double X { get; init; }

    /// <summary>Arrow tip, CSS pixels.</summary>
    public double Y { get; init; }

    /// <summary>0..1 while a click ripple expands; null when there is none.</summary>
    public double? Ripple { get; init; }

    /// <summary>True while the typing badge shows.</summary>
    public bool Typing { get; init; }

    /// <summary>-1 (up) or 1 (down) while the scroll indicator shows; 0 otherwise.</summary>
    public int ScrollDirection { get; init; }
}
