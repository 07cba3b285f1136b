using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Navigator.Server.Auth;
using Navigator.Server.Hosting;
using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

[Trait("Step", "10")]
public sealed class AuthTests
{
    private const string Key = "test-api-key-0123456789abcdef";

    [Theory]
    [InlineData("http://127.0.0.1:8000", true)]
    [InlineData("http://127.8.9.10:8000", true)]
    [InlineData("http://localhost:8000", true)]
    [InlineData("http://[::1]:8000", true)]
    [InlineData("http://0.0.0.0:8000", false)]
    [InlineData("http://[::]:8000", false)]
    [InlineData("http://*:8000", false)]
    [InlineData("http://+:8000", false)]
    [InlineData("http://10.1.2.3:8000", false)]
    [InlineData("http://example.com:8000", false)]
    public void ListenAddresses_TellLoopbackFromExposed(string url, bool loopback) =>
        Assert.Equal(loopback, ListenAddresses.IsLoopback(url));

    [Fact]
    public void Serve_RefusesAnExposedAddressWithoutAKey_ButAcceptsItWithOne()
    {
        var refused = Assert.Throws<InsecureBindingException>(() =>
            NavigatorWebHost.Build(new Dictionary<string, string?> { ["Server:Urls"] = "http://127.0.0.1:0;http://0.0.0.0:0" }));
        Assert.Contains("http://0.0.0.0:0", refused.Message, StringComparison.Ordinal);

        // Built, not started: nothing listens beyond loopback in tests.
        var app = NavigatorWebHost.Build(new Dictionary<string, string?>
        {
            ["Server:Urls"] = "http://0.0.0.0:0",
            ["Server:ApiKey"] = Key,
            ["Sessions:WarmUpOnStart"] = "false",
        });
        Assert.NotNull(app);
    }

    [Theory]
    [InlineData("Kestrel:Endpoints:Open:Url", "http://0.0.0.0:0")]
    [InlineData("Kestrel:Endpoints:Other:Url", "http://10.1.2.3:0")]
    public void Serve_RefusesKestrelEndpointsBeyondLoopbackWithoutAKey(string key, string url)
    {
        // NAVIGATOR_KESTREL__ENDPOINTS__OPEN__URL and ASPNETCORE_KESTREL__... arrive as these keys.
        var refused = Assert.Throws<InsecureBindingException>(() =>
            NavigatorWebHost.Build(new Dictionary<string, string?> { ["Server:Urls"] = "http://127.0.0.1:0", [key] = url }));
        Assert.Contains(url, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Serve_TreatsABlankKeyAsNoKey(string blank) =>
        Assert.Throws<InsecureBindingException>(() =>
            NavigatorWebHost.Build(new Dictionary<string, string?> { ["Server:Urls"] = "http://0.0.0.0:0", ["Server:ApiKey"] = blank }));

    [Fact]
    public async Task Serve_StopsWhenKestrelBindsBeyondLoopbackWithoutAKey_HoweverItWasConfigured()
    {
        // Listening set up in code is invisible to the configuration check; the bound addresses are not.
        var app = NavigatorWebHost.Build(
            new Dictionary<string, string?> { ["Server:Urls"] = "http://127.0.0.1:0", ["Sessions:WarmUpOnStart"] = "false" },
            builder => builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenAnyIP(0)));
        try
        {
            var refused = await Assert.ThrowsAsync<InsecureBindingException>(() => app.StartAsync());
            Assert.Contains("without an API key", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task WithAKey_HttpAndWebSocketRequireIt_AndHealthStaysOpen()
    {
        await using var server = await NavigatorTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Server:ApiKey"] = Key,
            ["Sessions:WarmUpOnStart"] = "false",
        });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var anonymous = await PostToolsListAsync(http, null);
        var wrong = await PostToolsListAsync(http, Key + "x");
        var shorter = await PostToolsListAsync(http, Key[..^1]);
        var right = await PostToolsListAsync(http, Key);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, shorter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/rooms/r/connections")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);

        await using var client = await server.ConnectAsync(apiKey: Key);
        Assert.NotEmpty(await client.ListToolsAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => server.ConnectAsync(apiKey: "nope"));

        await Assert.ThrowsAsync<WebSocketException>(() => EventStream.ConnectAsync(server.EventsUri("auth-room")));
        await Assert.ThrowsAsync<WebSocketException>(() => EventStream.ConnectAsync(server.EventsUri("auth-room"), accessToken: "wrong"));
        await using var byQuery = await EventStream.ConnectAsync(server.EventsUri("auth-room"), accessToken: Key);
        await using var byHeader = await EventStream.ConnectAsync(server.EventsUri("auth-room"), bearer: Key);
        Assert.Equal(2, server.Services.GetRequiredService<Navigator.Tools.Events.IRoomEventBroadcaster>().GetConnectionCount("auth-room"));

        // The query token is for WebSockets only; plain HTTP must use the header.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/rooms/r/connections?access_token={Key}")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostToolsListAsync(HttpClient http, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await http.SendAsync(request);
    }
}
