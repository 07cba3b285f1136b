using System.Globalization;
using System.Text;

namespace Navigator.Actions.State;

/// <summary>
/// Renders an <see cref="InteractiveElement"/> as the one-line form an agent reads. Compact
/// where the form already says it: a checkbox is a task-list box (<c>[5] [x] "Agree"</c>,
/// <c>[6] [ ] "News"</c>), a field's value follows its name (<c>[3] textbox "Note": "n0"</c>),
/// and a link shows its target only when it leaves the site (<c>[4] link "Pay" -> pay.example/x</c>);
/// a same-site target stays in <see cref="InteractiveElement.Href"/> for the structured data.
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

    /// <summary>E.g. <c>[13] textbox type=email "Email": "a@b.c"</c>.</summary>
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
        var taskBox = element is { Role: "checkbox", Mixed: false };
        if (taskBox)
        {
            text.Append(element.Checked == true ? "[x]" : "[ ]");
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

        if (element.Name.Length > 0)
        {
            text.Append(' ');
            Quote(text, element.Name);
        }
        else if (element.Hint is { Length: > 0 } hint)
        {
            text.Append(" hint=");
            Quote(text, hint);
        }

        // The field's value or the select's choice, after a colon: "Note": "n0".
        if ((element.Value ?? element.Selected) is { } value)
        {
            text.Append(": ");
            Quote(text, value);
        }

        if (element.Mixed)
        {
            text.Append(" mixed");
        }
        else if (element.Checked == true && !taskBox)
        {
            text.Append(" checked");
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

        if (element.Href is { Length: > 0 } href && (element.Name.Length == 0 || !IsSameSite(href)))
        {
            // An unnamed link is told apart by its target; a named one shows it only when it leaves the site.
            text.Append(" -> ");
            AppendTarget(text, href);
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

    // The page script writes a same-origin target as its path ("/orders/4"), any other as a full URL.
    private static bool IsSameSite(string href) => href is ['/', not '/', ..] or "/";

    // https is the default and left out (pay.example/x); other schemes (http:, mailto:) are shown.
    private static void AppendTarget(StringBuilder text, string href) =>
        text.Append(href.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? href.AsSpan(8) : href.AsSpan());

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
