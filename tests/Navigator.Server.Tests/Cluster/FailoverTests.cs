using System.Diagnostics;
using Navigator.Server.Hosting;
using Navigator.Server.Tests.Infrastructure;
using Navigator.Testing;
using StackExchange.Redis;

namespace Navigator.Server.Tests.Cluster;

/// <summary>A node killed with SIGKILL (a real separate navigator process), and Redis unreachable at start.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(ClusterFixture fixture)
{
    [Fact]
    public async Task KillingTheOwningNode_BringsTheRoomBackOnAnotherNode_AtItsLastUrlWithItsCookies()
    {
        const string prefix = "failover:";
        const string room = "cluster-failover";
        fixture.Pages.Map("/cluster/cookie", context =>
        {
            context.Response.Headers.SetCookie = "agent=remembered; Path=/; Max-Age=3600";
            context.Response.ContentType = "text/html";
            return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "<title>cookie set</title>");
        });
        fixture.Pages.Map("/cluster/last", context =>
        {
            context.Response.ContentType = "text/html";
            return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, $"<title>last:{context.Request.Headers.Cookie}</title>");
        });

        await using var survivor = await NavigatorTestServer.StartAsync(ClusterFixture.NodeSettings(fixture.Redis, RedisProcess.FreePort(), prefix));
        var port = RedisProcess.FreePort();
        using var doomed = StartNodeProcess(ClusterFixture.NodeSettings(fixture.Redis, port, prefix));
        doomed.ErrorDataReceived += (_, _) => { };
        doomed.BeginErrorReadLine();
        try
        {
            var doomedUrl = new Uri($"http://127.0.0.1:{port}/");
            await ClusterFixture.WaitForNodesAsync(doomedUrl, 2);
            await ClusterFixture.WaitForNodesAsync(survivor, 2);

            // Both nodes are empty, so the room stays on the node it was started through: the process.
            var doomedServer = new Uri(doomedUrl, "/mcp");
            await using var direct = await ModelContextProtocol.Client.McpClient.CreateAsync(new ModelContextProtocol.Client.HttpClientTransport(new() { Endpoint = doomedServer, TransportMode = ModelContextProtocol.Client.HttpTransportMode.StreamableHttp }));
            var started = await direct.CallOkAsync("start_browser_session", new { room_name = room, initial_url = fixture.Pages.Url("/cluster/cookie") });
            Assert.Equal($"http://127.0.0.1:{port}", started.GetProperty("node_url").GetString());
            await Until.TrueAsync(async () => (await StateAsync(prefix, room))?.Contains("remembered", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(15), "the cookie snapshot in Redis");
            var last = fixture.Pages.Url("/cluster/last");
            await direct.CallOkAsync("execute_action", new { room_name = room, action_type = "navigate", @params = new { url = last } });
            await Until.TrueAsync(async () => (await StateAsync(prefix, room))?.Contains("/cluster/last", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(15), "the last URL in Redis");

            await using var events = await EventStream.ConnectAsync(survivor.EventsUri(room));
            var killed = Stopwatch.StartNew();
            doomed.Kill();
            await doomed.WaitForExitAsync();

            // A call made meanwhile waits for the room to arrive rather than failing.
            await using var client = await survivor.ConnectAsync();
            var context = await client.CallOkAsync("get_browser_context", new { room_name = room });
            var recoveredAfter = killed.Elapsed;
            Assert.Equal("last:agent=remembered", context.GetProperty("title").GetString());
            Assert.Equal(last, context.GetProperty("url").GetString());
            Assert.True(survivor.Sessions.Holds(room));

            var (recovered, _) = await events.WaitForAsync("session_started");
            Assert.True(recovered.GetProperty("recovered").GetBoolean());
            Assert.Equal(last, recovered.GetProperty("url").GetString());

            // Lease (3 s) plus recovery scans and the rebuild; generous for a loaded machine.
            Assert.True(recoveredAfter < TimeSpan.FromSeconds(45), $"recovered after {recoveredAfter.TotalSeconds:0.0} s");
            var info = await client.CallOkAsync("close_browser_session", new { room_name = room });
            Assert.Equal(1, info.GetProperty("recoveries").GetInt32());
        }
        finally
        {
            if (!doomed.HasExited)
            {
                doomed.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task RedisUnreachableAtStart_IsAClearError_OrASingleNodeWhenAllowed()
    {
        var port = RedisProcess.FreePort();
        var settings = ClusterFixture.NodeSettings(fixture.Redis, port, "unreachable:");
        settings["Cluster:Redis"] = $"127.0.0.1:{RedisProcess.FreePort()}";
        settings["Cluster:ConnectTimeout"] = "00:00:01";
        settings["Sessions:WarmUpOnStart"] = "false";

        using var refused = StartNodeProcess(settings);
        var stderr = await refused.StandardError.ReadToEndAsync();
        await refused.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("could not be reached", stderr, StringComparison.Ordinal);
        Assert.Contains("Cluster:FallbackToSingleNode", stderr, StringComparison.Ordinal);

        settings["Cluster:FallbackToSingleNode"] = "true";
        settings["Server:Urls"] = "http://127.0.0.1:0";
        await using var alone = await NavigatorTestServer.StartAsync(settings);
        var cluster = (await ClusterFixture.HealthAsync(alone.BaseAddress)).GetProperty("cluster");
        Assert.Equal("single", cluster.GetProperty("mode").GetString());
        Assert.Contains("could not be reached", cluster.GetProperty("fallback").GetString(), StringComparison.Ordinal);
        await using var client = await alone.ConnectAsync();
        var started = await client.CallOkAsync("start_browser_session", new { room_name = "cluster-alone" });
        Assert.False(started.TryGetProperty("node_url", out _));
        await client.CallOkAsync("close_browser_session", new { room_name = "cluster-alone" });
    }

    private async Task<string?> StateAsync(string prefix, string room)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.ConnectionString);
        return await redis.GetDatabase().HashGetAsync(prefix + "room:" + room, "state");
    }

    /// <summary>The built navigator executable serving with these settings (as NAVIGATOR_ environment variables).</summary>
    private static Process StartNodeProcess(Dictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo(NavigatorExecutable.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("serve");
        foreach (var (key, value) in settings)
        {
            info.Environment[NavigatorConfiguration.EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()] = value;
        }

        info.Environment["NAVIGATOR_SESSIONS__IDLETIMEOUT"] = "00:00:00";
        info.Environment["NAVIGATOR_LOGGING__LOGLEVEL__DEFAULT"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }
}
