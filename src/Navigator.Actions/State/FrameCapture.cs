using System.Text.Json;
using Navigator.Browser;
using Navigator.Cdp;

namespace Navigator.Actions.State;

/// <summary>
/// Captures one out-of-process frame with the page-state agent in the frame's own isolated world:
/// its elements numbered in the tab's numbering and placed in top-page coordinates, its text
/// rendered, its own out-of-process children spliced in. A frame that navigates or detaches
/// meanwhile gives null, never an error: the tab's capture goes on without it.
/// </summary>
internal static class FrameCapture
{
    /// <summary>A frame's part of the page state.</summary>
    internal sealed record Result(List<InteractiveElement> Elements, string Text);

    /// <summary>
    /// How long one frame may take to answer: a frame whose script is stuck must not hold up the
    /// tab's read (the tab's own unresponsiveness is the dispatcher's watch's business).
    /// </summary>
    private static readonly TimeSpan FrameTimeout = TimeSpan.FromSeconds(5);

    public static async Task<Result?> CaptureAsync(BrowserFrame frame, FrameStateMerger.MergeContext context, double offsetX, double offsetY, int depth, CancellationToken cancellationToken)
    {
        var world = IsolatedWorld.For(frame);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(FrameTimeout);
        try
        {
            await frame.Ready.WaitAsync(bounded.Token).ConfigureAwait(false);
            await world.Gate.WaitAsync(bounded.Token).ConfigureAwait(false);
            try
            {
                return await CaptureLockedAsync(frame, world, context, offsetX, offsetY, depth, bounded.Token).ConfigureAwait(false);
            }
            finally
            {
                world.Gate.Release();
            }
        }
        catch (Exception ex) when (ex is CdpException or BrowserException or InvalidOperationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Detached, navigating, stuck, or its agent could not be installed: it is left out this time.
            return null;
        }
    }

    private static async Task<Result?> CaptureLockedAsync(BrowserFrame frame, IsolatedWorld world, FrameStateMerger.MergeContext context, double offsetX, double offsetY, int depth, CancellationToken cancellationToken)
    {
        await FrameStateMerger.TagChildFramesAsync(world, cancellationToken).ConfigureAwait(false);
        if (context.DetectClickListeners)
        {
            await ClickListenerScanner.RefreshAsync(world, cancellationToken).ConfigureAwait(false);
        }

        var response = await world.EvaluateAsync($"__navigatorState.capture({context.Arguments}}})", null, returnByValue: true, null, cancellationToken).ConfigureAwait(false);
        if (response.ExceptionDetails is not null || response.Result.Value is not { ValueKind: JsonValueKind.String } json)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json.GetString()!);
        var root = document.RootElement;
        var documentId = root.GetProperty("documentId").GetString() ?? string.Empty;
        var (local, byPosition) = PageStateBuilder.ReadElements(root.GetProperty("elements"));
        // The frame's agent resolves its own indices when an action needs one of these elements.
        var nodes = new PageAgentNodes(world, documentId);
        var placed = new List<InteractiveElement>(local.Count);
        for (var i = 0; i < byPosition.Length; i++)
        {
            if (byPosition[i] is { } element)
            {
                byPosition[i] = Place(element, frame, documentId, context, offsetX, offsetY);
                context.Nodes.AddFrameElement(byPosition[i]!.Index, nodes, element.Index);
                placed.Add(byPosition[i]!);
            }
        }

        var text = PageStateBuilder.RenderText(root.GetProperty("lines"), byPosition);
        var (elements, merged) = await FrameStateMerger.MergeFramesAsync(context, root, placed, text, offsetX, offsetY, depth, cancellationToken).ConfigureAwait(false);
        return new Result(elements, merged);
    }

    /// <summary>The element with its tab-wide index, top-page coordinates and the frame that holds it.</summary>
    private static InteractiveElement Place(InteractiveElement element, BrowserFrame frame, string documentId, FrameStateMerger.MergeContext context, double offsetX, double offsetY)
    {
        var bounds = new ElementBounds(element.Bounds.X + offsetX, element.Bounds.Y + offsetY, element.Bounds.Width, element.Bounds.Height);
        var direction = element.OffscreenDirection;
        if (element.InViewport)
        {
            // In the frame's viewport, but the frame itself may be partly outside the tab's.
            direction = bounds.Y + bounds.Height <= 0 ? "above"
                : bounds.Y >= context.ViewportHeight ? "below"
                : bounds.X + bounds.Width <= 0 ? "left"
                : bounds.X >= context.ViewportWidth ? "right"
                : null;
        }

        return element with
        {
            Index = context.Indices.Global(frame.FrameId, documentId, element.Index),
            Bounds = bounds,
            ClickPoint = new ActionPoint(element.ClickPoint.X + offsetX, element.ClickPoint.Y + offsetY),
            InViewport = direction is null,
            OffscreenDirection = direction,
            FrameTarget = frame.FrameId,
        };
    }
}
