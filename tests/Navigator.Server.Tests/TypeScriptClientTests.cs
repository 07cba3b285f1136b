using System.Text.Json;
using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

[Collection(ServerCollection.Name)]
[Trait("Step", "10")]
public sealed class TypeScriptClientTests(ServerFixture fixture)
{
    [Fact]
    public async Task OfficialTypeScriptClient_OverStreamableHttp_RunsTheFlow()
    {
        var url = fixture.Pages.MapSearchFlow("ts-http");

        var seen = await TypeScriptClient.RunFlowAsync("http", fixture.Server.McpEndpoint.ToString(), url);

        AssertFlow(seen);
        Assert.Equal(1, fixture.Pages.Hits("/ts-http/form"));
    }

    [Fact]
    public async Task OfficialTypeScriptClient_OverStdio_RunsTheFlow_AndTheServerExits()
    {
        var url = fixture.Pages.MapSearchFlow("ts-stdio");

        var seen = await TypeScriptClient.RunFlowAsync("stdio", NavigatorExecutable.Path, url);

        AssertFlow(seen);
        var pid = seen.GetProperty("serverPid").GetInt32();
        await Navigator.Testing.Eventually.TrueAsync(
            () => !Directory.Exists($"/proc/{pid}") || File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), "the stdio server to exit after the client closed");
    }

    private static void AssertFlow(JsonElement seen)
    {
        Assert.Equal("navigator", seen.GetProperty("server").GetString());
        Assert.Contains("start_browser_session", seen.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.False(seen.GetProperty("started").GetProperty("isError").GetBoolean());
        Assert.Empty(seen.GetProperty("withoutOutputSchema").EnumerateArray());
        Assert.Empty(seen.GetProperty("escapes").EnumerateArray());
        Assert.Equal("Search form", seen.GetProperty("context").GetProperty("title").GetString());
        Assert.True(seen.GetProperty("context").GetProperty("textHasTitle").GetBoolean());
        Assert.Equal("image/jpeg", seen.GetProperty("image").GetString());
        Assert.Contains("execute_action", seen.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.False(seen.GetProperty("clicked").GetProperty("isError").GetBoolean());
        Assert.Equal("Results for from typescript", seen.GetProperty("clicked").GetProperty("title").GetString());
        Assert.True(seen.GetProperty("clicked").GetProperty("navigated").GetBoolean());
        Assert.StartsWith("click: navigated to ", seen.GetProperty("clicked").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("missing_parameter", seen.GetProperty("missingRoom").GetProperty("code").GetString());
        Assert.True(seen.GetProperty("missingRoom").GetProperty("isError").GetBoolean());
        Assert.Equal("room_not_found", seen.GetProperty("unknownRoom").GetProperty("code").GetString());
        Assert.Equal("closed", seen.GetProperty("closed").GetProperty("status").GetString());
        Assert.Equal("room_not_found", seen.GetProperty("afterClose").GetProperty("code").GetString());
        Assert.False(seen.GetProperty("afterClose").GetProperty("structured").GetBoolean());
    }
}
