using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Cdp.Protocol;
using Navigator.Tools.Sessions;

namespace Navigator.Tools.Mcp;

/// <summary>The get_browser_context tool: where a room's browser is and what is on the page.</summary>
[McpServerToolType]
internal sealed class BrowserContextTools(RoomSessionManager sessions)
{
    [McpServerTool(Name = "get_browser_context", Title = "Read a room's page", Destructive = false, Idempotent = true, OpenWorld = false, ReadOnly = true)]
    [Description("Returns the room's active page: URL, title, ready state, open tabs and, when available, the page as text with "
        + "indexed interactive elements such as [12] button \"Submit\" (use the index with execute_action). "
        + "Set include_screenshot to also get a JPEG of the viewport as image content.")]
    public Task<CallToolResult> GetBrowserContext(
        [Description("The room whose page to read.")] string room_name,
        [Description("Also return a screenshot of the viewport as MCP image content.")] bool include_screenshot = false,
        CancellationToken cancellationToken = default) =>
        sessions.RunAsync(room_name, async (room, ct) =>
        {
            var browser = room.Browser!;
            var page = browser.ActivePage;
            var title = page.GetTitleAsync(ct);
            var readyState = page.GetReadyStateAsync(ct);
            var screenshot = include_screenshot
                ? page.SendAsync(new PageCaptureScreenshotRequest { Format = "jpeg", Quality = 80, OptimizeForSpeed = true }, ct)
                : null;
            var tabs = await ListTabsAsync(browser, page, title, ct);
            var result = new BrowserContextResult
            {
                RoomName = room.RoomName,
                Url = page.Url,
                Title = await title,
                ReadyState = await readyState,
                LoadState = LoadStateName(page.LoadState),
                Status = RoomSession.StatusName(room.Status),
                Tabs = tabs,
                Screenshot = screenshot is not null,
            };
            return screenshot is null
                ? ToolResults.Success(result, ToolJsonContext.Default.BrowserContextResult)
                : ToolResults.Success(result, ToolJsonContext.Default.BrowserContextResult, ToolResults.Image((await screenshot).Data, "image/jpeg"));
        }, requireHealthy: true, cancellationToken);

    private static async Task<IReadOnlyList<TabInfo>> ListTabsAsync(BrowserSession browser, BrowserPage active, Task<string> activeTitle, CancellationToken cancellationToken)
    {
        var pages = browser.Pages;
        var titles = await Task.WhenAll(pages.Select(p => ReferenceEquals(p, active) ? activeTitle : TitleOrEmptyAsync(p, cancellationToken)));
        var tabs = new List<TabInfo>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            tabs.Add(new TabInfo(i, pages[i].TargetId, pages[i].Url, titles[i], ReferenceEquals(pages[i], active)));
        }

        return tabs;
    }

    private static async Task<string> TitleOrEmptyAsync(BrowserPage page, CancellationToken cancellationToken)
    {
        try
        {
            return await page.GetTitleAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is BrowserException or Navigator.Cdp.CdpException)
        {
            // A background tab that is closing or busy should not fail the whole context.
            return string.Empty;
        }
    }

    internal static string LoadStateName(PageLoadState state) => state switch
    {
        PageLoadState.Navigating => "navigating",
        PageLoadState.Loading => "loading",
        PageLoadState.Interactive => "interactive",
        _ => "complete",
    };
}
