namespace Navigator.Actions.State;

/// <summary>The DOM node an indexed element stands for: its CDP backend node id and the frame holding it (null for the main frame).</summary>
internal readonly record struct ElementNode(int BackendNodeId, string? FrameId);

/// <summary>
/// Turns the indices of one <see cref="BrowserContextSnapshot"/> into DOM nodes, on demand: a
/// capture does not resolve its elements' nodes (that cost dominated the first capture of a large
/// page); an action resolves the one element it acts on.
/// </summary>
internal abstract class ElementNodes
{
    /// <summary>The node of <paramref name="index"/>, or null when that element is no longer in the page.</summary>
    public abstract Task<ElementNode?> ResolveAsync(int index, CancellationToken cancellationToken);
}
