using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Navigator.Actions;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Mcp;

/// <summary>The execute_action tool: one action on a room's active tab, reported to the room's event clients.</summary>
[McpServerToolType]
internal sealed class ActionTools(RoomSessionManager sessions, IOptions<ToolOutputOptions> output)
{
    /// <summary>Largest params object accepted, in characters of JSON.</summary>
    public const int MaxParamsLength = 1024 * 1024;

    [McpServerTool(Name = "execute_action", Title = "Act on a room's page", Destructive = true, Idempotent = false, OpenWorld = true, ReadOnly = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ActionToolResult))]
    [Description("Runs one browser action in the room's active tab with real input events and waits until the page settles. "
        + "Element indices come from the room's latest get_browser_context. Actions and their params: "
        + "navigate {url, new_tab?}; click {index} or {x, y} (+ button?, click_count?); type {index, text, clear? (true), press_enter?}; "
        + "scroll {direction: up|down|left|right, amount?} or {index} to bring an element into view; "
        + "wait {seconds} or {text} or {selector} or {navigation: true}; go_back; go_forward; refresh; send_keys {keys: \"Enter\", \"Control+A\", ...}; "
        + "click_text {text, exact?} clicks what shows a text (element name, page text, or text OCR reads in a canvas or image); "
        + "select_option {index, label or value}; hover {index}; drag {from_index, to_index}; upload_file {index, paths}; "
        + "switch_tab {tab_index}; open_tab {url?}; close_tab {tab_index?}; handle_dialog {accept, prompt_text?}; "
        + "extract {format: markdown|text}; screenshot {full_page?, format?: png|jpeg, marks?: true numbers each indexed element in view on the image} (returned as image content); "
        + "evaluate {expression: JavaScript expression or function source, run in the page; returns its JSON value} (the server may turn it off). "
        + "Returns a line saying what the action did to the page: navigated to a URL, a dialog or tab opened, the indexed elements that "
        + "appeared or went away (e.g. a dropdown's options, usable at once), or no visible change; structuredContent has the same as fields. Failures are tool errors with an error_code "
        + "(element_not_found, stale_element, element_not_interactable, navigation_blocked, timeout, unknown_action, ...). "
        + "Self-correction (params.self_correct: off, suggest, auto; default from start_browser_session or the server): on element_not_found, stale_element, "
        + "element_obscured, element_not_interactable or a navigation timeout, suggest reads the page again and lists what to do (indices of the new state); "
        + "auto also repairs and retries once, and says what it tried. "
        + "The room's event clients receive action_completed or action_error.")]
    public async Task<CallToolResult> ExecuteAction(
        [Description("The room whose browser acts.")] string room_name,
        [Description("The action: navigate, click, type, scroll, wait, go_back, go_forward, refresh, send_keys, select_option, hover, drag, upload_file, switch_tab, open_tab, close_tab, handle_dialog, extract, screenshot, evaluate, click_text.")] string action_type,
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

        var result = await sessions.ExecuteActionAsync(room_name, action_type, parameters, raw.Length, cancellationToken);
        if (result.Success)
        {
            var image = result.ScreenshotBase64 is { } shot ? ToolResults.Image(shot, result.ScreenshotMimeType ?? "image/png") : null;
            var budget = output.Value.DefaultMaxChars;
            return ToolResults.Success(ActionResultText.Describe(result, budget), ActionToolResult.From(result, budget), ToolJsonContext.Default.ActionToolResult, image);
        }

        return ToolResults.Error(new ToolError
        {
            ErrorCode = result.ErrorCode ?? ToolErrorCodes.InternalError,
            Error = result.Error ?? "The action failed",
            Url = result.Url,
            Title = result.Title,
            Detail = result.Correction is { } correction ? CorrectionText.Describe(correction) : null,
        });
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;
}
