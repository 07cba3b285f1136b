using Navigator.Actions.State;

namespace Navigator.Actions.Dispatch;

/// <summary>The last captured page state, and the tab and document it describes (indices are valid only for those).</summary>
internal sealed record RememberedState(BrowserContextSnapshot Snapshot, string TargetId, long Documents)
{
    /// <summary>
    /// Elements already resolved to page objects, so repeated actions on one element skip
    /// DOM.resolveNode. The objects live until the next capture releases them.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<int, string> ObjectIds { get; } = new();
}

/// <summary>
/// An indexed element resolved to a live JavaScript object; <paramref name="Frame"/> is the
/// out-of-process frame whose session holds the object (null: the tab's own session).
/// </summary>
internal sealed record ResolvedElement(InteractiveElement? Element, string ObjectId, Navigator.Browser.BrowserFrame? Frame = null)
{
    /// <summary>How the element is named in messages: <c>[5] button "Buy"</c> (or "the focused element").</summary>
    public string Label => Element is null ? "the focused element" : ActionDispatcherText.Label(Element);
}

/// <summary>Wording shared by error messages.</summary>
internal static class ActionDispatcherText
{
    public static string Label(InteractiveElement element)
    {
        var name = element.Name.Length > 60 ? element.Name[..60] + "…" : element.Name;
        return name.Length == 0 ? $"[{element.Index}] {element.Role}" : $"[{element.Index}] {element.Role} \"{name}\"";
    }
}
