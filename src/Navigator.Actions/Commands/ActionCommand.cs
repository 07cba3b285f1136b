namespace Navigator.Actions.Commands;

/// <summary>
/// One thing an agent asks the browser to do. Each action has its own sealed record; the
/// parameters of every action are described in docs/actions.md.
/// </summary>
public abstract record ActionCommand
{
    /// <summary>The snake_case action type (one of <see cref="ActionTypes"/>).</summary>
    public abstract string ActionType { get; }

    /// <summary>
    /// This call's self-correction policy (<c>params.self_correct</c>); null takes the dispatcher's
    /// <see cref="ActionDispatcherOptions.SelfCorrection"/>.
    /// </summary>
    public Correction.SelfCorrectionPolicy? SelfCorrect { get; init; }

    /// <summary>
    /// Checks the parameters (ranges, required combinations) and throws an
    /// <see cref="ActionException"/> with <see cref="ActionErrorCodes.MissingParameter"/> or
    /// <see cref="ActionErrorCodes.InvalidParameter"/> when they do not make sense.
    /// </summary>
    public virtual void Validate()
    {
    }

    /// <summary>Throws a missing-parameter error for this action.</summary>
    protected void Missing(string message) =>
        throw new ActionException(ActionErrorCodes.MissingParameter, $"{ActionType}: {message}");

    /// <summary>Throws an invalid-parameter error for this action.</summary>
    protected void Invalid(string message) =>
        throw new ActionException(ActionErrorCodes.InvalidParameter, $"{ActionType}: {message}");

    /// <summary>Checks an optional element index.</summary>
    protected void CheckIndex(int? index, string name)
    {
        if (index is < 0)
        {
            Invalid($"'{name}' must be 0 or more (got {index})");
        }
    }

    /// <summary>Checks an optional viewport point.</summary>
    protected void CheckPoint(ActionPoint? point, string name)
    {
        if (point is { } p && (!double.IsFinite(p.X) || !double.IsFinite(p.Y) || p.X < 0 || p.Y < 0))
        {
            Invalid($"'{name}' must be finite, non-negative viewport coordinates in CSS pixels (got {p.X}, {p.Y})");
        }
    }

    /// <summary>Checks that exactly one of an index or a point is given.</summary>
    protected void CheckTarget(int? index, ActionPoint? point, string indexName, string pointName)
    {
        if (index is null && point is null)
        {
            Missing($"give '{indexName}' (an element index) or '{pointName}' coordinates");
        }

        if (index is not null && point is not null)
        {
            Invalid($"give either '{indexName}' or '{pointName}' coordinates, not both");
        }

        CheckIndex(index, indexName);
        CheckPoint(point, pointName);
    }
}
