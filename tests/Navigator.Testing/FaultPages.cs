namespace Navigator.Testing;

/// <summary>Pages for fault tests and benchmarks, including hostile ones (spinning, alert loops, pushState floods).</summary>
public static class FaultPages
{
    /// <summary>A plain page titled "ok".</summary>
    public const string Ok = "/ok";

    /// <summary>Another plain page, titled "other".</summary>
    public const string Other = "/other";

    /// <summary>Loads, then spins forever on the main thread.</summary>
    public const string BusyAfterLoad = "/busy";

    /// <summary>Opens alert() in a loop while parsing: load never completes.</summary>
    public const string AlertLoop = "/alerts";

    /// <summary>Calls history.pushState every 5 ms.</summary>
    public const string PushStateFlood = "/flood";

    /// <summary>Serves the pages on <paramref name="server"/>.</summary>
    public static void Map(TestWebServer server)
    {
        server.MapHtml(Ok, "<!doctype html><title>ok</title><h1>fine</h1><button>press</button>");
        server.MapHtml(Other, "<!doctype html><title>other</title><p>other page</p>");
        server.MapHtml(BusyAfterLoad, "<!doctype html><title>busy</title><script>addEventListener('load', () => setTimeout(() => { for (;;) {} }, 50));</script>");
        server.MapHtml(AlertLoop, "<!doctype html><title>alerts</title><script>for (let i = 0; ; i++) { alert('loop ' + i); }</script>");
        server.MapHtml(PushStateFlood, "<!doctype html><title>flood</title><script>let n = 0; setInterval(() => history.pushState({}, '', '/flood?n=' + (++n)), 5);</script>");
    }
}
