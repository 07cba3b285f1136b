namespace Navigator.Browser.Security;

/// <summary>
/// A main-frame navigation was refused by the session's <see cref="NavigationPolicy"/>, either
/// before it was sent or at the network layer (e.g. a redirect to a blocked host). The page stays
/// on its last allowed URL. <see cref="NavigationException.Reason"/> starts with
/// <c>net::ERR_BLOCKED_BY_CLIENT</c> so callers that only look at the reason still see a block.
/// </summary>
public sealed class NavigationBlockedException(string url, string blockedUrl, PolicyDecision decision)
    : NavigationException(url, $"{BlockedByClient}: {decision.Describe()}")
{
    /// <summary>The network error Chromium reports for requests refused by an interceptor.</summary>
    public const string BlockedByClient = "net::ERR_BLOCKED_BY_CLIENT";

    /// <summary>The URL that was refused; differs from <see cref="NavigationException.Url"/> after redirects.</summary>
    public string BlockedUrl { get; } = blockedUrl;

    /// <summary>The refused host (normalised; empty for scheme refusals).</summary>
    public string BlockedHost { get; } = decision.Host;

    /// <summary>The pattern or rule that refused it.</summary>
    public string Rule { get; } = decision.Rule;

    /// <summary>Why it was refused.</summary>
    public BlockReason BlockReason { get; } = decision.Reason;
}
