using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Navigator.Actions.Diagnostics;
using Navigator.Server.Hosting;
using Navigator.Server.Tests.Infrastructure;
using Navigator.Testing;
using Navigator.Tools.Diagnostics;

namespace Navigator.Server.Tests;

/// <summary>Metrics and traces as operators get them: a Prometheus scrape, spans to a listener, an OTLP push to a collector.</summary>
[Collection(ServerCollection.Name)]
[Trait("Step", "16")]
public sealed class TelemetryTests(ServerFixture fixture)
{
    private const string Key = "telemetry-test-key-0123456789";

    [Fact]
    public async Task PrometheusScrape_AfterRealToolCalls_ShowsCountsAndDurationsWithTheirLabels()
    {
        await using var server = await NavigatorTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Server:ApiKey"] = Key,
            ["Telemetry:Prometheus:Enabled"] = "true",
        });
        var url = fixture.Pages.MapSearchFlow("prom");
        const string room = "prom-room";
        await using var client = await server.ConnectAsync(Key);
        await client.CallOkAsync("start_browser_session", new { room_name = room, initial_url = url, allowed_domains = new[] { "127.0.0.1" } });
        await using var events = await EventStream.ConnectAsync(server.EventsUri(room), bearer: Key);
        await client.CallOkAsync("execute_action", new { room_name = room, action_type = "navigate", @params = new { url = fixture.Pages.Url("/prom/other") } });
        await events.WaitForAsync("action_completed");
        await client.CallErrorAsync("execute_action", new { room_name = room, action_type = "navigate", @params = new { url = "http://blocked.example/" } }, "navigation_blocked");
        await client.CallErrorAsync("execute_action", new { room_name = room, action_type = "fly" }, "unknown_action");

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using (var anonymous = await http.GetAsync(new Uri("/metrics", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var scrape = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.True(Sample(scrape, "navigator_tool_calls_total", ("navigator_tool", "execute_action"), ("navigator_outcome", "success")) >= 1, scrape);
        Assert.True(Sample(scrape, "navigator_tool_calls_total", ("navigator_tool", "execute_action"), ("error_type", "unknown_action")) >= 1, scrape);
        Assert.True(Sample(scrape, "navigator_actions_total", ("navigator_action_type", "navigate"), ("navigator_outcome", "success")) >= 1, scrape);
        Assert.True(Sample(scrape, "navigator_actions_total", ("navigator_action_type", "navigate"), ("error_type", "navigation_blocked")) >= 1, scrape);
        Assert.True(Sample(scrape, "navigator_actions_total", ("navigator_action_type", "unknown"), ("error_type", "unknown_action")) >= 1, scrape);
        Assert.True(Sample(scrape, "navigator_action_duration_seconds_count", ("navigator_action_type", "navigate"), ("navigator_outcome", "success")) >= 1, scrape);
        Assert.True(Sample(scrape, "navigator_action_duration_seconds_bucket", ("navigator_action_type", "navigate"), ("le", "+Inf")) >= 1, scrape);
        Assert.True(Sample(scrape, "navigator_tool_duration_seconds_count", ("navigator_tool", "start_browser_session")) >= 1, scrape);
        Assert.True(Sample(scrape, "navigator_browser_egress_refusals_total", ("navigator_refusal_reason", "not_allowed"), ("navigator_request_kind", "navigation")) >= 1, scrape);
        Assert.True(Sample(scrape, "navigator_events_sent_total", ("navigator_event_type", "action_completed")) >= 1, scrape);
        Assert.True(Sample(scrape, "navigator_sessions", ("navigator_session_state", "active")) >= 1, scrape);
        Assert.NotNull(Sample(scrape, "navigator_sessions", ("navigator_session_state", "crashed")));

        // Room names are unbounded and stay out of metrics; they are on spans.
        Assert.DoesNotContain(room, scrape, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrometheusScrape_CanBeOpenedToScrapersWithoutTheKey()
    {
        await using var server = await NavigatorTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Server:ApiKey"] = Key,
            ["Telemetry:Prometheus:Enabled"] = "true",
            ["Telemetry:Prometheus:Path"] = "/scrape",
            ["Telemetry:Prometheus:AllowAnonymous"] = "true",
        });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var scrape = await http.GetStringAsync(new Uri("/scrape", UriKind.Relative));
        Assert.Contains("navigator_sessions", scrape, StringComparison.Ordinal);

        // Only the scrape is opened.
        using var mcp = await http.PostAsync(new Uri("/mcp", UriKind.Relative), new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Unauthorized, mcp.StatusCode);
    }

    [Theory]
    [InlineData("Telemetry:Otlp:Endpoint", "collector:4318", "absolute http")]
    [InlineData("Telemetry:Otlp:Protocol", "http/json", "Protocol")]
    [InlineData("Telemetry:Prometheus:Path", "metrics", "Path")]
    [InlineData("Telemetry:Prometheus:Path", "/health", "taken")]
    [InlineData("Telemetry:Otlp:MetricExportInterval", "00:00:00", "MetricExportInterval")]
    public void Serve_RefusesUnusableTelemetrySettings(string key, string value, string expected)
    {
        var refused = Assert.Throws<OptionsValidationException>(() =>
            NavigatorWebHost.Build(new Dictionary<string, string?> { ["Server:Urls"] = "http://127.0.0.1:0", [key] = value }));
        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spans_AToolCallHasAChildSpanPerAction_WithRoomTypeAndOutcome()
    {
        const string room = "spans-room";
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is ToolTelemetry.Name or ActionTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var url = fixture.Pages.MapSearchFlow("spans");
        await using var client = await fixture.Server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = room });
        try
        {
            await client.CallOkAsync("execute_action", new { room_name = room, action_type = "navigate", @params = new { url } });
            await client.CallErrorAsync("execute_action", new { room_name = room, action_type = "fly" }, "unknown_action");
        }
        finally
        {
            await client.CallAsync("close_browser_session", new { room_name = room });
        }

        var ours = stopped.Where(a => Equals(a.GetTagItem(ToolTelemetry.RoomTag), room)).ToList();
        var tools = ours.Where(a => a.OperationName == "tool execute_action").ToList();
        Assert.Equal(2, tools.Count);
        var navigate = ours.Single(a => a.OperationName == "action navigate");
        var navigateTool = tools.Single(t => t.SpanId == navigate.ParentSpanId);
        Assert.Equal(navigateTool.TraceId, navigate.TraceId);
        Assert.Equal("success", navigateTool.GetTagItem(ToolTelemetry.OutcomeTag));
        Assert.Equal("navigate", navigate.GetTagItem(ActionTelemetry.ActionTypeTag));
        Assert.Equal("success", navigate.GetTagItem(ActionTelemetry.OutcomeTag));

        var failed = ours.Single(a => a.OperationName == "action unknown");
        var failedTool = tools.Single(t => t.SpanId == failed.ParentSpanId);
        Assert.Equal("unknown_action", failed.GetTagItem(ActionTelemetry.ErrorCodeTag));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal("unknown_action", failedTool.GetTagItem(ToolTelemetry.ErrorCodeTag));
        Assert.Equal(ActivityStatusCode.Error, failedTool.Status);
        Assert.Contains(ours, a => a.OperationName == "tool start_browser_session" && Equals(a.GetTagItem(ToolTelemetry.OutcomeTag), "success"));
    }

    [Fact]
    public async Task Otlp_PushesTracesAndMetricsToTheConfiguredCollector()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var server = await NavigatorTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Telemetry:Otlp:Endpoint"] = collector.BaseAddress.ToString(),
            ["Telemetry:Otlp:MetricExportInterval"] = "00:00:01",
        });
        await using var client = await server.ConnectAsync();

        await client.CallOkAsync("list_browser_sessions");
        await client.CallErrorAsync("execute_action", new { room_name = "otlp-nowhere", action_type = "click", @params = new { index = 1 } }, "room_not_found");

        // OTLP/protobuf bodies carry names and string attributes as UTF-8.
        var traces = await collector.WaitForAsync("/v1/traces", "tool list_browser_sessions");
        Assert.Contains("otlp-nowhere", traces, StringComparison.Ordinal);
        Assert.Contains("room_not_found", traces, StringComparison.Ordinal);
        var metrics = await collector.WaitForAsync("/v1/metrics", ToolTelemetry.ToolCallsName);
        Assert.Contains(ToolTelemetry.SessionsName, metrics, StringComparison.Ordinal);
    }

    /// <summary>The value of the first sample of <paramref name="metric"/> with all <paramref name="labels"/>, or null.</summary>
    private static double? Sample(string scrape, string metric, params (string Name, string Value)[] labels)
    {
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith(metric + "{", StringComparison.Ordinal)
                && labels.All(l => line.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                // name{labels} value [timestamp]
                var value = line[(line.LastIndexOf('}') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return double.Parse(value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>A stand-in OpenTelemetry collector: accepts OTLP/HTTP posts and keeps their bodies.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, string Body)> _received = new();

        private OtlpCollector(WebApplication app) => _app = app;

        public Uri BaseAddress { get; private set; } = null!;

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                collector._received.Enqueue((context.Request.Path.Value!, System.Text.Encoding.UTF8.GetString(body.ToArray())));
                context.Response.ContentType = "application/x-protobuf";
            });
            await app.StartAsync();
            collector.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return collector;
        }

        /// <summary>The first body posted to <paramref name="path"/> that contains <paramref name="text"/>.</summary>
        public async Task<string> WaitForAsync(string path, string text)
        {
            // Traces go out in batches every 5 s, metrics every second here: well inside a minute on a loaded machine.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (true)
            {
                foreach (var (p, body) in _received)
                {
                    if (p == path && body.Contains(text, StringComparison.Ordinal))
                    {
                        return body;
                    }
                }

                if (timeout.IsCancellationRequested)
                {
                    throw new TimeoutException($"No post to {path} with '{text}'; received: {string.Join(", ", _received.Select(r => $"{r.Path} ({r.Body.Length} chars)"))}");
                }

                await Task.Delay(200, CancellationToken.None);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
