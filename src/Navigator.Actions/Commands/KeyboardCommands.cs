namespace Navigator.Actions.Commands;

/// <summary>
/// <c>type</c>: types <c>text</c> into the field at <c>index</c> (or the focused element when no
/// index is given). <c>clear</c> (default true) replaces the current value; <c>press_enter</c>
/// presses Enter afterwards. Date, time, color and range inputs take their value in the
/// input's own format (e.g. <c>2024-05-31</c> for a date).
/// </summary>
public sealed record TypeCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.Type;

    /// <summary>The field's index; null types into the focused element.</summary>
    public int? Index { get; init; }

    /// <summary>The text to type.</summary>
    public required string Text { get; init; }

    /// <summary>Replace the current value (true) or append to it (false).</summary>
    public bool Clear { get; init; } = true;

    /// <summary>Press Enter after typing (submits most forms).</summary>
    public bool PressEnter { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        CheckIndex(Index, "index");
        if (Text is null)
        {
            Missing("'text' is required");
        }

        if (Text!.Length > 100_000)
        {
            Invalid($"'text' is too long ({Text.Length} characters, at most 100000)");
        }
    }
}

/// <summary>
/// <c>send_keys</c>: presses keys in order. <c>keys</c> is a key or chord such as <c>Enter</c>,
/// <c>Control+A</c>, <c>Shift+Tab</c>, or several separated by spaces (<c>"Control+A Backspace"</c>).
/// With <c>index</c> the element is focused first.
/// </summary>
public sealed record SendKeysCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.SendKeys;

    /// <summary>The key chords, in order.</summary>
    public required IReadOnlyList<string> Keys { get; init; }

    /// <summary>An element to focus first.</summary>
    public int? Index { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        CheckIndex(Index, "index");
        if (Keys is null || Keys.Count == 0)
        {
            Missing("'keys' is required, e.g. \"Enter\" or \"Control+A\"");
        }

        if (Keys!.Count > 200)
        {
            Invalid($"too many keys ({Keys.Count}, at most 200); use type for text");
        }

        foreach (var chord in Keys)
        {
            Input.KeyChord.Parse(chord);
        }
    }
}
