namespace Navigator.Actions.Correction;

/// <summary>
/// What self-correction did after an action failed: the failure, the steps tried (in order) and
/// which one worked, a short summary of the page, and suggestions with the indices of the
/// current page state (valid at once for a retry by the agent).
/// </summary>
public sealed record CorrectionReport
{
    /// <summary><c>suggest</c> or <c>auto</c>.</summary>
    public required string Policy { get; init; }

    /// <summary>The error code of the first failure.</summary>
    public required string FailedWith { get; init; }

    /// <summary>The message of the first failure.</summary>
    public required string FailureMessage { get; init; }

    /// <summary>The steps tried, in order.</summary>
    public IReadOnlyList<CorrectionAttempt> Tried { get; init; } = [];

    /// <summary>The step after which the action succeeded (null: none did, or the policy only suggests).</summary>
    public string? Succeeded { get; init; }

    /// <summary>The page in one line: title, URL, elements on screen, what covers it.</summary>
    public string? StateSummary { get; init; }

    /// <summary>What the agent (or the user) could do next, best first.</summary>
    public IReadOnlyList<CorrectionSuggestion> Suggestions { get; init; } = [];
}

/// <summary>One correction step: its name (<see cref="SelfCorrectionSteps"/>), whether it worked, and what happened.</summary>
public sealed record CorrectionAttempt(string Step, bool Succeeded, string Detail);

/// <summary>A way to go on: an action with its parameters (indices of the current state) and why.</summary>
public sealed record CorrectionSuggestion
{
    /// <summary>The action to run, e.g. <c>click</c>.</summary>
    public required string ActionType { get; init; }

    /// <summary>The element index of the current page state, when the target is indexed.</summary>
    public int? Index { get; init; }

    /// <summary>A viewport point (CSS pixels) when the target has no index.</summary>
    public ActionPoint? Point { get; init; }

    /// <summary>The element's role.</summary>
    public string? Role { get; init; }

    /// <summary>The element's name or the text seen there.</summary>
    public string? Name { get; init; }

    /// <summary>Why: e.g. <c>same button "Add to cart" under "Blue shirt"</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>0 to 1.</summary>
    public double Confidence { get; init; }
}
