using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Navigator.Browser.Security;

/// <summary>What kind of host a URL names.</summary>
public enum HostKind
{
    /// <summary>A DNS name (stored as lower-case ASCII, punycode for international names).</summary>
    DnsName,

    /// <summary>An IPv4 literal in dotted-decimal form.</summary>
    IPv4,

    /// <summary>An IPv6 literal in compressed form without brackets.</summary>
    IPv6,
}

/// <summary>
/// Host normalisation shared by patterns and URLs, so both sides compare the same spelling:
/// lower case, IDNA (punycode) for international names, no trailing dot, canonical IP literals
/// (<c>2130706433</c>, <c>0x7f.1</c> and <c>127.1</c> all become <c>127.0.0.1</c>; IPv4-mapped
/// IPv6 becomes its IPv4 address).
/// </summary>
public static class HostName
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    /// <summary>Normalises the host of an absolute URL; false when it has no usable host.</summary>
    public static bool TryNormalize(Uri uri, out string host, out HostKind kind)
    {
        host = string.Empty;
        kind = HostKind.DnsName;
        switch (uri.HostNameType)
        {
            case UriHostNameType.IPv4:
                host = uri.Host;
                kind = HostKind.IPv4;
                return true;
            case UriHostNameType.IPv6:
                return TryNormalizeIPv6(uri.IdnHost, out host, out kind);
            case UriHostNameType.Dns:
            case UriHostNameType.Basic:
                return TryNormalizeDnsName(uri.Host, out host);
            default:
                return false;
        }
    }

    /// <summary>Normalises a host written on its own (pattern side): name, IPv4 or bracketed IPv6.</summary>
    public static bool TryNormalize(string text, out string host, out HostKind kind)
    {
        host = string.Empty;
        kind = HostKind.DnsName;
        if (string.IsNullOrWhiteSpace(text) || text.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        // Parsing through Uri gives the same IPv4 canonicalisation as URLs get (Chromium does the same).
        return Uri.TryCreate("http://" + text + "/", UriKind.Absolute, out var uri)
            && uri.AbsolutePath == "/"
            && string.IsNullOrEmpty(uri.UserInfo)
            && uri.IsDefaultPort
            && TryNormalize(uri, out host, out kind);
    }

    /// <summary>The normalised spelling of an address (IPv4-mapped IPv6 as IPv4, no scope).</summary>
    public static string FromAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            address = new IPAddress(address.GetAddressBytes());
        }

        return address.ToString();
    }

    private static bool TryNormalizeIPv6(string text, out string host, out HostKind kind)
    {
        host = string.Empty;
        kind = HostKind.IPv6;
        if (!IPAddress.TryParse(text.Trim('[', ']'), out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            host = address.MapToIPv4().ToString();
            kind = HostKind.IPv4;
            return true;
        }

        address.ScopeId = 0;
        host = address.ToString();
        return true;
    }

    private static bool TryNormalizeDnsName(string text, out string host)
    {
        host = string.Empty;

        // Case-fold before IDNA: invariant globalisation maps only what it is given.
        var lower = text.ToLowerInvariant();
        string ascii;
        try
        {
            ascii = Idn.GetAscii(lower.TrimEnd('.', '\u3002', '\uFF0E', '\uFF61'));
        }
        catch (ArgumentException)
        {
            return false;
        }

        ascii = ascii.ToLowerInvariant();
        if (!IsValidDnsName(ascii))
        {
            return false;
        }

        host = ascii;
        return true;
    }

    /// <summary>Labels of 1..63 characters from <c>a-z 0-9 - _</c>, 253 characters at most.</summary>
    internal static bool IsValidDnsName(string name)
    {
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63)
            {
                return false;
            }

            foreach (var c in label)
            {
                if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
