using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Navigator.Tools.Events;
using Navigator.Tools.Mcp;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Live;

/// <summary>request_human_help's answer.</summary>
internal sealed record HumanHelpResult(string RoomName, string Reason, string LiveViewUrl, string Holder);

/// <summary>The tool with which the agent asks a person to take over the room's browser in the live view.</summary>
[McpServerToolType]
internal sealed class HumanHelpTools(RoomSessionManager sessions, LiveViewLinks links)
{
    /// <summary>Longest reason accepted, in characters.</summary>
    public const int MaxReasonLength = 2000;

    [McpServerTool(Name = "request_human_help", Title = "Ask a person to take over", Destructive = false, Idempotent = false, OpenWorld = false, ReadOnly = false,
        UseStructuredContent = true, OutputSchemaType = typeof(HumanHelpResult))]
    [Description("Asks a person to take over the room's browser (a login, a captcha, a choice only they can make): the room's event clients receive "
        + "human_help_requested with your reason and the live view URL, where the person presses Take control. While they hold control, execute_action "
        + "fails with human_in_control; control_changed {holder: agent} tells you they handed back. Returns at once.")]
    public CallToolResult RequestHumanHelp(
        [Description("The room whose browser needs a person.")] string room_name,
        [Description("What the person should do, in a sentence (shown to them), e.g. \"Please solve the captcha and press Hand back\".")] string reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, $"reason must say what the person should do, in 1 to {MaxReasonLength} characters");
        }

        var control = sessions.FindComponent<RoomControl>(room_name)
            ?? throw new NavigatorToolException(LiveViewErrorCodes.LiveViewUnavailable, $"This server has no live view (it serves MCP over stdio only), so no person can take over room '{room_name}'");
        var url = links.UrlOf(room_name);
        var text = reason.Trim();
        sessions.Events.Publish(room_name, new HumanHelpRequestedEvent { Reason = text, LiveViewUrl = url, Timestamp = RoomEvent.ToUnixSeconds(sessions.Time.GetUtcNow()) });
        var result = new HumanHelpResult(room_name, text, url, control.Holder);
        return ToolResults.Success(
            $"Asked for a person in room {room_name}; they take over at {url}. {(result.Holder == ControlChangedEvent.HumanHolder ? "A person has control now." : "The agent has control until they take it.")}",
            result,
            ToolJsonContext.Default.HumanHelpResult);
    }
}
