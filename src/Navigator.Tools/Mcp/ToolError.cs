namespace Navigator.Tools.Mcp;

/// <summary>A failed tool call: its code and message, plus context when known (rendered by <see cref="ToolResultText.Error"/>).</summary>
internal sealed record ToolError
{
    public required string ErrorCode { get; init; }

    public required string Error { get; init; }

    /// <summary>The page an action failed on.</summary>
    public string? Url { get; init; }

    public string? Title { get; init; }

    /// <summary>More lines for the model (what self-correction tried and suggests).</summary>
    public string? Detail { get; init; }
}
