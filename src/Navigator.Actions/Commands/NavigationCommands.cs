namespace Navigator.Actions.Commands;

/// <summary>
/// <c>navigate</c>: loads <c>url</c> in the active tab (or a new tab with <c>new_tab: true</c>) and
/// waits for it to load. A URL without a scheme gets <c>https://</c>.
/// </summary>
public sealed record NavigateCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.Navigate;

    /// <summary>The URL to load.</summary>
    public required string Url { get; init; }

    /// <summary>Open the URL in a new tab instead of the active one.</summary>
    public bool NewTab { get; init; }

    /// <summary>How long the load may take; null uses the session's navigation timeout.</summary>
    public int? TimeoutMs { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        if (string.IsNullOrWhiteSpace(Url))
        {
            Missing("'url' is required");
        }

        if (UrlNormalizer.Normalize(Url) is null)
        {
            Invalid($"'{Url}' is not a valid URL (expected e.g. https://example.com/page)");
        }

        if (TimeoutMs is < 1 or > 300_000)
        {
            Invalid($"'timeout_ms' must be between 1 and 300000 (got {TimeoutMs})");
        }
    }
}

/// <summary><c>go_back</c>: goes one entry back in the active tab's history.</summary>
public sealed record GoBackCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.GoBack;
}

/// <summary><c>go_forward</c>: goes one entry forward in the active tab's history.</summary>
public sealed record GoForwardCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.GoForward;
}

/// <summary><c>refresh</c>: reloads the active tab and waits for it to load.</summary>
public sealed record RefreshCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.Refresh;
}

/// <summary>
/// <c>wait</c>: exactly one of <c>seconds</c> (a pause), <c>text</c> (until the page shows it),
/// <c>selector</c> (until a visible element matches the CSS selector) or <c>navigation: true</c>
/// (until the active tab navigates and loads), bounded by <c>timeout_ms</c> (default 10000).
/// </summary>
public sealed record WaitCommand : ActionCommand
{
    /// <summary>Longest pause and longest timeout, in milliseconds.</summary>
    public const int MaxMilliseconds = 60_000;

    /// <inheritdoc />
    public override string ActionType => ActionTypes.Wait;

    /// <summary>A plain pause.</summary>
    public double? Seconds { get; init; }

    /// <summary>Text to wait for (case-sensitive substring of the visible text).</summary>
    public string? Text { get; init; }

    /// <summary>A CSS selector to wait for (visible match).</summary>
    public string? Selector { get; init; }

    /// <summary>Wait for the next navigation of the active tab.</summary>
    public bool Navigation { get; init; }

    /// <summary>How long a condition may take.</summary>
    public int TimeoutMs { get; init; } = 10_000;

    /// <inheritdoc />
    public override void Validate()
    {
        var given = (Seconds is null ? 0 : 1) + (Text is null ? 0 : 1) + (Selector is null ? 0 : 1) + (Navigation ? 1 : 0);
        if (given == 0)
        {
            Missing("give one of 'seconds', 'text', 'selector' or 'navigation': true");
        }

        if (given > 1)
        {
            Invalid("give only one of 'seconds', 'text', 'selector' or 'navigation'");
        }

        if (Seconds is { } seconds && (!double.IsFinite(seconds) || seconds < 0 || seconds * 1000 > MaxMilliseconds))
        {
            Invalid($"'seconds' must be between 0 and {MaxMilliseconds / 1000} (got {seconds})");
        }

        if (Text is { Length: 0 } || Selector is { Length: 0 })
        {
            Invalid("'text' and 'selector' must not be empty");
        }

        if (TimeoutMs is < 1 or > MaxMilliseconds)
        {
            Invalid($"'timeout_ms' must be between 1 and {MaxMilliseconds} (got {TimeoutMs})");
        }
    }
}
