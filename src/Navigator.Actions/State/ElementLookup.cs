namespace Navigator.Actions.State;

/// <summary>Which indexed element lies at a viewport point.</summary>
public static class ElementLookup
{
    /// <summary>The smallest on-screen element whose box holds <paramref name="point"/>, or null.</summary>
    public static InteractiveElement? At(IEnumerable<InteractiveElement> elements, ActionPoint point) =>
        elements
            .Where(e => e.InViewport && point.X >= e.Bounds.X && point.X <= e.Bounds.X + e.Bounds.Width && point.Y >= e.Bounds.Y && point.Y <= e.Bounds.Y + e.Bounds.Height)
            .OrderBy(e => e.Bounds.Width * e.Bounds.Height)
            .FirstOrDefault();
}
