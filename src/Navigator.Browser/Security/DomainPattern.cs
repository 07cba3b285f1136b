using System.Globalization;

namespace Navigator.Browser.Security;

/// <summary>
/// One host rule of a <see cref="NavigationPolicy"/>, parsed and normalised.
/// <list type="bullet">
/// <item><c>example.com</c>: exactly that host, any web scheme (http, https, ws, wss), any port.</item>
/// <item><c>*.example.com</c>: <c>example.com</c> itself and every subdomain at any depth
/// (so a blocklist entry cannot be dodged by the bare domain). It never matches
/// <c>notexample.com</c> or <c>example.com.evil.test</c>.</item>
/// <item><c>https://example.com</c>: only https (and wss); <c>http://</c> means http and ws;
/// <c>http*://</c> means all four.</item>
/// <item><c>example.com:8443</c>, <c>https://example.com:443</c>: only that port (a URL without a
/// port uses its scheme's default).</item>
/// <item><c>127.0.0.1</c>, <c>[::1]</c>: IP literals, matched exactly (no wildcards).</item>
/// </list>
/// Hosts are compared after normalisation (<see cref="HostName"/>): case, punycode, trailing dot.
/// </summary>
public sealed record DomainPattern
{
    private DomainPattern(string text, SchemeSet schemes, string host, HostKind kind, bool includesSubdomains, int? port)
    {
        Text = text;
        Schemes = schemes;
        Host = host;
        Kind = kind;
        IncludesSubdomains = includesSubdomains;
        Port = port;
    }

    /// <summary>The pattern as configured (trimmed); this is the "rule" named in block events.</summary>
    public string Text { get; }

    /// <summary>Which schemes the pattern admits.</summary>
    public SchemeSet Schemes { get; }

    /// <summary>The normalised host (without the <c>*.</c> prefix).</summary>
    public string Host { get; }

    /// <summary>Whether <see cref="Host"/> is a name or an IP literal.</summary>
    public HostKind Kind { get; }

    /// <summary>True for <c>*.</c> patterns: the host and all its subdomains.</summary>
    public bool IncludesSubdomains { get; }

    /// <summary>The only port matched, or null for any port.</summary>
    public int? Port { get; }

    /// <summary>Parses a pattern or throws <see cref="InvalidDomainPatternException"/> saying what is wrong.</summary>
    public static DomainPattern Parse(string pattern, string setting = "pattern", int index = 0) =>
        TryParse(pattern, out var parsed, out var problem)
            ? parsed
            : throw new InvalidDomainPatternException(pattern, setting, index, problem);

    /// <summary>Parses a pattern; on failure <paramref name="problem"/> explains why.</summary>
    public static bool TryParse(string? pattern, out DomainPattern parsed, out string problem)
    {
        parsed = null!;
        problem = string.Empty;
        var text = pattern?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            problem = "the pattern is empty";
            return false;
        }

        if (text.Trim('*', '.', '/', ':').Length == 0 || text.EndsWith("://*", StringComparison.Ordinal))
        {
            problem = "a bare wildcard would match every host; list the domains to allow";
            return false;
        }

        var rest = text;
        var schemes = SchemeSet.AnyWeb;
        var schemeEnd = rest.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            var scheme = rest[..schemeEnd].ToLowerInvariant();
            SchemeSet? known = scheme switch
            {
                "http" or "ws" => SchemeSet.Plain,
                "https" or "wss" => SchemeSet.Secure,
                "http*" or "ws*" => SchemeSet.AnyWeb,
                _ => null,
            };
            if (known is null)
            {
                problem = $"the scheme '{scheme}' is not supported (use http, https, http*, ws or wss)";
                return false;
            }

