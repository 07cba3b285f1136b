namespace Navigator.Actions.Commands;

/// <summary>Turns what an agent writes as a URL into an absolute URL the browser accepts.</summary>
internal static class UrlNormalizer
{
    private static readonly string[] AllowedSchemes = ["http", "https", "about", "data", "file", "chrome"];

    /// <summary>The absolute URL, or null when <paramref name="raw"/> is not one.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = raw.Trim();
        if (text.Any(char.IsWhiteSpace) && !text.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && AllowedSchemes.Contains(absolute.Scheme, StringComparer.OrdinalIgnoreCase)
            && (absolute.Scheme is not ("http" or "https") || absolute.Host.Length > 0))
        {
            // Keep what the agent wrote (Uri would re-encode it).
            return text;
        }

        // "example.com/path" or "localhost:8080": a host, not a relative path.
        if (!text.Contains("://", StringComparison.Ordinal) && !text.StartsWith('/') && !text.StartsWith('.')
            && Uri.TryCreate("https://" + text, UriKind.Absolute, out var guessed)
            && (guessed.Host.Contains('.', StringComparison.Ordinal) || guessed.Host == "localhost"))
        {
            return "https://" + text;
        }

        return null;
    }
}
