using System.Globalization;
using System.Text;
using System.Text.Json;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions.State;

/// <summary>
/// Reads Chromium's accessibility tree and renders it compactly, one node per line, indented:
/// <c>button "Submit" focused</c>, <c>textbox "Email" value="a@b.c"</c>, <c>heading "Docs" level=2</c>.
/// Ignored and unnamed generic nodes are dropped (their children move up), static text that only
/// repeats its parent's name is folded into the parent.
/// </summary>
public sealed class AccessibilityTreeReader
{
    private static readonly HashSet<string> TransparentRoles = new(StringComparer.Ordinal)
    {
        "generic", "none", "presentation", "LineBreak", "InlineTextBox", "Section", "paragraph", "group",
        "LayoutTable", "LayoutTableRow", "LayoutTableCell", "ListMarker", "Ruby", "Pre", "Abbr", "time", "mark",
        "strong", "emphasis", "LabelText", "subscript", "superscript", "DescriptionList", "Figcaption", "Canvas", "Iframe", "IframePresentational",
    };

    private static readonly string[] StateProperties = ["checked", "pressed", "selected", "expanded", "disabled", "required", "focused", "invalid", "modal", "readonly", "level", "valuetext", "url"];

    private readonly AccessibilityTreeOptions _defaults;

    /// <summary>Creates a reader; <paramref name="defaults"/> apply when a call passes no options.</summary>
    public AccessibilityTreeReader(AccessibilityTreeOptions? defaults = null) => _defaults = defaults ?? new AccessibilityTreeOptions();

    /// <summary>Reads the page's accessibility tree as text.</summary>
    public async Task<string> ReadAsync(BrowserPage page, AccessibilityTreeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        options ??= _defaults;
        await page.Ready.ConfigureAwait(false);
        var text = new StringBuilder(4096);
        var main = await page.SendAsync(new AccessibilityGetFullAXTreeRequest(), cancellationToken).ConfigureAwait(false);
        Render(main.Nodes, text, options);
        if (options.IncludeFrames)
        {
            var tree = await page.GetFrameTreeAsync(cancellationToken).ConfigureAwait(false);
            foreach (var frame in Descendants(tree))
            {
                if (options.MaxLength > 0 && text.Length >= options.MaxLength)
                {
                    break;
                }

                AccessibilityGetFullAXTreeResponse nodes;
                try
                {
                    nodes = await page.SendAsync(new AccessibilityGetFullAXTreeRequest { FrameId = frame.Id }, cancellationToken).ConfigureAwait(false);
                }
                catch (CdpProtocolException)
                {
                    // Out-of-process frames live in another target.
                    continue;
                }

                text.Append("frame ").Append(frame.Url).Append('\n');
                Render(nodes.Nodes, text, options, baseDepth: 1);
            }
        }

        if (options.MaxLength > 0 && text.Length > options.MaxLength)
        {
            text.Length = options.MaxLength;
            text.Append("\n[accessibility tree truncated]\n");
        }

        return text.ToString();
    }

    private static IEnumerable<PageFrame> Descendants(PageFrameTree tree)
    {
        foreach (var child in tree.ChildFrames ?? [])
        {
            yield return child.Frame;
            foreach (var grandChild in Descendants(child))
            {
                yield return grandChild;
            }
        }
    }

    private static void Render(IReadOnlyList<AccessibilityAXNode> nodes, StringBuilder text, AccessibilityTreeOptions options, int baseDepth = 0)
    {
        if (nodes.Count == 0)
        {
            return;
        }

        var byId = new Dictionary<string, AccessibilityAXNode>(nodes.Count, StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            byId[node.NodeId] = node;
        }

        var root = nodes.FirstOrDefault(n => n.ParentId is null || !byId.ContainsKey(n.ParentId)) ?? nodes[0];
        RenderNode(root, byId, text, options, baseDepth, string.Empty);
    }

    private static void RenderNode(AccessibilityAXNode node, Dictionary<string, AccessibilityAXNode> byId, StringBuilder text, AccessibilityTreeOptions options, int depth, string parentName)
    {
        if (options.MaxLength > 0 && text.Length >= options.MaxLength)
        {
            return;
        }

        var role = AsString(node.Role) ?? string.Empty;
        var name = (AsString(node.Name) ?? string.Empty).Trim();
        var shown = !options.InterestingOnly || !(node.Ignored || (TransparentRoles.Contains(role) && name.Length == 0) || role == "InlineTextBox");
        if (role == "StaticText" && (name.Length == 0 || (options.InterestingOnly && parentName.Contains(name, StringComparison.Ordinal))))
        {
            return;
        }

        if (shown && (options.MaxDepth <= 0 || depth < options.MaxDepth))
        {
            text.Append(' ', depth * 2);
            text.Append(role switch
            {
                "StaticText" => "text",
                "RootWebArea" => "document",
                _ => role,
            });
            if (name.Length > 0)
            {
                text.Append(" \"").Append(name.Length > 200 ? name[..199] + "\u2026" : name).Append('"');
            }

            if (AsString(node.Value) is { Length: > 0 } value && role != "StaticText")
            {
                text.Append(" value=\"").Append(value.Length > 120 ? value[..119] + "\u2026" : value).Append('"');
            }

            if (role != "RootWebArea")
            {
                AppendProperties(node, text);
            }
            if (options.IncludeNodeIds && node.BackendDOMNodeId is { } backendId)
            {
                text.Append(" [#").Append(backendId.ToString(CultureInfo.InvariantCulture)).Append(']');
            }

            text.Append('\n');
        }

        var childDepth = shown ? depth + 1 : depth;
        // Text that repeats the node's name or value adds nothing.
        var childParentName = shown ? name + "\n" + (AsString(node.Value) ?? string.Empty) : parentName;
        foreach (var childId in node.ChildIds ?? [])
        {
            if (byId.TryGetValue(childId, out var child))
            {
                RenderNode(child, byId, text, options, childDepth, childParentName);
            }
        }
    }

    private static void AppendProperties(AccessibilityAXNode node, StringBuilder text)
    {
        if (node.Properties is null)
        {
            return;
        }

        foreach (var wanted in StateProperties)
        {
            foreach (var property in node.Properties)
            {
                if (property.Name != wanted)
                {
                    continue;
                }

                var value = property.Value.Value;
                switch (value?.ValueKind)
                {
                    case JsonValueKind.True:
                        text.Append(' ').Append(wanted);
                        break;
                    case JsonValueKind.False when wanted is "checked" or "pressed" or "expanded" or "selected":
                        text.Append(" not-").Append(wanted);
                        break;
                    case JsonValueKind.String when value.Value.GetString() is { Length: > 0 } s && !(wanted == "invalid" && s == "false"):
                        if (wanted == "checked" && s is "true" or "false" or "mixed")
                        {
                            text.Append(s == "true" ? " checked" : s == "mixed" ? " mixed" : " not-checked");
                        }
                        else
                        {
                            text.Append(' ').Append(wanted).Append("=\"").Append(s.Length > 100 ? s[..99] + "\u2026" : s).Append('"');
                        }

                        break;
                    case JsonValueKind.Number:
                        text.Append(' ').Append(wanted).Append('=').Append(value.Value.GetRawText());
                        break;
                }
            }
        }
    }

    private static string? AsString(AccessibilityAXValue? value) => value?.Value switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } other => other.GetRawText(),
        _ => null,
    };
}
