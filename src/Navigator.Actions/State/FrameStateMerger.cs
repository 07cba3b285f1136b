using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions.State;

/// <summary>
/// Puts a tab's out-of-process (cross-site) iframes into its page state. Chromium renders them in
/// their own processes, so the page-state agent of a document cannot walk into them; instead the
/// host tags their <c>iframe</c> elements before a capture, the agent writes a marker line where
/// each one is, and each frame is captured in its own world (see <see cref="FrameCapture"/>) and
/// spliced in there: its elements get indices in the tab's numbering and boxes in top-page
/// coordinates. Nested frames are handled the same way inside their parent frame's capture.
/// </summary>
internal static class FrameStateMerger
{
    private const char Marker = '\u0002';
    private const string TagGroup = "navigator-frames";

    /// <summary>How many out-of-process frames deep a capture goes.</summary>
    private const int MaxDepth = 4;

    private static readonly ConditionalWeakTable<BrowserPage, FrameIndices> Indices = new();
    private static readonly ConditionalWeakTable<IsolatedWorld, TaggedFrames> Tags = new();

    /// <summary>
    /// Tags the <c>iframe</c> elements of the world's out-of-process child frames in the world's
    /// current document (once per document), so its next capture marks where each one is.
    /// Frames that cannot be tagged (gone, or held by a same-origin subframe's document) stay
    /// unread, as before.
    /// </summary>
    public static async Task TagChildFramesAsync(IsolatedWorld world, CancellationToken cancellationToken)
    {
        var children = ChildrenOf(world);
        if (children.Count == 0)
        {
            return;
        }

        var contextId = await world.GetContextIdAsync(cancellationToken).ConfigureAwait(false);
        var tags = Tags.GetOrCreateValue(world);
        var untagged = children.Where(child => !tags.IsTagged(child.FrameId, contextId)).ToList();
        if (untagged.Count == 0)
        {
            return;
        }

        await Task.WhenAll(untagged.Select(child => TagAsync(world, child, contextId, tags, cancellationToken))).ConfigureAwait(false);
        try
        {
            await world.SendAsync(new RuntimeReleaseObjectGroupRequest { ObjectGroup = TagGroup }, cancellationToken).ConfigureAwait(false);
        }
        catch (CdpException)
        {
            // The document or the tab went away; its objects went with it.
        }
    }

    /// <summary>
    /// The capture option that keeps the tab's agent from handing out indices already given to
    /// frame elements (empty until a frame element got one).
    /// </summary>
    public static string IndexFloor(BrowserPage page) =>
        Indices.TryGetValue(page, out var indices) && indices.Floor() is { } floor
            ? string.Create(CultureInfo.InvariantCulture, $",indexFloor:{floor.Next},floorFor:{JsonSerializer.Serialize(floor.DocumentId, PageStateJsonContext.Default.String)}")
            : string.Empty;

    /// <summary>
    /// Splices the out-of-process frames the tab's capture <paramref name="root"/> marked into its
    /// elements and text, and tells <paramref name="nodes"/> which indices are frame elements.
    /// <paramref name="arguments"/> are the capture options without the closing brace.
    /// </summary>
    public static Task<(List<InteractiveElement> Elements, string Text)> MergeAsync(
        IsolatedWorld world, JsonElement root, List<InteractiveElement> elements, string text, string arguments, bool detectClickListeners, FramedElementNodes nodes, CancellationToken cancellationToken)
    {
        var indices = Indices.GetValue(world.Page, static _ => new FrameIndices());
        indices.StartDocument(root.GetProperty("documentId").GetString() ?? string.Empty, root.TryGetProperty("nextIndex", out var next) ? next.GetInt32() : 1);
        var context = new MergeContext(world.Page, indices, nodes, arguments, detectClickListeners,
            root.GetProperty("viewportWidth").GetDouble(), root.GetProperty("viewportHeight").GetDouble());
        return MergeFramesAsync(context, root, elements, text, 0, 0, 0, cancellationToken);
    }

