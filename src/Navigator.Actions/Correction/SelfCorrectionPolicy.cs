namespace Navigator.Actions.Correction;

/// <summary>What the dispatcher does when an action fails in a way it can often repair (see <see cref="SelfCorrectionSteps"/>).</summary>
public enum SelfCorrectionPolicy
{
    /// <summary>Report the failure as it is.</summary>
    Off,

    /// <summary>Read the page again and report candidates (indices, an overlay's close button) without acting.</summary>
    Suggest,

    /// <summary>Repair and retry once (bounded), then report what was tried and what worked.</summary>
    Auto,
}

/// <summary>The wire names of <see cref="SelfCorrectionPolicy"/>: <c>off</c>, <c>suggest</c>, <c>auto</c>.</summary>
public static class SelfCorrectionPolicies
{
    /// <summary>All names, for messages.</summary>
    public const string Names = "off, suggest, auto";

    /// <summary>The policy named <paramref name="name"/> (case-insensitive); null when it is not one.</summary>
    public static SelfCorrectionPolicy? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "off" => SelfCorrectionPolicy.Off,
        "suggest" => SelfCorrectionPolicy.Suggest,
        "auto" => SelfCorrectionPolicy.Auto,
        _ => null,
    };

    /// <summary>The wire name.</summary>
    public static string Name(SelfCorrectionPolicy policy) => policy switch
    {
        SelfCorrectionPolicy.Suggest => "suggest",
        SelfCorrectionPolicy.Auto => "auto",
        _ => "off",
    };
}

/// <summary>Names of the correction steps, as reports list them.</summary>
public static class SelfCorrectionSteps
{
    /// <summary>Read the page again and find the element by role, name and neighbourhood; retry on it.</summary>
    public const string Identity = "retry_by_identity";

    /// <summary>Click an overlay's close (or consent) button, or press Escape, then retry.</summary>
    public const string DismissOverlay = "dismiss_overlay";

    /// <summary>Wait until the page stops changing, then retry.</summary>
    public const string WaitForSettle = "wait_for_settle";

    /// <summary>Ask the screen analyzer (OCR or a vision model) where the element is.</summary>
    public const string Analyzer = "ask_analyzer";

    /// <summary>Check whether a timed-out navigation has reached its page anyway, else navigate once more.</summary>
    public const string Navigation = "retry_navigation";
}
