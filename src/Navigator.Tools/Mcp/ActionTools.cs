using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Navigator.Actions;
using Navigator.Tools.Events;
using Navigator.Tools.Media;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Mcp;

/// <summary>The execute_action tool: one action on a room's active tab, reported to the room's event clients.</summary>
[McpServerToolType]
internal sealed class ActionTools(RoomSessionManager sessions)
{
    /// <summary>Largest params object accepted, in characters of JSON.</summary>
    public const int MaxParamsLength = 1024 * 1024;

    /// <summary>Params larger than this are left out of events (events go to every client of the room).</summary>
    private const int MaxEventParamsLength = 8 * 1024;

    [McpServerTool(Name = "execute_action", Title = "Act on a room's page", Destructive = true, Idempotent = false, OpenWorld = true, ReadOnly = false)]
    [Description("Runs one browser action in the room's active tab with real input events and waits until the page settles. "
        + "Element indices come from the room's latest get_browser_context. Actions and their params: "
        + "navigate {url, new_tab?}; click {index} or {x, y} (+ button?, click_count?); type {index, text, clear? (true), press_enter?}; "
        + "scroll {direction: up|down|left|right, amount?} or {index} to bring an element into view; "
        + "wait {seconds} or {text} or {selector} or {navigation: true}; go_back; go_forward; refresh; send_keys {keys: \"Enter\", \"Control+A\", ...}; "
        + "select_option {index, label or value}; hover {index}; drag {from_index, to_index}; upload_file {index, paths}; "
        + "switch_tab {tab_index}; open_tab {url?}; close_tab {tab_index?}; handle_dialog {accept, prompt_text?}; "
        + "extract {format: markdown|text}; screenshot {full_page?, format?: png|jpeg} (returned as image content). "
        + "Returns success, url, title, whether the page changed or navigated, and duration; failures are tool errors with an error_code "
        + "(element_not_found, stale_element, element_not_interactable, navigation_blocked, timeout, unknown_action, ...). "
        + "The room's event clients receive action_completed or action_error.")]
    public Task<CallToolResult> ExecuteAction(
        [Description("The room whose browser acts.")] string room_name,
        [Description("The action: navigate, click, type, scroll, wait, go_back, go_forward, refresh, send_keys, select_option, hover, drag, upload_file, switch_tab, open_tab, close_tab, handle_dialog, extract, screenshot.")] string action_type,
        [Description("The action's parameters as an object, e.g. {\"index\": 5} for click or {\"index\": 3, \"text\": \"hello\"} for type.")] JsonElement? @params = null,
        CancellationToken cancellationToken = default)
    {
        var parameters = @params is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } given ? given : EmptyObject;
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, $"params must be an object, not {parameters.ValueKind.ToString().ToLowerInvariant()}");
        }

        var raw = parameters.GetRawText();
        if (raw.Length > MaxParamsLength)
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, $"params is {raw.Length} characters of JSON; at most {MaxParamsLength} are allowed");
        }

        if (string.IsNullOrWhiteSpace(action_type) || action_type.Length > 64)
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, "action_type must be one of: " + string.Join(", ", Actions.Commands.ActionTypes.All));
        }

        return sessions.RunAsync(room_name, async (room, ct) =>
        {
            var result = await room.Dispatcher!.ExecuteAsync(action_type, parameters, ct);
            room.Media?.Cursor.Report(result, parameters);
            var descriptor = new ActionDescriptor { ActionType = result.ActionType, Params = raw.Length <= MaxEventParamsLength ? parameters.Clone() : null };
            if (result.Success)
            {
                sessions.Publish(room.RoomName, new ActionCompletedEvent { Action = descriptor, DurationMs = Math.Round(result.DurationMs, 1), Url = result.Url, Timestamp = sessions.NowSeconds });
                var image = result.ScreenshotBase64 is { } shot ? ToolResults.Image(shot, result.ScreenshotMimeType ?? "image/png") : null;
                return ToolResults.Success(result with { ScreenshotBase64 = null }, ToolJsonContext.Default.ActionResult, image);
            }

            sessions.Publish(room.RoomName, new ActionErrorEvent
            {
                Error = result.Error ?? "The action failed",
                ErrorCode = result.ErrorCode,
                Action = descriptor,
                Timestamp = sessions.NowSeconds,
            });
            return ToolResults.Error(new ToolError
            {
                ErrorCode = result.ErrorCode ?? ToolErrorCodes.InternalError,
                Error = result.Error ?? "The action failed",
                RoomName = room.RoomName,
                ActionType = result.ActionType,
                Url = result.Url,
                Title = result.Title,
                DurationMs = Math.Round(result.DurationMs, 1),
            });
        }, requireHealthy: true, cancellationToken);
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;
}
