using System.Globalization;
using System.Text;

namespace Navigator.Actions.State;

/// <summary>
/// Renders an <see cref="InteractiveElement"/> as the one-line form an agent reads. Compact
/// where the form already says it: a named link with a target is a markdown link
/// (<c>[4] [Details](/orders/4)</c>), and a checkbox or radio says <c>checked</c> only when it is.
/// </summary>
public static class InteractiveElementFormatter
{
    // Pairs where the role already says what the tag is; any other tag is shown.
    private static readonly HashSet<(string Role, string Tag)> NativePairs =
    [
        ("button", "button"), ("link", "a"), ("link", "area"), ("textbox", "input"), ("checkbox", "input"),
        ("radio", "input"), ("combobox", "select"), ("listbox", "select"), ("searchbox", "input"),
        ("spinbutton", "input"), ("slider", "input"), ("switch", "input"), ("combobox", "input"),
    ];

    /// <summary>E.g. <c>[13] textbox type=email "Email" value="a@b.c"</c>.</summary>
    public static string Format(InteractiveElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var text = new StringBuilder(64);
        Append(text, element);
        return text.ToString();
    }

    /// <summary>Appends the element's line to <paramref name="text"/>.</summary>
    public static void Append(StringBuilder text, InteractiveElement element)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(element);
        text.Append('[').Append(element.Index.ToString(CultureInfo.InvariantCulture)).Append("] ");
        var markdownLink = element is { Role: "link", Name.Length: > 0, Href.Length: > 0 };
        if (markdownLink)
        {
            AppendMarkdownLink(text, element.Name, element.Href!);
        }
        else
        {
            text.Append(element.Role);
        }

        if (!NativePairs.Contains((element.Role, element.Tag)))
        {
            text.Append(" <").Append(element.Tag).Append('>');
        }

        if (element.InputType is { } type && !IsImpliedType(element.Role, type))
        {
            text.Append(" type=").Append(type);
        }

        if (markdownLink)
        {
            // Named, with its target in the link itself.
        }
        else if (element.Name.Length > 0)
        {
            text.Append(' ');
            Quote(text, element.Name);
        }
        else if (element.Hint is { Length: > 0 } hint)
        {
            text.Append(" hint=");
            Quote(text, hint);
        }

        if (element.Value is { } value)
        {
            text.Append(" value=");
            Quote(text, value);
        }

        if (element.Mixed)
        {
            text.Append(" mixed");
        }
        else if (element.Checked == true)
        {
            text.Append(" checked");
        }

        if (element.Selected is { } selected)
        {
            text.Append(" selected=");
            Quote(text, selected);
        }

        if (element.Options is { Count: > 0 } options)
        {
            text.Append(" options=[");
            for (var i = 0; i < options.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : "|").Append(options[i]);
            }

            if (element.OptionCount > options.Count)
            {
                text.Append(" +").Append((element.OptionCount - options.Count).ToString(CultureInfo.InvariantCulture)).Append(" more");
            }

            text.Append(']');
        }

        if (element.IsSelected == true)
        {
            text.Append(" selected");
        }

        if (element.Pressed is { } pressed)
        {
            text.Append(pressed ? " pressed" : " not-pressed");
        }

        if (element.Expanded is { } expanded)
        {
            text.Append(expanded ? " expanded" : " collapsed");
        }

        if (element.Disabled)
        {
            text.Append(" disabled");
        }

        if (element.Required)
        {
            text.Append(" required");
        }

        if (element.Focused)
        {
            text.Append(" focused");
        }

        if (!markdownLink && element.Href is { Length: > 0 } href)
        {
            text.Append(" -> ").Append(href);
        }

        if (element.OffscreenDirection == "clipped")
        {
            text.Append(" (scrolled out of its box)");
        }
    }

    private static bool IsImpliedType(string role, string type) => type switch
    {
        "text" or "checkbox" or "radio" or "submit" or "button" or "range" or "number" or "search" => true,
        _ => role is "button" && type is "reset",
    };

    // [name](href): brackets in the name are escaped, so the link ends where markdown says it does.
    private static void AppendMarkdownLink(StringBuilder text, string name, string href)
    {
        text.Append('[');
        foreach (var c in name)
        {
            if (c is '[' or ']')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        text.Append("](");
        foreach (var c in href)
        {
            // A parenthesis or space would end the target early; their escapes mean the same URL.
            _ = c switch
            {
                ')' => text.Append("%29"),
                ' ' => text.Append("%20"),
                _ => text.Append(c),
            };
        }

        text.Append(')');
    }

    private static void Quote(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            text.Append(c == '"' ? '\'' : c);
        }

        text.Append('"');
    }
}
