namespace Navigator.Media.Cursor;

/// <summary>
/// What the agent's pointer did, in CSS pixels of the viewport, as the action layer reports it.
/// The ghost cursor animates from these; nothing is drawn into the page.
/// </summary>
public interface ICursorTrack
{
    /// <summary>The pointer went to a point (hover, drag end).</summary>
    void MoveTo(double x, double y);

    /// <summary>The pointer clicked at a point.</summary>
    void Click(double x, double y);

    /// <summary>Keys were typed (into the focused element).</summary>
    void Type();

    /// <summary>The page scrolled; the sign of <paramref name="deltaY"/> gives the direction.</summary>
    void Scroll(double deltaY);
}
