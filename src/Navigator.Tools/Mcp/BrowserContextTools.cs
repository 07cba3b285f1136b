using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Navigator.Actions.State;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Mcp;

/// <summary>The get_browser_context tool: where a room's browser is and what is on the page.</summary>
[McpServerToolType]
internal sealed class BrowserContextTools(RoomSessionManager sessions)
{
    [McpServerTool(Name = "get_browser_context", Title = "Read a room's page", Destructive = false, Idempotent = true, OpenWorld = false, ReadOnly = true)]
    [Description("Returns the room's active page: URL, title, ready state, open tabs, and the page as text in reading order with "
        + "indexed interactive elements such as [12] button \"Submit\" - pass that index to execute_action (click, type, ...). "
        + "Indices refer to the latest get_browser_context of the room. Set include_screenshot for a JPEG of the viewport as image content.")]
    public Task<CallToolResult> GetBrowserContext(
        [Description("The room whose page to read.")] string room_name,
        [Description("viewport (default): what is on screen, with a summary of what lies outside; full_page: the whole page.")] string? mode = null,
        [Description("Also return a JPEG screenshot of the viewport as MCP image content.")] bool include_screenshot = false,
        [Description("Also return every indexed element as structured data (role, name, bounds, state); the text already lists them.")] bool include_elements = false,
        CancellationToken cancellationToken = default)
    {
        var options = new PageStateOptions
        {
            Mode = mode switch
            {
                null or "" or "viewport" => PageStateMode.Viewport,
                "full_page" => PageStateMode.FullPage,
                _ => throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, $"mode must be viewport or full_page, not '{(mode.Length > 40 ? mode[..40] + "..." : mode)}'"),
            },
            IncludeScreenshot = include_screenshot,
            IncludeTabs = true,
        };
        return sessions.RunAsync(room_name, async (room, ct) =>
        {
            var snapshot = await room.Dispatcher!.GetContextAsync(options, ct);
            var result = new BrowserContextResult
            {
                RoomName = room.RoomName,
                Url = snapshot.Url,
                Title = snapshot.Title,
                ReadyState = snapshot.LoadState == "navigating" ? "loading" : snapshot.LoadState,
                LoadState = snapshot.LoadState,
                Status = RoomSession.StatusName(room.Status),
                Tabs = snapshot.Tabs,
                ScrollX = snapshot.ScrollX,
                ScrollY = snapshot.ScrollY,
                ViewportWidth = snapshot.ViewportWidth,
                ViewportHeight = snapshot.ViewportHeight,
                PageWidth = snapshot.PageWidth,
                PageHeight = snapshot.PageHeight,
                Text = snapshot.Text,
                Truncated = snapshot.Truncated,
                ElementCount = snapshot.Elements.Count,
                Elements = include_elements ? snapshot.Elements : null,
                OffscreenSummary = snapshot.OffscreenSummary,
                Version = snapshot.Version,
                Screenshot = snapshot.ScreenshotBase64 is not null,
            };
            return snapshot.ScreenshotBase64 is { } image
                ? ToolResults.Success(result, ToolJsonContext.Default.BrowserContextResult, ToolResults.Image(image, "image/jpeg"))
                : ToolResults.Success(result, ToolJsonContext.Default.BrowserContextResult);
        }, requireHealthy: true, cancellationToken);
    }
}
