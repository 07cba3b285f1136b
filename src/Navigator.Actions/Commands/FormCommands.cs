namespace Navigator.Actions.Commands;

/// <summary>
/// <c>select_option</c>: chooses an option of the select element at <c>index</c> by its visible
/// <c>label</c> or its <c>value</c> (give one).
/// </summary>
public sealed record SelectOptionCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.SelectOption;

    /// <summary>The select element's index.</summary>
    public required int Index { get; init; }

    /// <summary>The option's visible text (trimmed, case-insensitive when no exact match).</summary>
    public string? Label { get; init; }

    /// <summary>The option's value attribute.</summary>
    public string? Value { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        CheckIndex(Index, "index");
        if (Label is null && Value is null)
        {
            Missing("give the option's 'label' or 'value'");
        }

        if (Label is not null && Value is not null)
        {
            Invalid("give either 'label' or 'value', not both");
        }
    }
}

/// <summary>
/// <c>upload_file</c>: gives the files at <c>paths</c> (absolute paths on the browser host; they
/// must exist) to the file input at <c>index</c>, or to the file chooser that clicking the
/// element at <c>index</c> opens.
/// </summary>
public sealed record UploadFileCommand : ActionCommand
{
    /// <inheritdoc />
    public override string ActionType => ActionTypes.UploadFile;

    /// <summary>The file input's (or its button's) index.</summary>
    public required int Index { get; init; }

    /// <summary>Files to select.</summary>
    public required IReadOnlyList<string> Paths { get; init; }

    /// <inheritdoc />
    public override void Validate()
    {
        CheckIndex(Index, "index");
        if (Paths is null || Paths.Count == 0)
        {
            Missing("'paths' must list at least one file");
        }

        foreach (var path in Paths!)
        {
            if (string.IsNullOrWhiteSpace(path) || !Path.IsPathFullyQualified(path))
            {
                Invalid($"'{path}' is not an absolute file path");
            }

            if (!File.Exists(path))
            {
                Invalid($"the file '{path}' does not exist");
            }
        }
    }
}
