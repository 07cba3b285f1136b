namespace Navigator.Browser.Security;

/// <summary>Why a URL was refused.</summary>
public enum BlockReason
{
    /// <summary>Not refused.</summary>
    None,

    /// <summary>The scheme is never navigable (file:, chrome:, javascript:, view-source: ...) or disabled by option (data:, about:blank).</summary>
    Scheme,

    /// <summary>The host matched a blocked pattern.</summary>
    BlockedDomain,

    /// <summary>An allowlist is set and no pattern matched the host.</summary>
    NotAllowed,

    /// <summary>The URL could not be parsed or has no usable host.</summary>
    InvalidUrl,
}

/// <summary>The outcome of checking one URL against a <see cref="CompiledNavigationPolicy"/>.</summary>
/// <param name="IsAllowed">True when the request may proceed.</param>
/// <param name="Host">The normalised host checked (empty for host-less URLs).</param>
/// <param name="Rule">The pattern or rule that decided, as the user wrote it or as a short description.</param>
/// <param name="Reason">Why it was refused (<see cref="BlockReason.None"/> when allowed).</param>
public readonly record struct PolicyDecision(bool IsAllowed, string Host, string Rule, BlockReason Reason)
{
    /// <summary>A sentence for the user, e.g. "evil.test is not in the allowed domains".</summary>
    public string Describe() => Reason switch
    {
        BlockReason.None => $"{Host} is allowed by {Rule}",
        BlockReason.Scheme => $"{Rule} URLs are not allowed",
        BlockReason.BlockedDomain => $"{Host} is blocked by the rule '{Rule}'",
        BlockReason.NotAllowed => $"{Host} is not in the allowed domains",
        _ => $"the URL is not valid ({Rule})",
    };
}
