using System.Text.Json;
using Navigator.Server.Tests.Infrastructure;
using Navigator.Testing;

namespace Navigator.Server.Tests.Cluster;

/// <summary>A real redis-server, a page server and three navigator nodes (real HTTP on loopback) sharing rooms through it.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string Key = "cluster-test-key-0123456789";

    public RedisProcess Redis { get; private set; } = null!;

    public TestWebServer Pages { get; private set; } = null!;

    public NavigatorTestServer A { get; private set; } = null!;

    public NavigatorTestServer B { get; private set; } = null!;

    public NavigatorTestServer C { get; private set; } = null!;

    public IReadOnlyList<NavigatorTestServer> Nodes => [A, B, C];

    /// <summary>Settings of a node of the cluster <paramref name="prefix"/> listening on <paramref name="port"/>.</summary>
    public static Dictionary<string, string?> NodeSettings(RedisProcess redis, int port, string prefix) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Server:Urls"] = $"http://127.0.0.1:{port}",
        ["Cluster:Redis"] = redis.ConnectionString,
        ["Cluster:NodeUrl"] = $"http://127.0.0.1:{port}",
        ["Cluster:Key"] = Key,
        ["Cluster:KeyPrefix"] = prefix,
        ["Cluster:Lease"] = "00:00:03",
        ["Cluster:HeartbeatInterval"] = "00:00:00.500",
        ["Cluster:RecoveryInterval"] = "00:00:00.500",
        ["Cluster:MaxCpu"] = "1",
    };

    public async Task InitializeAsync()
    {
        Redis = await RedisProcess.StartAsync();
        Pages = await TestWebServer.StartAsync();
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => NavigatorTestServer.StartAsync(NodeSettings(Redis, RedisProcess.FreePort(), "main:"))));
        (A, B, C) = (nodes[0], nodes[1], nodes[2]);
        await WaitForNodesAsync(A, 3);
    }

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { A, B, C }.Where(n => n is not null))
        {
            await node.DisposeAsync();
        }

        await Pages.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>The node's /health.</summary>
    public static async Task<JsonElement> HealthAsync(Uri node)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return JsonDocument.Parse(await http.GetStringAsync(new Uri(node, "/health"))).RootElement.Clone();
    }

    /// <summary>Waits until the node sees <paramref name="count"/> live nodes with Redis connected.</summary>
    public static Task WaitForNodesAsync(NavigatorTestServer node, int count) => WaitForNodesAsync(node.BaseAddress, count);

    public static Task WaitForNodesAsync(Uri node, int count) => Until.TrueAsync(
        async () =>
        {
            var cluster = (await HealthAsync(node)).GetProperty("cluster");
            return cluster.GetProperty("redis").GetString() == "connected" && cluster.GetProperty("nodes").GetInt32() == count;
        },
        TimeSpan.FromSeconds(30),
        $"{count} live nodes seen from {node}");
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "navigator-cluster";
}

/// <summary>Waits for a condition checked by asking something (a node, Redis).</summary>
public static class Until
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string description)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or StackExchange.Redis.RedisConnectionException)
            {
                // Not up (again) yet.
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {description}");
            }

            await Task.Delay(100);
        }
    }
}