            schemes = known.Value;
            rest = rest[(schemeEnd + 3)..];
        }
        else if (!rest.StartsWith('[') && rest.Count(c => c == ':') > 1)
        {
            problem = "write IPv6 addresses in brackets, as in [::1]";
            return false;
        }
        else if (rest.Contains("//", StringComparison.Ordinal) || rest.StartsWith("*:", StringComparison.Ordinal) || HasNonPortColon(rest))
        {
            problem = $"'{text}' is neither host:port nor scheme://host (write e.g. https://example.com:8443)";
            return false;
        }

        if (rest.EndsWith('/'))
        {
            rest = rest[..^1];
        }

        if (rest.IndexOfAny(['/', '?', '#', '\\']) >= 0)
        {
            problem = "patterns match hosts, not paths, queries or fragments";
            return false;
        }

        if (rest.Contains('@', StringComparison.Ordinal))
        {
            problem = "user info (user@host) is not allowed in a pattern";
            return false;
        }

        var includesSubdomains = false;
        if (rest.StartsWith("*.", StringComparison.Ordinal))
        {
            includesSubdomains = true;
            rest = rest[2..];
        }

        if (rest.Contains('*', StringComparison.Ordinal))
        {
            problem = "'*' is only allowed as the whole first label, as in *.example.com";
            return false;
        }

        if (!TrySplitPort(rest, out var hostText, out var port, out problem))
        {
            return false;
        }

        if (!HostName.TryNormalize(hostText, out var host, out var kind))
        {
            problem = $"'{hostText}' is not a valid host name or IP address";
            return false;
        }

        if (includesSubdomains)
        {
            if (kind != HostKind.DnsName)
            {
                problem = "wildcards cannot be combined with IP addresses";
                return false;
            }

            if (!host.Contains('.', StringComparison.Ordinal))
            {
                problem = $"'*.{host}' would cover a whole top-level domain; name a registrable domain such as *.example.{host}";
                return false;
            }
        }

        parsed = new DomainPattern(text, schemes, host, kind, includesSubdomains, port);
        return true;
    }

    /// <summary>True when a URL with this scheme, normalised host and effective port falls under the pattern.</summary>
    public bool Matches(string scheme, string host, int port)
    {
        if (!Schemes.Admits(scheme) || (Port is { } only && only != port))
        {
            return false;
        }

        if (host.Length == Host.Length)
        {
            return string.Equals(host, Host, StringComparison.Ordinal);
        }

        return IncludesSubdomains
            && host.Length > Host.Length + 1
            && host[host.Length - Host.Length - 1] == '.'
            && host.EndsWith(Host, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    // "host:port" has exactly one colon outside brackets; anything else with a colon and no
    // "://" is a scheme-like prefix such as "file:foo" or "javascript:alert(1)".
    private static bool HasNonPortColon(string text)
    {
        if (text.StartsWith('['))
        {
            return false;
        }

        var first = text.IndexOf(':', StringComparison.Ordinal);
        if (first < 0)
        {
            return false;
        }

        var tail = text[(first + 1)..].TrimEnd('/');
        return tail.Length == 0 || !tail.All(char.IsAsciiDigit);
    }

    private static bool TrySplitPort(string text, out string host, out int? port, out string problem)
    {
        host = text;
        port = null;
        problem = string.Empty;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                problem = "an IPv6 address needs a closing ']'";
                return false;
            }

            host = text[..(close + 1)];
            var after = text[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    problem = $"unexpected text '{after}' after the IPv6 address";
                    return false;
                }

                portText = after[1..];
            }
        }
        else
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                if (text.IndexOf(':', colon + 1) >= 0)
                {
                    problem = "write IPv6 addresses in brackets, as in [::1]";
                    return false;
                }

                host = text[..colon];
                portText = text[(colon + 1)..];
            }
        }

        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 65535)
            {
                problem = $"'{portText}' is not a port number (1-65535)";
                return false;
            }

            port = value;
        }

        return true;
    }
}

/// <summary>The schemes a <see cref="DomainPattern"/> admits; ws/wss follow http/https.</summary>
[Flags]
public enum SchemeSet
{
    /// <summary>No scheme (never produced by parsing).</summary>
    None = 0,

    /// <summary>http and ws.</summary>
    Plain = 1,

    /// <summary>https and wss.</summary>
    Secure = 2,

    /// <summary>http, https, ws and wss.</summary>
    AnyWeb = Plain | Secure,
}

/// <summary>Scheme tests for <see cref="SchemeSet"/>.</summary>
public static class SchemeSetExtensions
{
    /// <summary>True when <paramref name="scheme"/> (lower case) is in the set.</summary>
    public static bool Admits(this SchemeSet set, string scheme) => scheme switch
    {
        "http" or "ws" => (set & SchemeSet.Plain) != 0,
        "https" or "wss" => (set & SchemeSet.Secure) != 0,
        _ => false,
    };
}