    /// <summary>Splices the frames a capture marked (at any depth); offsets place the capturing world in the top page.</summary>
    internal static async Task<(List<InteractiveElement> Elements, string Text)> MergeFramesAsync(
        MergeContext context, JsonElement root, List<InteractiveElement> elements, string text, double offsetX, double offsetY, int depth, CancellationToken cancellationToken)
    {
        if (!root.TryGetProperty("frames", out var frames) || frames.GetArrayLength() == 0 || text.IndexOf(Marker, StringComparison.Ordinal) < 0)
        {
            return (elements, text);
        }

        // Frames are separate renderers: they are read side by side.
        var captures = new List<Task<FrameCapture.Result?>>();
        var ordinal = 0;
        foreach (var entry in frames.EnumerateArray())
        {
            var marker = Marker + ordinal.ToString(CultureInfo.InvariantCulture) + Marker;
            ordinal++;
            var frame = context.Page.FindFrame(entry[0].GetString() ?? string.Empty);
            captures.Add(frame is not null && depth < MaxDepth && text.Contains(marker, StringComparison.Ordinal)
                ? FrameCapture.CaptureAsync(frame, context, offsetX + entry[1].GetDouble(), offsetY + entry[2].GetDouble(), depth + 1, cancellationToken)
                : Task.FromResult<FrameCapture.Result?>(null));
        }

        var parts = await Task.WhenAll(captures).ConfigureAwait(false);

        var merged = new List<InteractiveElement>(elements);
        var result = new StringBuilder(text.Length);
        var start = 0;
        while (true)
        {
            var open = text.IndexOf(Marker, start);
            var close = open < 0 ? -1 : text.IndexOf(Marker, open + 1);
            if (close < 0)
            {
                result.Append(text, start, text.Length - start);
                break;
            }

            result.Append(text, start, open - start);
            var position = int.TryParse(text.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : -1;
            var part = position >= 0 && position < parts.Length ? parts[position] : null;
            if (part is null)
            {
                result.Append("[iframe (cross-site) not readable: it is loading or went away]");
            }
            else
            {
                result.Append(part.Text.TrimEnd('\n'));
                merged.AddRange(part.Elements);
            }

            start = close + 1;
        }

        return (merged, result.ToString());
    }

    private static List<BrowserFrame> ChildrenOf(IsolatedWorld world) =>
        [.. world.Page.Frames.Where(frame => frame.Parent?.FrameId == world.FrameTargetId)];

    private static async Task TagAsync(IsolatedWorld world, BrowserFrame child, int contextId, TaggedFrames tags, CancellationToken cancellationToken)
    {
        try
        {
            var owner = await world.SendAsync(new DomGetFrameOwnerRequest { FrameId = child.FrameId }, cancellationToken).ConfigureAwait(false);
            var node = await world.SendAsync(new DomResolveNodeRequest { BackendNodeId = owner.BackendNodeId, ExecutionContextId = contextId, ObjectGroup = TagGroup }, cancellationToken).ConfigureAwait(false);
            if (node.Object.ObjectId is not { } objectId)
            {
                return;
            }

            await world.SendAsync(new RuntimeCallFunctionOnRequest
            {
                FunctionDeclaration = "function(key) { __navigatorState.tagFrame(this, key); }",
                ObjectId = objectId,
                Arguments = [new RuntimeCallArgument { Value = JsonSerializer.SerializeToElement(child.FrameId, PageStateJsonContext.Default.String) }],
                Silent = true,
            }, cancellationToken).ConfigureAwait(false);
            tags.Mark(child.FrameId, contextId);
        }
        catch (CdpProtocolException)
        {
            // The frame went away, or its element lives in a document this world cannot reach.
        }
    }

    /// <summary>What a capture passes down to its frames' captures.</summary>
    internal sealed record MergeContext(BrowserPage Page, FrameIndices Indices, FramedElementNodes Nodes, string Arguments, bool DetectClickListeners, double ViewportWidth, double ViewportHeight);

    /// <summary>Which child frames were tagged in which execution context (one per document).</summary>
    private sealed class TaggedFrames
    {
        private readonly Lock _sync = new();
        private readonly Dictionary<string, int> _contexts = new(StringComparer.Ordinal);

        public bool IsTagged(string frameId, int contextId)
        {
            lock (_sync)
            {
                return _contexts.TryGetValue(frameId, out var tagged) && tagged == contextId;
            }
        }

        public void Mark(string frameId, int contextId)
        {
            lock (_sync)
            {
                _contexts[frameId] = contextId;
            }
        }
    }
}
