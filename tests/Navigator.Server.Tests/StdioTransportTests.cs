using System.Collections.Concurrent;
using ModelContextProtocol.Client;
using Navigator.Browser.Diagnostics;
using Navigator.Server.Tests.Infrastructure;
using Navigator.Testing;

namespace Navigator.Server.Tests;

[Trait("Step", "10")]
public sealed class StdioTransportTests : IAsyncLifetime
{
    private readonly string _profileRoot = Path.Combine(Path.GetTempPath(), "navigator-stdio-test-" + Guid.NewGuid().ToString("N"));
    private TestWebServer _pages = null!;

    public async Task InitializeAsync() => _pages = await TestWebServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _pages.DisposeAsync();
        if (Directory.Exists(_profileRoot))
        {
            Directory.Delete(_profileRoot, recursive: true);
        }
    }

    [Fact]
    public async Task NavigatorMcp_OverStdio_RunsASession_LogsOnlyToStderr_AndLeavesNoChromium()
    {
        var url = _pages.MapSearchFlow("stdio");
        var stderr = new ConcurrentQueue<string>();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "navigator",
            Command = NavigatorExecutable.Path,
            Arguments = ["mcp"],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["NAVIGATOR_BROWSER__CHROMIUM__PROFILEROOT"] = _profileRoot,
                ["NAVIGATOR_LOGGING__LOGLEVEL__DEFAULT"] = "Information",
            },
            StandardErrorLines = stderr.Enqueue,
            ShutdownTimeout = TimeSpan.FromSeconds(15),
        });

        await using (var client = await McpClient.CreateAsync(transport))
        {
            Assert.Equal("navigator", client.ServerInfo?.Name);
            var tools = await client.ListToolsAsync();
            Assert.Contains(tools, t => t.Name == "start_browser_session");

            await client.CallOkAsync("start_browser_session", new { room_name = "stdio-room", initial_url = url });
            var context = await client.CallOkAsync("get_browser_context", new { room_name = "stdio-room", include_elements = true });
            Assert.Equal("Search form", context.GetProperty("title").GetString());
            await client.CallOkAsync("execute_action", new { room_name = "stdio-room", action_type = "type", @params = new { index = VoiceAgentFlowTests.IndexOf(context, "Query"), text = "over stdio" } });
            var clicked = await client.CallOkAsync("execute_action", new { room_name = "stdio-room", action_type = "click", @params = new { index = VoiceAgentFlowTests.IndexOf(context, "Search") } });
            Assert.Equal("Results for over stdio", clicked.GetProperty("title").GetString());
            await client.CallErrorAsync("start_browser_session", new { room_name = "stdio-room" }, "room_exists");

            // Without HTTP there is no live view, so nobody could answer a call for help.
            await client.CallErrorAsync("request_human_help", new { room_name = "stdio-room", reason = "Please log in" }, "live_view_unavailable");
            await client.CallErrorAsync("get_browser_context", new { room_name = 7 }, "invalid_parameter");
            await client.CallOkAsync("close_browser_session", new { room_name = "stdio-room" });

            // Left open on purpose: ending the client must close it and its browser.
            await client.CallOkAsync("start_browser_session", new { room_name = "stdio-left-open", initial_url = url });
            Assert.NotEmpty(ProcessTree.FindByCommandLine(_profileRoot));
        }

        await Eventually.TrueAsync(() => ProcessTree.FindByCommandLine(_profileRoot).Count == 0, TimeSpan.FromSeconds(15), "every chromium of the stdio server to exit");
        Assert.Contains(stderr, line => line.Contains("stdio-left-open: session closed (server_shutdown)", StringComparison.Ordinal));
        Assert.Contains(stderr, line => line.Contains("stdio-room: session started", StringComparison.Ordinal));
        Assert.Equal(2, _pages.Hits("/stdio/form"));
    }
}
