namespace Navigator.Actions.Commands;

/// <summary>Mouse buttons (<c>left</c>, <c>right</c>, <c>middle</c>).</summary>
public static class MouseButtons
{
    /// <summary>The primary button.</summary>
    public const string Left = "left";

    /// <summary>The secondary (context menu) button.</summary>
    public const string Right = "right";

    /// <summary>The wheel button.</summary>
    public const string Middle = "middle";
}

/// <summary>
/// <c>click</c>: clicks an indexed element (<c>{"index": 5}</c>) or a viewport point
/// (<c>{"x": 100, "y": 200}</c>). Optional <c>button</c> (left, right, middle) and
/// <c>click_count</c> (1 to 3; 2 is a double click).
/// </summary>
public sealed record ClickCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.Click;

    /// <summary>The element index from the last page state.</summary>
    public int? Index { get; init; }

    /// <summary>A viewport point in CSS pixels, instead of an index.</summary>
    public ActionPoint? Point { get; init; }

    /// <summary>left, right or middle.</summary>
    public string Button { get; init; } = MouseButtons.Left;

    /// <summary>1 for a click, 2 for a double click, 3 for a triple click.</summary>
    public int ClickCount { get; init; } = 1;

    /// <inheritdoc />
    public override void Validate()
    {
        CheckTarget(Index, Point, "index", "x/y");
        if (Button is not (MouseButtons.Left or MouseButtons.Right or MouseButtons.Middle))
        {
            Invalid($"'button' must be left, right or middle (got '{Button}')");
        }

        if (ClickCount is < 1 or > 3)
        {
            Invalid($"'click_count' must be 1, 2 or 3 (got {ClickCount})");
        }
    }
}

/// <summary><c>hover</c>: moves the pointer over an indexed element or a viewport point.</summary>
public sealed record HoverCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.Hover;

    /// <summary>The element index from the last page state.</summary>
    public int? Index { get; init; }

    /// <summary>A viewport point in CSS pixels, instead of an index.</summary>
    public ActionPoint? Point { get; init; }

    /// <inheritdoc />
    public override void Validate() => CheckTarget(Index, Point, "index", "x/y");
}

/// <summary>How a drag is performed.</summary>
public static class DragModes
{
    /// <summary>HTML5 drag events when the source is draggable, plain mouse events otherwise.</summary>
    public const string Auto = "auto";

    /// <summary>Mouse press, stepped moves and release only (pointer-based drag libraries, sliders).</summary>
    public const string Mouse = "mouse";

    /// <summary>HTML5 drag and drop (dragstart, dragover, drop) through intercepted drags.</summary>
    public const string Html5 = "html5";
}

/// <summary>
/// <c>drag</c>: presses on a source (<c>from_index</c> or <c>from_x</c>/<c>from_y</c>), moves in
/// <c>steps</c> intermediate moves to a target (<c>to_index</c> or <c>to_x</c>/<c>to_y</c>) and releases.
/// </summary>
public sealed record DragCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.Drag;

    /// <summary>Source element index.</summary>
    public int? FromIndex { get; init; }

    /// <summary>Source viewport point.</summary>
    public ActionPoint? FromPoint { get; init; }

    /// <summary>Target element index.</summary>
    public int? ToIndex { get; init; }

    /// <summary>Target viewport point.</summary>
    public ActionPoint? ToPoint { get; init; }

    /// <summary>Intermediate pointer moves between source and target (1 to 100).</summary>
    public int Steps { get; init; } = 10;

    /// <summary>One of <see cref="DragModes"/>.</summary>
    public string Mode { get; init; } = DragModes.Auto;

    /// <inheritdoc />
    public override void Validate()
    {
        CheckTarget(FromIndex, FromPoint, "from_index", "from_x/from_y");
        CheckTarget(ToIndex, ToPoint, "to_index", "to_x/to_y");
        if (Steps is < 1 or > 100)
        {
            Invalid($"'steps' must be between 1 and 100 (got {Steps})");
        }

        if (Mode is not (DragModes.Auto or DragModes.Mouse or DragModes.Html5))
        {
            Invalid($"'mode' must be auto, mouse or html5 (got '{Mode}')");
        }
    }
}

/// <summary>Scroll directions.</summary>
public static class ScrollDirections
{
    /// <summary>Towards the top.</summary>
    public const string Up = "up";

    /// <summary>Towards the bottom.</summary>
    public const string Down = "down";

    /// <summary>Towards the start of the line.</summary>
    public const string Left = "left";

    /// <summary>Towards the end of the line.</summary>
    public const string Right = "right";
}

/// <summary>
/// <c>scroll</c>: scrolls the page (or the scrollable area under the viewport centre) by
/// <c>amount</c> CSS pixels in <c>direction</c>. With <c>index</c> and no direction it scrolls
/// that element into view; with both it scrolls inside that element's scroll container.
/// </summary>
public sealed record ScrollCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.Scroll;

    /// <summary>up, down, left or right; null with an index means "scroll the element into view".</summary>
    public string? Direction { get; init; }

    /// <summary>CSS pixels; null scrolls by 80% of the visible size.</summary>
    public double? Amount { get; init; }

    /// <summary>An element to bring into view, or whose scroll container to scroll.</summary>
    public int? Index { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        CheckIndex(Index, "index");
        if (Direction is null && Index is null)
        {
            Missing("give 'direction' (up, down, left, right) or 'index' to scroll an element into view");
        }

        if (Direction is not null and not (ScrollDirections.Up or ScrollDirections.Down or ScrollDirections.Left or ScrollDirections.Right))
        {
            Invalid($"'direction' must be up, down, left or right (got '{Direction}')");
        }

        if (Amount is { } amount && (!double.IsFinite(amount) || amount <= 0 || amount > 1_000_000))
        {
            Invalid($"'amount' must be a positive number of CSS pixels (got {amount})");
        }

        if (Amount is not null && Direction is null)
        {
            Invalid("'amount' needs a 'direction'");
        }
    }
}
