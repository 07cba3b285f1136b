using Navigator.Actions.State;

namespace Navigator.Actions;

/// <summary>
/// Which indexed elements an action made appear or go away, found by comparing the page state
/// read before the action with one read right after it (indices are stable within a document).
/// </summary>
public sealed record PageElementChanges
{
    /// <summary>Most elements listed per kind; the counts say how many there were in all.</summary>
    public const int MaxListed = 30;

    /// <summary>Elements that are new since the previous read (e.g. a dropdown's options), first <see cref="MaxListed"/>.</summary>
    public IReadOnlyList<ChangedElement> Added { get; init; } = [];

    /// <summary>How many elements are new.</summary>
    public int AddedCount { get; init; }

    /// <summary>Elements of the previous read that are gone, first <see cref="MaxListed"/>.</summary>
    public IReadOnlyList<ChangedElement> Removed { get; init; } = [];

    /// <summary>How many elements are gone.</summary>
    public int RemovedCount { get; init; }

    /// <summary>
    /// Compares two reads of one document. Elements are new when their index is unknown to
    /// <paramref name="before"/>. Gone elements are only reported when both reads cover the same
    /// area (full page, or the viewport at the same scroll position): otherwise an element that
    /// merely scrolled out of view would look removed.
    /// </summary>
    public static PageElementChanges Between(BrowserContextSnapshot before, BrowserContextSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var known = before.Elements.Select(e => e.Index).ToHashSet();
        var added = after.Elements.Where(e => !known.Contains(e.Index)).ToList();
        var sameArea = before.Mode == after.Mode
            && (after.Mode == PageStateMode.FullPage || (before.ScrollX == after.ScrollX && before.ScrollY == after.ScrollY));
        List<InteractiveElement> removed = [];
        if (sameArea)
        {
            var now = after.Elements.Select(e => e.Index).ToHashSet();
            removed = before.Elements.Where(e => !now.Contains(e.Index)).ToList();
        }

        return new PageElementChanges
        {
            Added = [.. added.Take(MaxListed).Select(ChangedElement.From)],
            AddedCount = added.Count,
            Removed = [.. removed.Take(MaxListed).Select(ChangedElement.From)],
            RemovedCount = removed.Count,
        };
    }
}

/// <summary>An element named in <see cref="PageElementChanges"/>: its index, role and (shortened) name.</summary>
public sealed record ChangedElement(int Index, string Role, string Name)
{
    /// <summary>Longest name kept.</summary>
    public const int MaxNameLength = 80;

    internal static ChangedElement From(InteractiveElement element) =>
        new(element.Index, element.Role, element.Name.Length <= MaxNameLength ? element.Name : element.Name[..(MaxNameLength - 1)] + "…");
}
