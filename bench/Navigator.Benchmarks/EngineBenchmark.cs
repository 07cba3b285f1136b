using System.Diagnostics;
using System.Globalization;
using Navigator.Browser;
using Navigator.Browser.Diagnostics;
using Navigator.Browser.Launching;
using Navigator.Cdp.Protocol;

namespace Navigator.Benchmarks;

/// <summary>Cold browser start, new session (context + page) and CDP round trip, against a raw client.</summary>
internal sealed class EngineBenchmark : IBenchmark
{
    public string Name => "engine";

    public string Description => "cold start, new session, CDP round trip vs a raw CDP client (targets 400 / 60 / 0.5 ms)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var executable = ChromiumLocator.Locate();
        var launches = Math.Clamp(context.Iterations / 3, 5, 15);
        var table = new ResultTable(context.Output, "engine (p50 over samples; baseline = raw WebSocket CDP client, same machine, same run)");

        // Cold start to a usable first page, alternating ours and raw to share machine noise.
        var oursCold = new Samples("cold start");
        var rawCold = new Samples("raw cold start");
        for (var i = 0; i < launches + 1; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var pool = new BrowserPool(new BrowserPoolOptions());
            await pool.CreateSessionAsync(new BrowserSessionOptions(), cancellationToken);
            var ours = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            await pool.DisposeAsync();

            start = Stopwatch.GetTimestamp();
            var raw = await RawCdpClient.LaunchAsync(executable);
            await raw.SendAsync("Target.createTarget", "{\"url\":\"about:blank\"}");
            var rawMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            await raw.DisposeAsync();

            if (i > 0)
            {
                // The first pair warms the disk cache and the JIT.
                oursCold.Add(ours);
                rawCold.Add(rawMs);
            }
        }

        table.Add("cold start to first page", oursCold, rawCold, 400);

        await using var warmPool = new BrowserPool(new BrowserPoolOptions());
        await warmPool.WarmUpAsync(cancellationToken);
        await using var rawClient = await RawCdpClient.LaunchAsync(executable);

        // New session: ours includes context, tab, auto-attach and domain setup; raw is the three
        // bare commands. Closing is not timed (it is measured on its own below).
        var sessions = new List<BrowserSession>();
        var oursSession = new Samples("new session");
        var rawSession = new Samples("raw new session");
        var oursClose = new Samples("close session");
        for (var i = 0; i < context.Iterations + 3; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var session = await warmPool.CreateSessionAsync(new BrowserSessionOptions(), cancellationToken);
            var created = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            start = Stopwatch.GetTimestamp();
            var rawContext = await rawClient.SendAsync("Target.createBrowserContext");
            var contextId = rawContext.GetProperty("browserContextId").GetString()!;
            var target = await rawClient.SendAsync("Target.createTarget", $"{{\"url\":\"about:blank\",\"browserContextId\":\"{contextId}\"}}");
            await rawClient.SendAsync("Target.attachToTarget", $"{{\"targetId\":\"{target.GetProperty("targetId").GetString()}\",\"flatten\":true}}");
            var rawCreated = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            // Let both renderers finish starting before the next pair, then close (untimed for raw).
            await session.ActivePage.Ready;
            await rawClient.SendAsync("Target.disposeBrowserContext", $"{{\"browserContextId\":\"{contextId}\"}}");
            sessions.Add(session);
            if (sessions.Count > 4)
            {
                start = Stopwatch.GetTimestamp();
                await sessions[0].DisposeAsync();
                oursClose.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                sessions.RemoveAt(0);
            }

            if (i >= 3)
            {
                oursSession.Add(created);
                rawSession.Add(rawCreated);
            }
        }

        table.Add("new session (context+page)", oursSession, rawSession, 60);
        table.Add("close session", oursClose, null, null);

        var page = sessions[^1].ActivePage;
        var evaluate = new RuntimeEvaluateRequest { Expression = "1", ReturnByValue = true };
        var rawTarget = await rawClient.SendAsync("Target.createTarget", "{\"url\":\"about:blank\"}");
        var rawAttach = await rawClient.SendAsync("Target.attachToTarget", $"{{\"targetId\":\"{rawTarget.GetProperty("targetId").GetString()}\",\"flatten\":true}}");
        var rawSessionId = rawAttach.GetProperty("sessionId").GetString();
        var (oursRtt, rawRtt) = await Samples.MeasurePairAsync(
            "round trip",
            async () => await page.Cdp.SendAsync(evaluate, cancellationToken),
            "raw round trip",
            () => rawClient.SendAsync("Runtime.evaluate", "{\"expression\":\"1\",\"returnByValue\":true}", rawSessionId),
            context.Iterations * 30,
            warmup: 50);
        table.Add("Runtime.evaluate round trip", oursRtt, rawRtt, 0.5);

        var pss = warmPool.ProcessIds.Sum(ProcessTree.PssBytes);
        table.AddValue($"browser PSS with {sessions.Count} open sessions", string.Create(CultureInfo.InvariantCulture, $"{pss / 1048576.0:0} MiB"));
        table.Print();

        foreach (var session in sessions)
        {
            await session.DisposeAsync();
        }
    }
}
