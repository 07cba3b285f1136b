using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Mcp;

/// <summary>
/// MCP tools for a room's browser session lifecycle. Argument names are the wire names
/// (snake_case), which is why the parameters are spelled that way.
/// </summary>
[McpServerToolType]
internal sealed class BrowserSessionTools(RoomSessionManager sessions)
{
    [McpServerTool(Name = "start_browser_session", Title = "Start a browser for a room", Destructive = false, Idempotent = false, OpenWorld = true, ReadOnly = false,
        UseStructuredContent = true, OutputSchemaType = typeof(RoomSessionInfo))]
    [Description("Starts an isolated headless browser session for a room (one session per room) and optionally opens a page. "
        + "Returns the session, including events_path: the WebSocket path that streams the room's events "
        + "(page_navigation, page_load_complete, action_completed, action_error, dom_change, browser_error, navigation_blocked, session_started, session_closed, control_changed, human_help_requested), "
        + "and live_view_path: the page where a person watches the browser live and can take control (open it with ?access_token=<API key>). "
        + "Fails with room_exists if the room already has a session and capacity_reached when the server is full.")]
    public async Task<CallToolResult> StartBrowserSession(
        [Description("The room the session belongs to (e.g. the LiveKit room name); letters, digits and . _ - : @, at most 128 characters.")] string room_name,
        [Description("Page to open first (absolute http:// or https:// URL). Default about:blank.")] string? initial_url = null,
        [Description("Viewport width in CSS pixels (200-7680). Default 1280.")] int? viewport_width = null,
        [Description("Viewport height in CSS pixels (200-4320). Default 720.")] int? viewport_height = null,
        [Description("Frames per second of the room's video and recordings (1-30). Default 10.")] int? fps = null,
        [Description("Domains the session may visit, e.g. [\"example.com\", \"*.example.org\"]. Empty or absent allows every domain.")] string[]? allowed_domains = null,
        [Description("Run the browser headless. The server decides its mode; asking for the other one is an error.")] bool? headless = null,
        [Description("LiveKit server URL (wss://...) to publish the browser's video to, as a screen share with the agent's cursor; progress and failures show in the session's streaming field and stream_error events.")] string? livekit_url = null,
        [Description("LiveKit access token allowing this service to publish into the room (optional when the server holds LiveKit:ApiKey/ApiSecret and mints one). Never returned by any tool.")] string? livekit_token = null,
        [Description("What execute_action does when an action fails (element gone or re-indexed, covered by an overlay, not interactable, navigation timeout): "
            + "off reports the failure; suggest (server default unless configured otherwise) reads the page again and returns suggestions with indices without acting; "
            + "auto repairs (retry by the element's identity, dismiss a cookie banner or dialog, wait for the page, ask the screen analyzer) and retries once. "
            + "A call overrides it with params.self_correct.")] string? self_correct = null,
        CancellationToken cancellationToken = default)
    {
        var info = await sessions.StartAsync(new StartSessionRequest
        {
            RoomName = room_name,
            InitialUrl = initial_url,
            ViewportWidth = viewport_width,
            ViewportHeight = viewport_height,
            Fps = fps,
            AllowedDomains = allowed_domains,
            Headless = headless,
            LiveKitUrl = livekit_url,
            LiveKitToken = livekit_token,
            SelfCorrect = self_correct,
        }, cancellationToken);
        return ToolResults.Success(info, ToolJsonContext.Default.RoomSessionInfo);
    }

    [McpServerTool(Name = "pause_browser_session", Title = "Pause a room's video", Destructive = false, Idempotent = true, OpenWorld = false, ReadOnly = false,
        UseStructuredContent = true, OutputSchemaType = typeof(RoomSessionInfo))]
    [Description("Pauses the room's browser video: screencast capture stops (a running recording holds the last frame). The browser keeps its page and still accepts actions.")]
    public async Task<CallToolResult> PauseBrowserSession(
        [Description("The room whose session to pause.")] string room_name,
        CancellationToken cancellationToken = default) =>
        ToolResults.Success(await sessions.PauseAsync(room_name, cancellationToken), ToolJsonContext.Default.RoomSessionInfo);

    [McpServerTool(Name = "resume_browser_session", Title = "Resume a room's video", Destructive = false, Idempotent = true, OpenWorld = false, ReadOnly = false,
        UseStructuredContent = true, OutputSchemaType = typeof(RoomSessionInfo))]
    [Description("Resumes the room's browser video capture after pause_browser_session.")]
    public async Task<CallToolResult> ResumeBrowserSession(
        [Description("The room whose session to resume.")] string room_name,
        CancellationToken cancellationToken = default) =>
        ToolResults.Success(await sessions.ResumeAsync(room_name, cancellationToken), ToolJsonContext.Default.RoomSessionInfo);

    [McpServerTool(Name = "close_browser_session", Title = "Close a room's browser", Destructive = true, Idempotent = false, OpenWorld = false, ReadOnly = false,
        UseStructuredContent = true, OutputSchemaType = typeof(RoomSessionInfo))]
    [Description("Closes the room's browser session and everything in it (tabs, cookies, storage). "
        + "A running action is cancelled. The room's WebSocket clients receive session_closed.")]
    public async Task<CallToolResult> CloseBrowserSession(
        [Description("The room whose session to close.")] string room_name) =>
        ToolResults.Success(await sessions.CloseAsync(room_name), ToolJsonContext.Default.RoomSessionInfo);

    [McpServerTool(Name = "recover_browser_session", Title = "Recover a room's browser", Destructive = false, Idempotent = false, OpenWorld = true, ReadOnly = false,
        UseStructuredContent = true, OutputSchemaType = typeof(RecoverResult))]
    [Description("Rebuilds the room's browser after a crash or when it stops answering: a fresh browser context with the same "
        + "viewport and cookies, back at the last URL. A healthy session is left alone unless force is true.")]
    public async Task<CallToolResult> RecoverBrowserSession(
        [Description("The room whose session to recover.")] string room_name,
        [Description("Rebuild even if the session looks healthy.")] bool force = false,
        CancellationToken cancellationToken = default)
    {
        var (info, rebuilt) = await sessions.RecoverAsync(room_name, force, cancellationToken);
        var message = rebuilt
            ? $"The browser of room '{info.RoomName}' was rebuilt at {info.Url}"
            : $"The browser of room '{info.RoomName}' is healthy; nothing was rebuilt (pass force=true to rebuild anyway)";
        return ToolResults.Success(new RecoverResult(rebuilt, message, info), ToolJsonContext.Default.RecoverResult);
    }

    [McpServerTool(Name = "list_browser_sessions", Title = "List browser sessions", Destructive = false, Idempotent = true, OpenWorld = false, ReadOnly = true,
        UseStructuredContent = true, OutputSchemaType = typeof(SessionListResult))]
    [Description("Lists the rooms that have a browser session on this server, with their status, URL and settings.")]
    public CallToolResult ListBrowserSessions()
    {
        var list = sessions.List();
        return ToolResults.Success(new SessionListResult(list.Count, sessions.MaxSessions, list), ToolJsonContext.Default.SessionListResult);
    }
}
