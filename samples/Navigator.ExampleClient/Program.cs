// Example: drive Navigator the way a voice agent does.
//
//   HTTP (navigator serve running):  dotnet run --project samples/Navigator.ExampleClient -- http://127.0.0.1:8000 https://example.com
//   stdio (spawns navigator mcp):    dotnet run --project samples/Navigator.ExampleClient -- stdio:/path/to/navigator https://example.com
//
// Set NAVIGATOR_API_KEY when the server requires a key.
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

var server = args.Length > 0 ? args[0] : "http://127.0.0.1:8000";
var pageUrl = args.Length > 1 ? args[1] : "https://example.com";
var apiKey = Environment.GetEnvironmentVariable("NAVIGATOR_API_KEY");
const string Room = "example-room";

IClientTransport transport = server.StartsWith("stdio:", StringComparison.Ordinal)
    ? new StdioClientTransport(new StdioClientTransportOptions { Command = server["stdio:".Length..], Arguments = ["mcp"] })
    : new HttpClientTransport(new HttpClientTransportOptions
    {
        Endpoint = new Uri(new Uri(server), "/mcp"),
        AdditionalHeaders = apiKey is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + apiKey },
    });

await using var client = await McpClient.CreateAsync(transport);
Console.WriteLine($"Connected to {client.ServerInfo?.Name} {client.ServerInfo?.Version}");
foreach (var tool in await client.ListToolsAsync())
{
    Console.WriteLine($"  tool {tool.Name}");
}

// Over HTTP the room's events stream on a WebSocket; listen before starting so nothing is missed.
using var events = new CancellationTokenSource();
var listener = server.StartsWith("http", StringComparison.Ordinal)
    ? ListenAsync(new Uri(new Uri(server.Replace("http", "ws", StringComparison.Ordinal)), $"/mcp/events/{Room}"), apiKey, events.Token)
    : Task.CompletedTask;

Print("start_browser_session", await CallAsync("start_browser_session", new() { ["room_name"] = Room, ["initial_url"] = pageUrl }));
var context = await CallAsync("get_browser_context", new() { ["room_name"] = Room });
Console.WriteLine(Json(context).GetProperty("text").GetString());
Print("close_browser_session", await CallAsync("close_browser_session", new() { ["room_name"] = Room }));

await Task.Delay(500);
await events.CancelAsync();
await listener;
return 0;

async Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?> arguments)
{
    var result = await client.CallToolAsync(tool, arguments);
    if (result.IsError == true)
    {
        // Tool errors carry {"error_code": ..., "error": ...}; the agent can act on the code.
        Console.WriteLine($"{tool} failed: {Json(result).GetProperty("error_code").GetString()}: {Json(result).GetProperty("error").GetString()}");
    }

    return result;
}

static JsonElement Json(CallToolResult result) =>
    JsonDocument.Parse(result.Content.OfType<TextContentBlock>().First().Text).RootElement;

static void Print(string tool, CallToolResult result) => Console.WriteLine($"{tool}: {Json(result)}");

static async Task ListenAsync(Uri uri, string? apiKey, CancellationToken cancellationToken)
{
    using var socket = new ClientWebSocket();
    if (apiKey is not null)
    {
        socket.Options.SetRequestHeader("Authorization", "Bearer " + apiKey);
    }

    try
    {
        await socket.ConnectAsync(uri, cancellationToken);
        var buffer = new byte[64 * 1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            Console.WriteLine($"event: {Encoding.UTF8.GetString(buffer, 0, received.Count)}");
        }
    }
    catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
    {
    }
}
