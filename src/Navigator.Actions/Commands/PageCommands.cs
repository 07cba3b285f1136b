namespace Navigator.Actions.Commands;

/// <summary>
/// <c>handle_dialog</c>: accepts (<c>accept: true</c>, the default) or dismisses the open
/// alert/confirm/prompt/beforeunload dialog of the active tab; <c>prompt_text</c> answers a prompt.
/// </summary>
public sealed record HandleDialogCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.HandleDialog;

    /// <summary>Accept (OK) or dismiss (Cancel).</summary>
    public bool Accept { get; init; } = true;

    /// <summary>The answer to a prompt dialog.</summary>
    public string? PromptText { get; init; }
}

/// <summary>Content formats of <c>extract</c>.</summary>
public static class ExtractFormats
{
    /// <summary>Markdown with headings, lists, links and tables.</summary>
    public const string Markdown = "markdown";

    /// <summary>Plain text.</summary>
    public const string Text = "text";
}

/// <summary><c>extract</c>: returns the page's main content as <c>markdown</c> (default) or plain <c>text</c>.</summary>
public sealed record ExtractCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.Extract;

    /// <summary>One of <see cref="ExtractFormats"/>.</summary>
    public string Format { get; init; } = ExtractFormats.Markdown;

    /// <inheritdoc />
    public override void Validate()
    {
        if (Format is not (ExtractFormats.Markdown or ExtractFormats.Text))
        {
            Invalid($"'format' must be markdown or text (got '{Format}')");
        }
    }
}

/// <summary>Image formats of <c>screenshot</c>.</summary>
public static class ScreenshotFormats
{
    /// <summary>Lossless PNG.</summary>
    public const string Png = "png";

    /// <summary>JPEG with a <c>quality</c>.</summary>
    public const string Jpeg = "jpeg";
}

/// <summary>
/// <c>screenshot</c>: captures the viewport (or the whole page with <c>full_page: true</c>) as
/// <c>png</c> (default) or <c>jpeg</c> with <c>quality</c> 0-100 (default 80); <c>marks: true</c> draws a numbered box over each indexed element in view.
/// </summary>
public sealed record ScreenshotCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.Screenshot;

    /// <summary>Capture the whole scrollable page rather than the viewport.</summary>
    public bool FullPage { get; init; }

    /// <summary>One of <see cref="ScreenshotFormats"/>.</summary>
    public string Format { get; init; } = ScreenshotFormats.Png;

    /// <summary>JPEG quality 0-100.</summary>
    public int? Quality { get; init; }

    /// <summary>Set-of-marks: a numbered box over each indexed element in view (viewport only).</summary>
    public bool Marks { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        if (Format is not (ScreenshotFormats.Png or ScreenshotFormats.Jpeg))
        {
            Invalid($"'format' must be png or jpeg (got '{Format}')");
        }

        if (Quality is < 0 or > 100)
        {
            Invalid($"'quality' must be between 0 and 100 (got {Quality})");
        }

        if (Quality is not null && Format != ScreenshotFormats.Jpeg)
        {
            Invalid("'quality' applies to jpeg only");
        }

        if (Marks && FullPage)
        {
            Invalid("'marks' numbers the elements in view; take it without 'full_page'");
        }
    }
}

/// <summary>
/// <c>evaluate</c>: runs a JavaScript <c>expression</c> in the page's main world (a function
/// source is called with no arguments; a promise is awaited) and returns its JSON value.
/// </summary>
public sealed record EvaluateCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.Evaluate;

    /// <summary>The expression or function source.</summary>
    public required string Expression { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        if (string.IsNullOrWhiteSpace(Expression))
        {
            Invalid("'expression' must not be empty");
        }
    }
}
