namespace Navigator.Actions.Correction;

/// <summary>Collects what one correction tries and suggests, and builds its <see cref="CorrectionReport"/>.</summary>
internal sealed class CorrectionLog(SelfCorrectionPolicy policy, string failedWith, string failureMessage)
{
    /// <summary>Most suggestions reported (events go to voice agents: short).</summary>
    public const int MaxSuggestions = 5;

    /// <summary>Most retries of the action one correction makes (bounded: a repair that does not take is not repeated).</summary>
    public const int MaxRetries = 2;

    private readonly List<CorrectionAttempt> _tried = [];
    private int _retries;
    private readonly List<CorrectionSuggestion> _suggestions = [];

    public SelfCorrectionPolicy Policy => policy;

    public bool Acts => policy == SelfCorrectionPolicy.Auto;

    public string FailedWith => failedWith;

    public string? Succeeded { get; private set; }

    /// <summary>How many suggestions were made so far.</summary>
    public int Suggestions => _suggestions.Count;

    public string? StateSummary { get; set; }

    /// <summary>True once a retry ran (the page may have changed).</summary>
    public bool Acted => _retries > 0;

    /// <summary>True while a retry is left; counts it.</summary>
    public bool TakeRetry() => ++_retries <= MaxRetries;

    public void Tried(string step, bool succeeded, string detail)
    {
        _tried.Add(new CorrectionAttempt(step, succeeded, detail));
        if (succeeded)
        {
            Succeeded ??= step;
        }
    }

    public void Suggest(CorrectionSuggestion suggestion)
    {
        if (_suggestions.Count < MaxSuggestions && !_suggestions.Any(s => s.Index is not null && s.Index == suggestion.Index && s.ActionType == suggestion.ActionType))
        {
            _suggestions.Add(suggestion);
        }
    }

    public CorrectionReport Build() => new()
    {
        Policy = SelfCorrectionPolicies.Name(policy),
        FailedWith = failedWith,
        FailureMessage = failureMessage,
        Tried = [.. _tried],
        Succeeded = Succeeded,
        StateSummary = StateSummary,
        Suggestions = [.. _suggestions],
    };
}
