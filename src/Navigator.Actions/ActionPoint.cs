namespace Navigator.Actions;

/// <summary>A point in CSS pixels relative to the top-left of the viewport.</summary>
public readonly record struct ActionPoint(double X, double Y);

/// <summary>A rectangle in CSS pixels relative to the viewport.</summary>
public readonly record struct ElementBounds(double X, double Y, double Width, double Height);
