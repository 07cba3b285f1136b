using System.Globalization;
using System.Text;
using ModelContextProtocol.Protocol;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Mcp;

/// <summary>The text content of tool results: short plain lines a model reads (the JSON is in structuredContent).</summary>
internal static class ToolResultText
{
    /// <summary>The text of a result value whose tool has no text of its own.</summary>
    public static string Describe<T>(T value) => value switch
    {
        RoomSessionInfo session => Session(session),
        SessionListResult list => Sessions(list),
        RecoverResult recover => recover.Message + "\n" + Session(recover.Session),
        _ => throw new InvalidOperationException($"No text form for {typeof(T).Name}"),
    };

    /// <summary>E.g. <c>Room r1: active at https://example.com/; 1 tab, viewport 1280x720, 10 fps; events at /mcp/events/r1</c>.</summary>
    public static string Session(RoomSessionInfo session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder(256);
        text.Append(culture, $"Room {session.RoomName}: {session.Status} at {TextCaps.Cap(session.Url, TextCaps.Url)}; ");
        text.Append(culture, $"{session.Tabs} tab{(session.Tabs == 1 ? string.Empty : "s")}, viewport {session.ViewportWidth}x{session.ViewportHeight}, {session.Fps} fps");
        text.Append(session.Paused ? " (video paused)" : string.Empty).Append(session.Headless ? string.Empty : ", headed");
        if (session.AllowedDomains.Count > 0)
        {
            text.Append("; allowed domains: ").AppendJoin(", ", session.AllowedDomains);
        }

        if (session.LiveKitUrl is { } liveKit)
        {
            text.Append("; LiveKit ").Append(TextCaps.Cap(liveKit, TextCaps.Url));
        }

        text.Append("; events at ").Append(session.EventsPath);
        if (session.Warning is { } warning)
        {
            text.Append("\nWarning: ").Append(TextCaps.Cap(warning, TextCaps.Message));
        }

        return text.ToString();
    }

    public static string Sessions(SessionListResult list)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (list.Count == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"No browser sessions (this server allows {list.MaxSessions}).");
        }

        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{list.Count} of at most {list.MaxSessions} sessions:"));
        foreach (var session in list.Sessions)
        {
            text.Append("\n- ").Append(Session(session));
        }

        return text.ToString();
    }

    /// <summary>E.g. <c>Error element_not_found: No element has index 99; valid indices are 1 to 12.</c></summary>
    public static string Error(ToolError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var text = new StringBuilder("Error ").Append(error.ErrorCode).Append(": ").Append(error.Error);
        if (error.Url is { Length: > 0 } url)
        {
            text.Append("\nPage: ").Append(url);
            if (error.Title is { Length: > 0 } title)
            {
                text.Append(" (").Append(title).Append(')');
            }
        }

        return text.ToString();
    }

    /// <summary>The error code of a result <see cref="Error(ToolError)"/> wrote, or null for a success or other text.</summary>
    public static string? ErrorCodeOf(CallToolResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsError != true || result.Content is not [TextContentBlock { Text: var text }, ..] || !text.StartsWith("Error ", StringComparison.Ordinal))
        {
            return null;
        }

        var end = text.IndexOf(':', 6);
        return end > 6 ? text[6..end] : null;
    }
}
