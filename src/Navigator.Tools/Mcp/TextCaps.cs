namespace Navigator.Tools.Mcp;

/// <summary>Upper bounds on strings that come from pages (titles, URLs, messages) so no result repeats a huge one verbatim.</summary>
internal static class TextCaps
{
    public const int Title = 200;

    public const int Url = 1_000;

    /// <summary>Error messages and dialog texts.</summary>
    public const int Message = 1_000;

    /// <summary>Names in one-line lists (tabs, changed elements).</summary>
    public const int Short = 80;

    /// <summary><paramref name="value"/> if it fits, else its first characters and an ellipsis (never half a surrogate pair).</summary>
    public static string Cap(string value, int max)
    {
        if (value.Length <= max)
        {
            return value;
        }

        var keep = max - 1;
        if (keep > 0 && char.IsHighSurrogate(value[keep - 1]))
        {
            keep--;
        }

        return string.Concat(value.AsSpan(0, keep), "…");
    }

    public static string? CapOrNull(string? value, int max) => value is null ? null : Cap(value, max);
}
