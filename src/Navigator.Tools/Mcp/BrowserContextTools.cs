using System.ComponentModel;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Navigator.Actions.State;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Mcp;

/// <summary>The get_browser_context tool: where a room's browser is and what is on the page.</summary>
[McpServerToolType]
internal sealed class BrowserContextTools(RoomSessionManager sessions, IOptions<ToolOutputOptions> output)
{
    [McpServerTool(Name = "get_browser_context", Title = "Read a room's page", Destructive = false, Idempotent = true, OpenWorld = false, ReadOnly = true,
        UseStructuredContent = true, OutputSchemaType = typeof(BrowserContextResult))]
    [Description("Returns the room's active page as text: a header (URL, title, tabs, load state, scroll position and page size), then the page "
        + "in reading order with indexed interactive elements such as [12] button \"Submit\" - pass that index to execute_action (click, type, ...). "
        + "Indices refer to the latest get_browser_context of the room. The text is held to max_chars, cut between lines with a note of what "
        + "was left out. Set include_screenshot for a JPEG of the viewport as image content. structuredContent carries the same as fields.")]
    public Task<CallToolResult> GetBrowserContext(
        [Description("The room whose page to read.")] string room_name,
        [Description("viewport (default): what is on screen, with a summary of what lies outside; full_page: the whole page.")] string? mode = null,
        [Description("Also return a JPEG screenshot of the viewport as MCP image content.")] bool include_screenshot = false,
        [Description("Also return every indexed element as structured data (role, name, bounds, state, link target) in structuredContent; the text already lists them, with link targets only where they leave the site.")] bool include_elements = false,
        [Description("Most characters of text to return (1000-1000000); the page text is cut between lines with a note of what was left out. Default set by the server (40000 unless configured).")] int? max_chars = null,
        CancellationToken cancellationToken = default)
    {
        var maxChars = max_chars ?? output.Value.DefaultMaxChars;
        if (!ToolOutputOptions.IsValidBudget(maxChars))
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter,
                $"max_chars must be between {ToolOutputOptions.MinMaxChars} and {ToolOutputOptions.MaxMaxChars}, not {maxChars}");
        }

        var options = new PageStateOptions
        {
            Mode = mode switch
            {
                null or "" or "viewport" => PageStateMode.Viewport,
                "full_page" => PageStateMode.FullPage,
                _ => throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, $"mode must be viewport or full_page, not '{TextCaps.Cap(mode, 40)}'"),
            },
            IncludeScreenshot = include_screenshot,
            IncludeTabs = true,

            // Read past the budget so the note can say what was left out, within reason for huge pages.
            MaxTextLength = Math.Min(ToolOutputOptions.MaxMaxChars, Math.Max(PageStateOptions.Default.MaxTextLength, maxChars * 2)),
        };
        return sessions.RunAsync(room_name, async (room, ct) =>
        {
            var snapshot = await room.Dispatcher!.GetContextAsync(options, ct);
            var status = RoomSession.StatusName(room.Status);
            var rendered = BrowserContextText.Render(snapshot, status, maxChars);
            var cut = rendered.Cut;
            var result = new BrowserContextResult
            {
                RoomName = room.RoomName,
                Url = TextCaps.Cap(snapshot.Url, TextCaps.Url),
                Title = TextCaps.Cap(snapshot.Title, TextCaps.Title),
                ReadyState = snapshot.LoadState == "navigating" ? "loading" : snapshot.LoadState,
                LoadState = snapshot.LoadState,
                Status = status,
                Tabs = [.. snapshot.Tabs.Select(t => t with { Url = TextCaps.Cap(t.Url, TextCaps.Url), Title = TextCaps.Cap(t.Title, TextCaps.Title) })],
                ScrollX = snapshot.ScrollX,
                ScrollY = snapshot.ScrollY,
                ViewportWidth = snapshot.ViewportWidth,
                ViewportHeight = snapshot.ViewportHeight,
                PageWidth = snapshot.PageWidth,
                PageHeight = snapshot.PageHeight,
                Text = cut.Shown,
                Truncated = snapshot.Truncated || cut.IsCut,
                MaxChars = maxChars,
                OmittedChars = cut.IsCut ? cut.OmittedChars : null,
                OmittedLines = cut.IsCut ? cut.OmittedLines : null,
                OmittedElements = cut.IsCut ? cut.OmittedElements : null,
                ElementCount = snapshot.Elements.Count,
                Elements = include_elements ? snapshot.Elements : null,
                OffscreenSummary = snapshot.OffscreenSummary,
                Version = snapshot.Version,
                Screenshot = snapshot.ScreenshotBase64 is not null,
            };
            var image = snapshot.ScreenshotBase64 is { } shot ? ToolResults.Image(shot, "image/jpeg") : null;
            return ToolResults.Success(rendered.Text, result, ToolJsonContext.Default.BrowserContextResult, image);
        }, requireHealthy: true, cancellationToken);
    }
}
