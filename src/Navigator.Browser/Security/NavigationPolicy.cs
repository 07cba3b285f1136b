namespace Navigator.Browser.Security;

/// <summary>
/// Where a session may go: host allow/block lists and scheme rules. Immutable settings; the
/// session compiles and validates them when it is created (<see cref="Compile"/>), so a bad
/// pattern fails session start with <see cref="InvalidDomainPatternException"/>.
/// </summary>
/// <remarks>
/// Order of decisions: scheme rules, then <see cref="BlockedDomains"/> (a match always blocks),
/// then <see cref="AllowedDomains"/> (when set, anything not matched is blocked). See
/// <see cref="DomainPattern"/> for the pattern syntax.
/// </remarks>
public sealed record NavigationPolicy
{
    /// <summary>No host rules: any http(s) host, dangerous schemes still refused.</summary>
    public static NavigationPolicy Unrestricted { get; } = new();

    /// <summary>
    /// Hosts the session may reach. Null means no allowlist (every host not blocked); an empty
    /// list allows no host at all.
    /// </summary>
    public IReadOnlyList<string>? AllowedDomains { get; init; }

    /// <summary>Hosts the session may never reach, even when they also match an allowed pattern.</summary>
    public IReadOnlyList<string> BlockedDomains { get; init; } = [];

    /// <summary>
    /// Also check subresources (scripts, images, XHR/fetch, WebSocket handshakes, workers) against the
    /// host rules, not only documents (main frame, iframes, popups, form posts). On by default: a
    /// page must not exfiltrate to, or load code from, a host the user did not allow.
    /// </summary>
    public bool CheckSubresources { get; init; } = true;

    /// <summary>Allow navigating to <c>data:</c> URLs (off by default; <c>data:</c> subresources are always allowed).</summary>
    public bool AllowDataUrls { get; init; }

    /// <summary>Allow navigating to <c>about:blank</c> (and <c>about:srcdoc</c> frames). On by default.</summary>
    public bool AllowAboutBlank { get; init; } = true;

    /// <summary>Convenience constructor for an allowlist.</summary>
    public static NavigationPolicy Allow(params string[] allowedDomains) => new() { AllowedDomains = allowedDomains };

    /// <summary>Validates every pattern and returns the matcher; throws <see cref="InvalidDomainPatternException"/> naming the first bad one.</summary>
    public CompiledNavigationPolicy Compile() => new(this);
}
