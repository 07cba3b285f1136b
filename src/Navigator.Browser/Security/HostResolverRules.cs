using System.Globalization;
using System.Net;

namespace Navigator.Browser.Security;

/// <summary>
/// The subset of Chromium's <c>--host-resolver-rules</c> that maps names to other hosts:
/// <c>MAP pattern replacement</c> (replacement is <c>host</c>, <c>host:port</c>, an IP literal or
/// <c>~NOTFOUND</c>) and <c>EXCLUDE pattern</c>, separated by commas. Patterns are globs over the
/// host (or <c>host:port</c>) with <c>*</c> and <c>?</c>; exclusions win, then the first matching
/// MAP. The egress proxy applies the same rules Chromium would, because Chromium hands proxied
/// connections to the proxy without resolving them itself.
/// </summary>
public sealed class HostResolverRules
{
    /// <summary>The Chromium switch these rules come from.</summary>
    public const string SwitchPrefix = "--host-resolver-rules=";

    private readonly Rule[] _maps;
    private readonly string[] _exclusions;

    private HostResolverRules(string text, Rule[] maps, string[] exclusions)
    {
        Text = text;
        _maps = maps;
        _exclusions = exclusions;
    }

    /// <summary>No rules: every name resolves normally.</summary>
    public static HostResolverRules None { get; } = new(string.Empty, [], []);

    /// <summary>The rules as written.</summary>
    public string Text { get; }

    /// <summary>True when there is no rule.</summary>
    public bool IsEmpty => _maps.Length == 0;

    /// <summary>
    /// Parses a rule list such as <c>"MAP *.test 127.0.0.1, EXCLUDE api.test"</c>. Throws
    /// <see cref="FormatException"/> naming the bad rule; Chromium would silently skip it, which
    /// would make the proxy and the browser disagree.
    /// </summary>
    public static HostResolverRules Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        var maps = new List<Rule>();
        var exclusions = new List<string>();
        foreach (var raw in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (parts[0].ToUpperInvariant())
            {
                case "MAP" when parts.Length == 3:
                    maps.Add(new Rule(parts[1].ToLowerInvariant(), ParseReplacement(parts[2], raw)));
                    break;
                case "EXCLUDE" when parts.Length == 2:
                    exclusions.Add(parts[1].ToLowerInvariant());
                    break;
                default:
                    throw new FormatException($"Invalid host resolver rule '{raw}': expected 'MAP <pattern> <host[:port]>' or 'EXCLUDE <pattern>'");
            }
        }

        return new HostResolverRules(text, [.. maps], [.. exclusions]);
    }

    /// <summary>
    /// The effective rules of a launch configuration: <see cref="Launching.ChromiumOptions.HostResolverRules"/>,
    /// overridden by a <c>--host-resolver-rules=</c> switch in <see cref="Launching.ChromiumOptions.ExtraArguments"/>
    /// (the last switch wins, as it does in Chromium, and ours come first on the command line).
    /// </summary>
    public static HostResolverRules From(Launching.ChromiumOptions options)
    {
        var text = options.HostResolverRules;
        foreach (var argument in options.ExtraArguments)
        {
            if (argument.StartsWith(SwitchPrefix, StringComparison.Ordinal))
            {
                text = argument[SwitchPrefix.Length..].Trim('"');
            }
        }

        return Parse(text);
    }

    /// <summary>
    /// Applies the rules to <paramref name="host"/> (normalised, lower case) and <paramref name="port"/>.
    /// Returns false when nothing matched; otherwise <paramref name="mapped"/> is the target
    /// (<see cref="MappedHost.NotFound"/> for <c>~NOTFOUND</c>).
    /// </summary>
    public bool TryMap(string host, int port, out MappedHost mapped)
    {
        mapped = default;
        if (_maps.Length == 0)
        {
            return false;
        }

        var hostPort = string.Create(CultureInfo.InvariantCulture, $"{(host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host)}:{port}");
        foreach (var exclusion in _exclusions)
        {
            if (Glob(host, exclusion) || Glob(hostPort, exclusion))
            {
                return false;
            }
        }

        foreach (var rule in _maps)
        {
            if (Glob(host, rule.Pattern) || Glob(hostPort, rule.Pattern))
            {
                var replacement = rule.Replacement;
                mapped = replacement with { Port = replacement.Port ?? port };
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static MappedHost ParseReplacement(string text, string rule)
    {
        if (text.Equals("~NOTFOUND", StringComparison.OrdinalIgnoreCase))
        {
            return MappedHost.NotFound;
        }

        var host = text;
        int? port = null;
        var close = text.LastIndexOf(']');
        var colon = text.LastIndexOf(':');
        if (colon > close && (text.StartsWith('[') || text.IndexOf(':', StringComparison.Ordinal) == colon))
        {
            if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > 65535)
            {
                throw new FormatException($"Invalid host resolver rule '{rule}': '{text}' has a bad port");
            }

            host = text[..colon];
            port = value;
        }

        host = host.Trim('[', ']').ToLowerInvariant();
        if (host.Length == 0 || (!IPAddress.TryParse(host, out _) && !HostName.IsValidDnsName(host)))
        {
            throw new FormatException($"Invalid host resolver rule '{rule}': '{text}' is not a host name or IP address");
        }

        return new MappedHost(host, port, false);
    }

    // Chromium's MatchPattern: '*' is any run of characters, '?' one character.
    private static bool Glob(string text, string pattern)
    {
        int t = 0, p = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToLowerInvariant(text[t]) == pattern[p]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private readonly record struct Rule(string Pattern, MappedHost Replacement);
}

/// <summary>Where a <see cref="HostResolverRules"/> MAP rule sends a host.</summary>
/// <param name="Host">The replacement host name or IP literal (IPv6 without brackets).</param>
/// <param name="Port">The replacement port, or the original one when the rule keeps it.</param>
/// <param name="IsNotFound">True for <c>~NOTFOUND</c>: the name must not resolve.</param>
public readonly record struct MappedHost(string Host, int? Port, bool IsNotFound)
{
    /// <summary>The <c>~NOTFOUND</c> replacement.</summary>
    public static MappedHost NotFound { get; } = new(string.Empty, null, true);
}
