namespace Navigator.Tools.Mcp;

/// <summary>The body of a failed tool call: <c>{"error_code": ..., "error": ...}</c> plus context when known.</summary>
internal sealed record ToolError
{
    public required string ErrorCode { get; init; }

    public required string Error { get; init; }

    public string? RoomName { get; init; }

    public string? ActionType { get; init; }

    public string? Url { get; init; }

    public string? Title { get; init; }

    public double? DurationMs { get; init; }
}
