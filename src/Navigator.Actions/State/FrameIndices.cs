namespace Navigator.Actions.State;

/// <summary>
/// The tab's numbering for elements of out-of-process frames: each (frame, frame document, the
/// frame agent's own index) keeps one index for the life of the tab's document, taken after the
/// highest the tab's agent handed out (which is then told not to hand it out itself).
/// </summary>
internal sealed class FrameIndices
{
    private readonly Lock _sync = new();
    private readonly Dictionary<(string Frame, string Document, int Local), int> _indices = [];
    private string? _documentId;
    private int _next = 1;

    /// <summary>The tab's document and its agent's next free index, at the start of a capture's merge.</summary>
    public void StartDocument(string documentId, int agentNext)
    {
        lock (_sync)
        {
            if (_documentId != documentId)
            {
                _documentId = documentId;
                _indices.Clear();
                _next = 1;
            }

            _next = Math.Max(_next, agentNext);
        }
    }

    /// <summary>The tab-wide index of a frame element.</summary>
    public int Global(string frameId, string frameDocumentId, int localIndex)
    {
        lock (_sync)
        {
            if (!_indices.TryGetValue((frameId, frameDocumentId, localIndex), out var index))
            {
                index = _next++;
                _indices[(frameId, frameDocumentId, localIndex)] = index;
            }

            return index;
        }
    }

    /// <summary>The floor to give the tab's agent; null before any frame element was numbered.</summary>
    public (int Next, string DocumentId)? Floor()
    {
        lock (_sync)
        {
            return _indices.Count == 0 || _documentId is null ? null : (_next, _documentId);
        }
    }
}
