namespace Navigator.Browser.Security;

/// <summary>
/// A validated <see cref="NavigationPolicy"/> that decides single URLs. Thread-safe and
/// allocation-light: it runs for every intercepted request on the CDP read loop.
/// </summary>
public sealed class CompiledNavigationPolicy
{
    private const string NotAllowedRule = "not in allowed_domains";
    private readonly DomainPattern[]? _allowed;
    private readonly DomainPattern[] _blocked;

    internal CompiledNavigationPolicy(NavigationPolicy settings)
    {
        Settings = settings;
        _allowed = settings.AllowedDomains is null ? null : ParseAll(settings.AllowedDomains, nameof(NavigationPolicy.AllowedDomains));
        _blocked = ParseAll(settings.BlockedDomains ?? [], nameof(NavigationPolicy.BlockedDomains));
    }

    /// <summary>The settings this was compiled from.</summary>
    public NavigationPolicy Settings { get; }

    /// <summary>Parsed allow patterns; null when there is no allowlist.</summary>
    public IReadOnlyList<DomainPattern>? AllowedPatterns => _allowed;

    /// <summary>Parsed block patterns.</summary>
    public IReadOnlyList<DomainPattern> BlockedPatterns => _blocked;

    /// <summary>True when some host rule exists, so requests need checking at the network layer.</summary>
    public bool HasHostRules => _allowed is not null || _blocked.Length > 0;

