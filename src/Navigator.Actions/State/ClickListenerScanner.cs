using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions.State;

/// <summary>
/// Finds elements with click-like listeners added by page scripts (<c>addEventListener</c>),
/// which no attribute or style reveals, and marks them in the page-state agent so they get an
/// index. One DOMDebugger call lists every listener of the document (shadow roots and frames
/// included); it runs again only when the document changed since the last scan.
/// </summary>
/// <remarks>
/// The DOMDebugger call takes the page's own (main-world) <c>document</c>, never one from our
/// isolated world: with <c>pierce</c>, Chromium wraps every listener and node it walks in the
/// handle's context, and doing that for an isolated-world handle corrupted that world's node
/// wrappers (elements walked from <c>document.body</c> stopped being the ones
/// <c>elementFromPoint</c> returns, then a later navigation crashed the renderer). Only
/// backend node ids cross over; they are resolved into our world with <c>DOM.resolveNode</c>.
/// </remarks>
internal static class ClickListenerScanner
{
    private const string ObjectGroup = "navigator-listeners";

    private static readonly HashSet<string> ClickTypes = new(StringComparer.Ordinal)
    {
        "click", "mousedown", "mouseup", "pointerdown", "pointerup", "touchstart", "dblclick",
    };

    /// <summary>Scans when the document changed since the last scan; never throws for page reasons.</summary>
    public static async Task RefreshAsync(IsolatedWorld world, CancellationToken cancellationToken)
    {
        var version = await world.EvaluateAsync("__navigatorState.version()", null, returnByValue: true, null, cancellationToken).ConfigureAwait(false);
        var signature = version.Result.Value is { ValueKind: System.Text.Json.JsonValueKind.String } value ? value.GetString() : null;
        if (signature is null || signature == world.ListenerScanSignature)
        {
            return;
        }

        try
        {
            // No context id: the main frame's main world, the page's own document.
            var document = await world.SendAsync(new RuntimeEvaluateRequest { Expression = "document", ObjectGroup = ObjectGroup, Silent = true }, cancellationToken).ConfigureAwait(false);
            if (document.Result.ObjectId is not { } pageDocumentId)
            {
                return;
            }

            var documentKey = signature[..signature.IndexOf(':', StringComparison.Ordinal)];
            if (world.ListenerScanSignature is null || !world.ListenerScanSignature.StartsWith(documentKey + ":", StringComparison.Ordinal))
            {
                world.ListenerNodes.Clear();
            }

            var listeners = await world.SendAsync(new DomDebuggerGetEventListenersRequest { ObjectId = pageDocumentId, Depth = -1, Pierce = true }, cancellationToken).ConfigureAwait(false);
            var nodes = listeners.Listeners
                .Where(l => l.BackendNodeId is > 0 && ClickTypes.Contains(l.Type))
                .Select(l => l.BackendNodeId!.Value)
                .Where(world.ListenerNodes.Add)
                .ToList();
            if (nodes.Count > 0)
            {
                var contextId = await world.GetContextIdAsync(cancellationToken).ConfigureAwait(false);
                var resolved = await Task.WhenAll(nodes.Select(id => ResolveAsync(world, id, contextId, cancellationToken))).ConfigureAwait(false);
                var arguments = resolved.Where(o => o is not null).Select(o => new RuntimeCallArgument { ObjectId = o }).ToList();
                if (arguments.Count > 0)
                {
                    await world.SendAsync(new RuntimeCallFunctionOnRequest
                    {
                        FunctionDeclaration = "function(...elements) { return __navigatorState.markListened(...elements); }",
                        ExecutionContextId = contextId,
                        Arguments = arguments,
                        Silent = true,
                    }, cancellationToken).ConfigureAwait(false);
                }
            }

            world.ListenerScanSignature = signature;
        }
        catch (CdpProtocolException)
        {
            // The document went away mid-scan; the next capture scans again.
        }
        finally
        {
            try
            {
                await world.SendAsync(new RuntimeReleaseObjectGroupRequest { ObjectGroup = ObjectGroup }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (CdpException)
            {
                // Closed tab: nothing to release.
            }
        }
    }

    private static async Task<string?> ResolveAsync(IsolatedWorld world, int backendNodeId, int contextId, CancellationToken cancellationToken)
    {
        try
        {
            var node = await world.SendAsync(new DomResolveNodeRequest { BackendNodeId = backendNodeId, ExecutionContextId = contextId, ObjectGroup = ObjectGroup }, cancellationToken).ConfigureAwait(false);
            return node.Object.ObjectId;
        }
        catch (CdpProtocolException)
        {
            return null; // Node gone, or in a frame our world cannot reach.
        }
    }
}
