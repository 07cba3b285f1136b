namespace Navigator.Actions.State;

/// <summary>Options for <see cref="AccessibilityTreeReader.ReadAsync"/>.</summary>
public sealed record AccessibilityTreeOptions
{
    /// <summary>Keep only nodes that carry meaning (drops unnamed generic containers, keeps their children).</summary>
    public bool InterestingOnly { get; init; } = true;

    /// <summary>Include same-process child frames after the main frame.</summary>
    public bool IncludeFrames { get; init; } = true;

    /// <summary>Append <c>[#backendNodeId]</c> to each node (for tools that act on nodes).</summary>
    public bool IncludeNodeIds { get; init; }

    /// <summary>Maximum depth rendered (0 = unlimited).</summary>
    public int MaxDepth { get; init; }

    /// <summary>Maximum characters returned; the rest is cut with a marker (0 = unlimited).</summary>
    public int MaxLength { get; init; } = 100_000;
}