    /// <summary>
    /// Decides one URL. <paramref name="isNavigation"/> is true for documents (main frame,
    /// iframes, popups): scheme rules apply to them; subresources may use <c>data:</c> and <c>blob:</c>.
    /// </summary>
    public PolicyDecision Evaluate(string url, bool isNavigation = true)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return new PolicyDecision(false, string.Empty, "unparsable URL", BlockReason.InvalidUrl);
        }

        return Evaluate(uri, isNavigation);
    }

    /// <summary>Decides one parsed URL (see <see cref="Evaluate(string, bool)"/>).</summary>
    public PolicyDecision Evaluate(Uri uri, bool isNavigation = true)
    {
        var scheme = uri.Scheme; // Uri lower-cases schemes.
        switch (scheme)
        {
            case "http" or "https" or "ws" or "wss":
                return EvaluateHost(uri, scheme);
            case "about":
                var isBlank = uri.AbsolutePath is "blank" or "srcdoc";
                return isBlank && Settings.AllowAboutBlank
                    ? new PolicyDecision(true, string.Empty, "about:blank", BlockReason.None)
                    : new PolicyDecision(false, string.Empty, isBlank ? "about:blank" : "about:", BlockReason.Scheme);
            case "data":
                return Settings.AllowDataUrls || !isNavigation
                    ? new PolicyDecision(true, string.Empty, "data:", BlockReason.None)
                    : new PolicyDecision(false, string.Empty, "data:", BlockReason.Scheme);
            case "blob":
                // blob:https://host/uuid belongs to the origin that made it; judge that origin.
                var inner = uri.OriginalString.AsSpan(5).ToString();
                return Uri.TryCreate(inner, UriKind.Absolute, out var origin) && origin.Scheme is "http" or "https"
                    ? EvaluateHost(origin, origin.Scheme)
                    : new PolicyDecision(false, string.Empty, "blob:", BlockReason.Scheme);
            default:
                // file:, chrome:, chrome-extension:, devtools:, view-source:, javascript:, filesystem:,
                // and every scheme we do not know: refused.
                return new PolicyDecision(false, string.Empty, scheme + ":", BlockReason.Scheme);
        }
    }

    /// <summary>
    /// Decides a raw TCP connection to <paramref name="host"/>:<paramref name="port"/> whose scheme
    /// is unknown (the egress proxy sees only host and port). It is allowed when the policy would
    /// allow that host and port under at least one web scheme: a URL of that scheme to that
    /// port could have made the same connection. ws/wss follow http/https, so those two suffice.
    /// </summary>
    /// <param name="host">A host name or IP literal (IPv6 with or without brackets); normalised here.</param>
    /// <param name="port">The destination port.</param>
    public PolicyDecision EvaluateEndpoint(string host, int port)
    {
        if (!TryNormalizeEndpointHost(host, out var normalized))
        {
            return new PolicyDecision(false, host, "no valid host", BlockReason.InvalidUrl);
        }

        var plain = EvaluateNormalizedHost("http", normalized, port);
        if (plain.IsAllowed)
        {
            return plain;
        }

        var secure = EvaluateNormalizedHost("https", normalized, port);
        if (secure.IsAllowed)
        {
            return secure;
        }

        // Name the more specific rule: an explicit block beats "not in the allowlist".
        return secure.Reason == BlockReason.BlockedDomain && plain.Reason != BlockReason.BlockedDomain ? secure : plain;
    }

    /// <summary>
    /// Re-checks an address that an allowed <paramref name="host"/> resolved to against the
    /// blocked IP literals: the connection stays allowed only if, for some scheme, the name is
    /// allowed and the address is not blocked. So <c>BlockedDomains = ["169.254.169.254"]</c>
    /// also holds for an allowed name that points there. Allow patterns are not applied to the
    /// address: an allowlist of names need not list their addresses.
    /// </summary>
    /// <param name="host">The name as given to <see cref="EvaluateEndpoint"/>.</param>
    /// <param name="address">One address it resolved to.</param>
    /// <param name="port">The destination port.</param>
    public PolicyDecision EvaluateResolvedAddress(string host, System.Net.IPAddress address, int port)
    {
        if (!TryNormalizeEndpointHost(host, out var name))
        {
            return new PolicyDecision(false, host, "no valid host", BlockReason.InvalidUrl);
        }

        var ip = HostName.FromAddress(address);
        PolicyDecision? refusal = null;
        foreach (var scheme in (ReadOnlySpan<string>)["http", "https"])
        {
            var byName = EvaluateNormalizedHost(scheme, name, port);
            if (!byName.IsAllowed)
            {
                refusal ??= byName;
                continue;
            }

            var blocked = FindBlocked(scheme, ip, port);
            if (blocked is null)
            {
                return byName;
            }

            refusal = new PolicyDecision(false, name, blocked.Text, BlockReason.BlockedDomain);
        }

        return refusal!.Value;
    }

    // A SOCKS client may send an IPv6 literal as a name without brackets.
    private static bool TryNormalizeEndpointHost(string host, out string normalized) =>
        HostName.TryNormalize(host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? "[" + host + "]" : host, out normalized, out _);

    private PolicyDecision EvaluateHost(Uri uri, string scheme)
    {
        if (!HostName.TryNormalize(uri, out var host, out _))
        {
            return new PolicyDecision(false, uri.Host, "no valid host", BlockReason.InvalidUrl);
        }

        return EvaluateNormalizedHost(scheme, host, uri.Port);
    }

    private DomainPattern? FindBlocked(string scheme, string host, int port)
    {
        foreach (var pattern in _blocked)
        {
            if (pattern.Matches(scheme, host, port))
            {
                return pattern;
            }
        }

        return null;
    }

    private PolicyDecision EvaluateNormalizedHost(string scheme, string host, int port)
    {
        if (FindBlocked(scheme, host, port) is { } blocked)
        {
            return new PolicyDecision(false, host, blocked.Text, BlockReason.BlockedDomain);
        }

        if (_allowed is null)
        {
            return new PolicyDecision(true, host, "no allowlist", BlockReason.None);
        }

        foreach (var pattern in _allowed)
        {
            if (pattern.Matches(scheme, host, port))
            {
                return new PolicyDecision(true, host, pattern.Text, BlockReason.None);
            }
        }

        return new PolicyDecision(false, host, NotAllowedRule, BlockReason.NotAllowed);
    }

    private static DomainPattern[] ParseAll(IReadOnlyList<string> patterns, string setting)
    {
        var parsed = new DomainPattern[patterns.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            parsed[i] = DomainPattern.Parse(patterns[i], setting, i);
        }

        return parsed;
    }
}
