namespace Navigator.Actions.Commands;

/// <summary><c>switch_tab</c>: makes the tab at <c>tab_index</c> (or with <c>target_id</c>) the active one.</summary>
public sealed record SwitchTabCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.SwitchTab;

    /// <summary>The tab's position in the tab list (0 is the first).</summary>
    public int? TabIndex { get; init; }

    /// <summary>The tab's CDP target id.</summary>
    public string? TargetId { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        if (TabIndex is null && TargetId is null)
        {
            Missing("give 'tab_index' or 'target_id'");
        }

        if (TabIndex is not null && TargetId is not null)
        {
            Invalid("give either 'tab_index' or 'target_id', not both");
        }

        CheckIndex(TabIndex, "tab_index");
    }
}

/// <summary><c>open_tab</c>: opens a new tab (at <c>url</c>, default about:blank) and makes it active.</summary>
public sealed record OpenTabCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.OpenTab;

    /// <summary>The URL to load in the new tab.</summary>
    public string? Url { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        if (Url is not null && UrlNormalizer.Normalize(Url) is null)
        {
            Invalid($"'{Url}' is not a valid URL");
        }
    }
}

/// <summary>
/// <c>close_tab</c>: closes the tab at <c>tab_index</c> / with <c>target_id</c>, or the active tab
/// when neither is given. The last open tab cannot be closed.
/// </summary>
public sealed record CloseTabCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.CloseTab;

    /// <summary>The tab's position in the tab list.</summary>
    public int? TabIndex { get; init; }

    /// <summary>The tab's CDP target id.</summary>
    public string? TargetId { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        if (TabIndex is not null && TargetId is not null)
        {
            Invalid("give either 'tab_index' or 'target_id', not both");
        }

        CheckIndex(TabIndex, "tab_index");
    }
}
