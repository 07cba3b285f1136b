using System.Net;

namespace Navigator.Server.Auth;

/// <summary>Tells whether configured listen URLs stay on this machine.</summary>
public static class ListenAddresses
{
    /// <summary>Splits a ';'-separated URL list.</summary>
    public static IReadOnlyList<string> Split(string? urls) =>
        string.IsNullOrWhiteSpace(urls) ? [] : urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// True when the URL binds only a loopback address (127.0.0.0/8, ::1 or localhost). Wildcards
    /// (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) and any other host count as reachable from outside.
    /// </summary>
    public static bool IsLoopback(string url)
    {
        // Kestrel accepts wildcard hosts that System.Uri rejects; normalise them first.
        var normalized = url.Replace("://*", "://wildcard.invalid", StringComparison.Ordinal)
            .Replace("://+", "://wildcard.invalid", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>The URLs that are not loopback.</summary>
    public static IReadOnlyList<string> Exposed(string? urls) => [.. Split(urls).Where(u => !IsLoopback(u))];
}
