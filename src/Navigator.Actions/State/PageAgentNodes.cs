using System.Globalization;
using System.Text.Json;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions.State;

/// <summary>
/// Resolves indices through the page-state agent that assigned them: it keeps each index's
/// element (weakly), and CDP's deep serialization of that element gives its backend node id and,
/// for a child frame, the loader id that names the frame. Answers are cached per document.
/// </summary>
internal sealed class PageAgentNodes(IsolatedWorld world, string documentId) : ElementNodes
{
    private const string ObjectGroup = "navigator-nodes";

    private static readonly RuntimeSerializationOptions DeepNode = new()
    {
        Serialization = "deep",
        MaxDepth = 0,
        AdditionalParameters = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["maxNodeDepth"] = 0, ["includeShadowTree"] = "none" }),
    };

    public override async Task<ElementNode?> ResolveAsync(int index, CancellationToken cancellationToken)
    {
        lock (world.Nodes)
        {
            if (world.NodeDocumentId == documentId && world.Nodes.TryGetValue(index, out var cached))
            {
                return cached;
            }
        }

        var expression = string.Create(CultureInfo.InvariantCulture, $"__navigatorState.elementAt({JsonSerializer.Serialize(documentId, PageStateJsonContext.Default.String)}, {index})");
        RuntimeEvaluateResponse response;
        try
        {
            response = await world.EvaluateAsync(expression, DeepNode, returnByValue: false, ObjectGroup, cancellationToken).ConfigureAwait(false);
        }
        catch (CdpProtocolException)
        {
            return null; // The document went away: the element with it.
        }
        finally
        {
            _ = world.SendAsync(new RuntimeReleaseObjectGroupRequest { ObjectGroup = ObjectGroup }, CancellationToken.None).ContinueWith(
                t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        var value = response.Result.DeepSerializedValue?.Value;
        if (value is not { ValueKind: JsonValueKind.Object } node || !node.TryGetProperty("backendNodeId", out var backendId))
        {
            return null;
        }

        var loader = node.TryGetProperty("loaderId", out var l) ? l.GetString() : null;
        string? frameId = null;
        if (loader is not null && loader != world.MainLoaderId)
        {
            // Elements of child frames: their document's loader names the frame.
            // The world's own target's tree: an out-of-process frame's world sees its frame as the root.
            var tree = await world.GetFrameTreeAsync(cancellationToken).ConfigureAwait(false);
            world.MainLoaderId = tree.Frame.LoaderId;
            frameId = loader == tree.Frame.LoaderId ? null : FindFrame(tree.ChildFrames, loader);
        }

        var resolved = new ElementNode(backendId.GetInt32(), frameId);
        lock (world.Nodes)
        {
            if (world.NodeDocumentId != documentId)
            {
                world.Nodes.Clear();
                world.NodeDocumentId = documentId;
            }

            world.Nodes[index] = resolved;
        }

        return resolved;
    }

    private static string? FindFrame(IReadOnlyList<PageFrameTree>? frames, string loader)
    {
        foreach (var child in frames ?? [])
        {
            if (child.Frame.LoaderId == loader)
            {
                return child.Frame.Id;
            }

            if (FindFrame(child.ChildFrames, loader) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}
