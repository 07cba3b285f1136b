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
        double x = 0, y = 0;
        for (var frame = this; frame is not null; frame = frame.Parent)
        {
            // Box-model quads are relative to the viewport of the session's own (local root) frame.
            var owner = await frame.ParentCdp.SendAsync(new DomGetFrameOwnerRequest { FrameId = frame.FrameId }, cancellationToken).ConfigureAwait(false);
            var box = await frame.ParentCdp.SendAsync(new DomGetBoxModelRequest { BackendNodeId = owner.BackendNodeId }, cancellationToken).ConfigureAwait(false);
            x += box.Model.Content[0];
            y += box.Model.Content[1];
        }

        return (x, y);
    }
}
