namespace Navigator.Browser.Security;

/// <summary>A domain pattern in a <see cref="NavigationPolicy"/> is malformed or too broad.</summary>
public sealed class InvalidDomainPatternException(string pattern, string setting, int index, string problem)
    : BrowserException($"Invalid pattern {Quote(pattern)} in {setting}[{index}]: {problem}")
{
    /// <summary>The pattern as configured.</summary>
    public string Pattern { get; } = pattern;

    /// <summary>Which list it is in (<c>AllowedDomains</c> or <c>BlockedDomains</c>).</summary>
    public string Setting { get; } = setting;

    /// <summary>Its position in that list.</summary>
    public int Index { get; } = index;

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; } = problem;

    private static string Quote(string? pattern) => pattern is null ? "null" : $"'{pattern}'";
}
