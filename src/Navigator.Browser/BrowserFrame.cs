using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Browser;

/// <summary>
/// An out-of-process iframe of a tab. Chromium renders a cross-site frame in its own renderer and
/// exposes it as a target of its own (type <c>iframe</c>, target id = frame id), so reading and
/// acting inside it goes through its own CDP session; mouse input still goes through the tab.
/// </summary>
public sealed class BrowserFrame
{
    private volatile string _url;

    internal BrowserFrame(BrowserPage page, BrowserFrame? parent, CdpSession cdp, string frameId, string url)
    {
        Page = page;
        Parent = parent;
        Cdp = cdp;
        FrameId = frameId;
        _url = url;
        cdp.On<PageFrameNavigatedEvent>(e =>
        {
            if (e.Frame.Id == FrameId)
            {
                _url = e.Frame.Url;
            }
        });
    }

    /// <summary>The tab the frame belongs to.</summary>
    public BrowserPage Page { get; }

    /// <summary>The out-of-process frame holding this one's <c>iframe</c> element; null when the tab's own process holds it.</summary>
    public BrowserFrame? Parent { get; }

    /// <summary>The session of the target whose document holds this frame's <c>iframe</c> element.</summary>
    public CdpSession ParentCdp => Parent?.Cdp ?? Page.Cdp;

    /// <summary>The frame's own CDP session.</summary>
    public CdpSession Cdp { get; }

    /// <summary>The frame id, which is also its target id.</summary>
    public string FrameId { get; }

    /// <summary>The frame's current URL.</summary>
    public string Url => _url;

    /// <summary>True once the frame's target went away (removed, navigated back in-process, or the tab closed).</summary>
    public bool IsDetached => Cdp.IsDetached;

    /// <summary>Completes once the frame answered its setup commands.</summary>
    public Task Ready { get; internal set; } = Task.CompletedTask;

    /// <summary>How many out-of-process frames enclose this one (0 for a frame whose element is in the tab's process).</summary>
    public int Depth => Parent is null ? 0 : Parent.Depth + 1;

    /// <summary>
    /// Where the frame's viewport starts in the tab's viewport (CSS pixels): the content box of its
    /// <c>iframe</c> element, through every enclosing out-of-process frame. Read live, since the
    /// page may have scrolled or moved the frame. Throws <see cref="CdpException"/> when a frame
    /// or its element went away.
    /// </summary>
    public async Task<(double X, double Y)> GetOffsetAsync(CancellationToken cancellationToken = default)
    {
        var origin = await ToTabAsync(0, 0, findCover: false, cancellationToken).ConfigureAwait(false);
        return (origin.X, origin.Y);
    }

    /// <summary>
    /// Takes a point of this frame's viewport (CSS pixels) to the tab's viewport, and says what
    /// would receive a pointer event there instead of the frame: an element of an enclosing
    /// document drawn over the frame's <c>iframe</c> element (a consent banner, a modal), described
    /// as <c>div#id.class</c>. A hit test in the enclosing document cannot see into the frame's
    /// process, so it answers the <c>iframe</c> element itself when nothing covers it. Throws
    /// <see cref="CdpException"/> when a frame or its element went away.
    /// </summary>
    public Task<FrameHit> HitTestAsync(double x, double y, CancellationToken cancellationToken = default) =>
        ToTabAsync(x, y, findCover: true, cancellationToken);

    private async Task<FrameHit> ToTabAsync(double x, double y, bool findCover, CancellationToken cancellationToken)
    {
        string? cover = null;
        for (var frame = this; frame is not null; frame = frame.Parent)
        {
            // Box-model quads are relative to the viewport of the session's own (local root) frame.
            var owner = await frame.ParentCdp.SendAsync(new DomGetFrameOwnerRequest { FrameId = frame.FrameId }, cancellationToken).ConfigureAwait(false);
            var box = await frame.ParentCdp.SendAsync(new DomGetBoxModelRequest { BackendNodeId = owner.BackendNodeId }, cancellationToken).ConfigureAwait(false);
            x += box.Model.Content[0];
            y += box.Model.Content[1];
            if (findCover && cover is null)
            {
                cover = await CoverAsync(frame.ParentCdp, owner.BackendNodeId, x, y, cancellationToken).ConfigureAwait(false);
            }
        }

        return new FrameHit(x, y, cover);
    }

    private static async Task<string?> CoverAsync(CdpSession document, int ownerBackendNodeId, double x, double y, CancellationToken cancellationToken)
    {
        DomGetNodeForLocationResponse hit;
        try
        {
            hit = await document.SendAsync(new DomGetNodeForLocationRequest { X = (int)Math.Floor(x), Y = (int)Math.Floor(y) }, cancellationToken).ConfigureAwait(false);
        }
        catch (CdpProtocolException)
        {
            // No node there (the point is outside that document's viewport): nothing to compare.
            return null;
        }

        if (hit.BackendNodeId == ownerBackendNodeId)
        {
            return null;
        }

        var node = await document.SendAsync(new DomDescribeNodeRequest { BackendNodeId = hit.BackendNodeId }, cancellationToken).ConfigureAwait(false);
        return Describe(node.Node);
    }

    private static string Describe(DomNode node)
    {
        if (node.NodeType != 1)
        {
            return "text of the enclosing page";
        }

        string? id = null, classes = null;
        var attributes = node.Attributes ?? [];
        for (var i = 0; i + 1 < attributes.Count; i += 2)
        {
            (id, classes) = attributes[i] switch
            {
                "id" => (attributes[i + 1], classes),
                "class" => (id, attributes[i + 1]),
                _ => (id, classes),
            };
        }

        var names = (classes ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3);
        return node.LocalName + (string.IsNullOrEmpty(id) ? string.Empty : "#" + id) + string.Concat(names.Select(name => "." + name));
    }
}

/// <summary>A point of a frame taken to its tab's viewport, and what of an enclosing page covers the frame there (null: nothing).</summary>
public readonly record struct FrameHit(double X, double Y, string? CoveredBy);
