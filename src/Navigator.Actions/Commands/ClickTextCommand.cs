namespace Navigator.Actions.Commands;

/// <summary>
/// <c>click_text</c>: clicks what shows <c>text</c>: an indexed element with that name, else text
/// in the page's DOM, else text recognized on a screenshot (canvas, image). <c>exact</c> asks for
/// the whole text, case-sensitively; by default a case-insensitive part of it is enough.
/// </summary>
public sealed record ClickTextCommand : ActionCommand
{
    /// <summary>Longest text accepted.</summary>
    public const int MaxTextLength = 500;

    /// <inheritdoc />
    public override string ActionType => ActionTypes.ClickText;

    /// <summary>The text to find.</summary>
    public required string Text { get; init; }

    /// <summary>Whole text, case-sensitive (whitespace is still collapsed).</summary>
    public bool Exact { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            Missing("'text' must not be empty");
        }

        if (Text.Length > MaxTextLength)
        {
            Invalid($"'text' is {Text.Length} characters; at most {MaxTextLength} are allowed");
        }
    }
}
