namespace Navigator.Actions.State;

/// <summary>One indexed element an agent can act on, e.g. <c>[12] button "Submit"</c>.</summary>
public sealed record InteractiveElement
{
    /// <summary>The index shown to the agent; stable while the page does not change.</summary>
    public required int Index { get; init; }

    /// <summary>
    /// The out-of-process (cross-site) frame whose target holds the element: actions on it go
    /// through that frame's session. Null when the tab's own process holds it.
    /// </summary>
    public string? FrameTarget { get; init; }

    /// <summary>Accessibility role (button, link, textbox, combobox, checkbox, ...).</summary>
    public required string Role { get; init; }

    /// <summary>Accessible name (or a hint for unnamed icons).</summary>
    public required string Name { get; init; }

    /// <summary>HTML tag name, lower case.</summary>
    public required string Tag { get; init; }

    /// <summary>The input type for inputs (text, password, checkbox, date...).</summary>
    public string? InputType { get; init; }

    /// <summary>Current value of a field.</summary>
    public string? Value { get; init; }

    /// <summary>Checked state of a checkbox, radio or switch.</summary>
    public bool? Checked { get; init; }

    /// <summary>The selected option's label of a select.</summary>
    public string? Selected { get; init; }

    /// <summary>Expanded state of a disclosure or combobox.</summary>
    public bool? Expanded { get; init; }

    /// <summary>True when disabled.</summary>
    public bool Disabled { get; init; }

    /// <summary>Link target.</summary>
    public string? Href { get; init; }

    /// <summary>Extra description for unnamed icon-like elements (title, class, nearby text).</summary>
    public string? Hint { get; init; }

    /// <summary>Bounding box in viewport CSS pixels.</summary>
    public required ElementBounds Bounds { get; init; }

    /// <summary>A point inside the element that hits it (viewport CSS pixels).</summary>
    public required ActionPoint ClickPoint { get; init; }

    /// <summary>True when at least partly inside the viewport.</summary>
    public bool InViewport { get; init; }

    /// <summary>When off-screen: above, below, left or right; <c>clipped</c> when a scroll container hides it.</summary>
    public string? OffscreenDirection { get; init; }

    /// <summary>For a select: the first option labels (see <see cref="OptionCount"/> for the total).</summary>
    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>For a select: how many options it has.</summary>
    public int OptionCount { get; init; }

    /// <summary>Pressed state of a toggle button (aria-pressed).</summary>
    public bool? Pressed { get; init; }

    /// <summary>Selected state of a tab, option, row or tree item (aria-selected).</summary>
    public bool? IsSelected { get; init; }

    /// <summary>True when a checkbox is indeterminate (aria-checked="mixed").</summary>
    public bool Mixed { get; init; }

    /// <summary>True when the element has keyboard focus.</summary>
    public bool Focused { get; init; }

    /// <summary>True for a required field.</summary>
    public bool Required { get; init; }

    /// <summary>
    /// True when the element was indexed only because it looks clickable (pointer cursor) rather
    /// than from its role, a handler or focusability.
    /// </summary>
    public bool InferredClickable { get; init; }

    /// <summary>The compact line an agent sees, e.g. <c>[12] button "Submit"</c>.</summary>
    public override string ToString() => InteractiveElementFormatter.Format(this);
}
