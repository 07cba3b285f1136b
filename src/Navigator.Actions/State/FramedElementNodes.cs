using System.Collections.Concurrent;

namespace Navigator.Actions.State;

/// <summary>
/// The nodes of a tab's snapshot that took in out-of-process frames: an index the tab gave to a
/// frame's element is resolved by that frame's own agent (its document and local index, in its
/// world, so the backend id is the frame session's); any other index by the tab's agent.
/// </summary>
internal sealed class FramedElementNodes(ElementNodes tab) : ElementNodes
{
    private readonly ConcurrentDictionary<int, (ElementNodes Frame, int LocalIndex)> _frameElements = new();

    /// <summary>Records that tab-wide <paramref name="index"/> is <paramref name="localIndex"/> of a frame's capture.</summary>
    public void AddFrameElement(int index, ElementNodes frame, int localIndex) => _frameElements[index] = (frame, localIndex);

    public override Task<ElementNode?> ResolveAsync(int index, CancellationToken cancellationToken) =>
        _frameElements.TryGetValue(index, out var entry)
            ? entry.Frame.ResolveAsync(entry.LocalIndex, cancellationToken)
            : tab.ResolveAsync(index, cancellationToken);
}
