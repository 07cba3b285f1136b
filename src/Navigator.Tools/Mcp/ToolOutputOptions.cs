namespace Navigator.Tools.Mcp;

/// <summary>How much text tool results may carry (configuration section <c>Tools</c>).</summary>
public sealed class ToolOutputOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "Tools";

    /// <summary>Smallest budget a call or the server may set: the header alone can take several hundred characters.</summary>
    public const int MinMaxChars = 1_000;

    /// <summary>Largest budget a call or the server may set.</summary>
    public const int MaxMaxChars = 1_000_000;

    /// <summary>
    /// Characters of text a get_browser_context reply (and an extract) carries when the call sets
    /// no max_chars; the rest is left out with a note saying how to see it.
    /// </summary>
    public int DefaultMaxChars { get; set; } = 40_000;

    /// <summary>True when <paramref name="maxChars"/> is an allowed budget.</summary>
    public static bool IsValidBudget(int maxChars) => maxChars is >= MinMaxChars and <= MaxMaxChars;
}
