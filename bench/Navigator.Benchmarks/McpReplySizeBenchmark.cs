using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Navigator.Testing;

namespace Navigator.Benchmarks;

/// <summary>
/// What a model pays for a tool reply: characters of text content (what a model reads) and the
/// total with structuredContent, for get_browser_context on the issue-12 form page and the
/// 3000-element page, and for an action's reply, over Streamable HTTP against the real app.
/// </summary>
internal sealed class McpReplySizeBenchmark : IBenchmark
{
    /// <summary>The form page of issue 12, as served there.</summary>
    private const string FormPage = """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Form page</title></head>
        <body><h1>Form page</h1>
        <form id="f"><label>First name <input id="first" name="first"></label>
        <label>Country <select id="country"><option value="">Choose...</option><option value="fr">France</option></select></label>
        <label><input id="s" type="checkbox"> Subscribe</label><button type="submit">Submit</button></form>
        <p id="result" role="status">Not submitted</p>
        <script>document.getElementById('f').addEventListener('submit', (e) => { e.preventDefault(); });</script>
        </body></html>
        """;

    /// <summary>JSON as a client would show it to a model: compact, no \u escapes for quotes or non-ASCII.</summary>
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "mcp-replies";

    public string Description => "MCP reply sizes in characters (text content a model reads; total with structuredContent): get_browser_context on the form and 3000-element pages, an action";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var pages = await TestWebServer.StartAsync();
        pages.MapHtml("/replies/form", FormPage);
        pages.MapHtml("/replies/big", PageStateBenchmark.BuildPage());
        await using var server = await McpBenchmark.StartHttpServerAsync();
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(server.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }), cancellationToken: cancellationToken);

        var table = new ResultTable(context.Output, "mcp reply sizes (characters; value = text content a model reads, baseline = total incl. structuredContent)");
        foreach (var (page, path) in new[] { ("form page", "/replies/form"), ("3000-element page", "/replies/big") })
        {
            var room = "replies-" + path.Replace('/', '-').Trim('-');
            await CallAsync(client, "start_browser_session", new Dictionary<string, object?> { ["room_name"] = room, ["initial_url"] = pages.Url(path) }, cancellationToken);
            foreach (var mode in new[] { "viewport", "full_page" })
            {
                var reply = await CallAsync(client, "get_browser_context", new Dictionary<string, object?> { ["room_name"] = room, ["mode"] = mode }, cancellationToken);
                Add(table, $"get_browser_context {mode}, {page}", reply);
            }

            await CallAsync(client, "close_browser_session", new Dictionary<string, object?> { ["room_name"] = room }, cancellationToken);
        }

        // An action's reply: choose a country on the form page.
        await CallAsync(client, "start_browser_session", new Dictionary<string, object?> { ["room_name"] = "replies-action", ["initial_url"] = pages.Url("/replies/form") }, cancellationToken);
        await CallAsync(client, "get_browser_context", new Dictionary<string, object?> { ["room_name"] = "replies-action" }, cancellationToken);
        var typed = await CallAsync(client, "execute_action", new Dictionary<string, object?>
        {
            ["room_name"] = "replies-action",
            ["action_type"] = "type",
            ["params"] = new Dictionary<string, object?> { ["index"] = 1, ["text"] = "Ada" },
        }, cancellationToken);
        Add(table, "execute_action type, form page", typed);
        await CallAsync(client, "close_browser_session", new Dictionary<string, object?> { ["room_name"] = "replies-action" }, cancellationToken);
        table.Print();
    }

    private static void Add(ResultTable table, string metric, CallToolResult reply)
    {
        var text = reply.Content.OfType<TextContentBlock>().Sum(t => t.Text.Length);
        var structured = reply.StructuredContent is { } json ? JsonSerializer.Serialize(json, Relaxed).Length : 0;
        var culture = CultureInfo.InvariantCulture;
        table.AddValue(metric, text.ToString("N0", culture), (text + structured).ToString("N0", culture));
    }

    private static async Task<CallToolResult> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: cancellationToken);
        if (result.IsError == true)
        {
            throw new InvalidOperationException($"{tool} failed: {result.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text}");
        }

        return result;
    }
}
