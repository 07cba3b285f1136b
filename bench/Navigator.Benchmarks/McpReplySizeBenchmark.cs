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

    /// <summary>
    /// Sizes measured on main at 89a0fd7, before text and structured content were split (the text
    /// content was the JSON of the result, escaped, and structuredContent the same JSON again).
    /// </summary>
    private static readonly Dictionary<string, (int Text, int Total)> Before = new()
    {
        ["get_browser_context viewport, form page"] = (726, 1_412),
        ["get_browser_context full_page, form page"] = (726, 1_412),
        ["get_browser_context viewport, 3000-element page"] = (3_583, 6_612),
        ["get_browser_context full_page, 3000-element page"] = (191_256, 348_212),
        ["execute_action type, form page"] = (204, 408),
    };

    /// <summary>
    /// Sizes measured on main at 10f05b2 (same machine, 2026-11-28), before issue 12's reading work:
    /// markdown links, "checked" only when checked, blank lines around multi-line containers.
    /// </summary>
    private static readonly Dictionary<string, (int Text, int Total)> BeforeReading = new()
    {
        ["get_browser_context viewport, form page"] = (313, 1_017),
        ["get_browser_context full_page, form page"] = (305, 1_009),
        ["get_browser_context full_page max_chars=1000000, form page"] = (305, 1_011),
        ["get_browser_context viewport, 3000-element page"] = (2_499, 5_546),
        ["get_browser_context full_page, 3000-element page"] = (39_795, 82_239),
        ["get_browser_context full_page max_chars=1000000, 3000-element page"] = (147_778, 304_754),
        ["execute_action type, form page"] = (24, 223),
    };

    /// <summary>JSON as a client would show it to a model: compact, no \u escapes for quotes or non-ASCII.</summary>
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "mcp-replies";

    public string Description => "MCP reply sizes in characters (text content a model reads; total with structuredContent): get_browser_context on the form and 3000-element pages, an action";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var pages = await TestWebServer.StartAsync();
        pages.MapHtml("/replies/form", ReproductionPages.ListenerForm);
        pages.MapHtml("/replies/big", PageStateBenchmark.BuildPage());
        await using var server = await McpBenchmark.StartHttpServerAsync();
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(server.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }), cancellationToken: cancellationToken);

        var rows = new List<string[]>();
        foreach (var (page, path) in new[] { ("form page", "/replies/form"), ("3000-element page", "/replies/big") })
        {
            var room = "replies-" + path.Replace('/', '-').Trim('-');
            await CallAsync(client, "start_browser_session", new Dictionary<string, object?> { ["room_name"] = room, ["initial_url"] = pages.Url(path) }, cancellationToken);
            foreach (var mode in new[] { "viewport", "full_page" })
            {
                var reply = await CallAsync(client, "get_browser_context", new Dictionary<string, object?> { ["room_name"] = room, ["mode"] = mode }, cancellationToken);
                rows.Add(Row($"get_browser_context {mode}, {page}", reply));
            }

            var whole = await CallAsync(client, "get_browser_context", new Dictionary<string, object?> { ["room_name"] = room, ["mode"] = "full_page", ["max_chars"] = 1_000_000 }, cancellationToken);
            rows.Add(Row($"get_browser_context full_page max_chars=1000000, {page}", whole));

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
        rows.Add(Row("execute_action type, form page", typed));
        await CallAsync(client, "close_browser_session", new Dictionary<string, object?> { ["room_name"] = "replies-action" }, cancellationToken);
        Print(context.Output, rows);
        await MeasureChangeReportAsync(pages, context, cancellationToken);
    }

    /// <summary>
    /// What reporting new and gone elements costs a click that changes the page: the same click
    /// (a toggle adding and removing three buttons) on a server with the report on and one with it off.
    /// </summary>
    private static async Task MeasureChangeReportAsync(TestWebServer pages, BenchmarkContext context, CancellationToken cancellationToken)
    {
        pages.MapHtml("/replies/toggle", """
            <html><head><title>Toggle</title></head><body>
            <button onclick="const l = document.getElementById('l'); if (l.children.length) { l.replaceChildren(); } else { for (const n of ['A', 'B', 'C']) { const b = document.createElement('button'); b.textContent = n; l.append(b); } }">Toggle</button>
            <div id="l"></div></body></html>
            """);
        await using var without = await McpBenchmark.StartHttpServerAsync(new Dictionary<string, string?> { ["Sessions:Actions:ReportElementChanges"] = "false" });
        await using var withoutClient = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(without.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }), cancellationToken: cancellationToken);
        await using var with = await McpBenchmark.StartHttpServerAsync();
        await using var withClient = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(with.Address, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }), cancellationToken: cancellationToken);
        var click = new Dictionary<string, object?> { ["room_name"] = "replies-toggle", ["action_type"] = "click", ["params"] = new Dictionary<string, object?> { ["index"] = 1 } };
        foreach (var client in new[] { withClient, withoutClient })
        {
            await CallAsync(client, "start_browser_session", new Dictionary<string, object?> { ["room_name"] = "replies-toggle", ["initial_url"] = pages.Url("/replies/toggle") }, cancellationToken);
            await CallAsync(client, "get_browser_context", new Dictionary<string, object?> { ["room_name"] = "replies-toggle" }, cancellationToken);
        }

        var (reported, plain) = await Samples.MeasurePairAsync(
            "click with change report", () => CallAsync(withClient, "execute_action", click, cancellationToken),
            "click without", () => CallAsync(withoutClient, "execute_action", click, cancellationToken),
            context.Iterations);
        var table = new ResultTable(context.Output, "execute_action click that adds/removes 3 buttons (baseline = same click, ReportElementChanges off)");
        table.Add("http: click, new/gone elements reported", reported, plain, null);
        table.Print();
        foreach (var client in new[] { withClient, withoutClient })
        {
            await CallAsync(client, "close_browser_session", new Dictionary<string, object?> { ["room_name"] = "replies-toggle" }, cancellationToken);
        }
    }

    /// <summary>reply, text chars, total chars, and the same before (when measured).</summary>
    private static string[] Row(string metric, CallToolResult reply)
    {
        var text = reply.Content.OfType<TextContentBlock>().Sum(t => t.Text.Length);
        var structured = reply.StructuredContent is { } json ? JsonSerializer.Serialize(json, Relaxed).Length : 0;
        var culture = CultureInfo.InvariantCulture;
        var before = Before.TryGetValue(metric, out var b) ? b : ((int Text, int Total)?)null;
        var beforeReading = BeforeReading.TryGetValue(metric, out var r) ? r : ((int Text, int Total)?)null;
        return
        [
            metric,
            text.ToString("N0", culture),
            (text + structured).ToString("N0", culture),
            before?.Text.ToString("N0", culture) ?? "-",
            before?.Total.ToString("N0", culture) ?? "-",
            beforeReading?.Text.ToString("N0", culture) ?? "-",
            beforeReading?.Total.ToString("N0", culture) ?? "-",
        ];
    }

    private static void Print(TextWriter output, List<string[]> rows)
    {
        string[] header = ["reply", "text chars", "total chars", "89a0fd7: text", "89a0fd7: total", "10f05b2: text", "10f05b2: total"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine();
        output.WriteLine("== mcp reply sizes (text = text content a model reads; total = text + structuredContent as compact JSON; before: main 89a0fd7, before the text/structured split; main 10f05b2, before issue 12's reading work)");
        foreach (var row in rows.Prepend(header))
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))));
        }
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
