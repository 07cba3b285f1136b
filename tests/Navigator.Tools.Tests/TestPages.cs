using Navigator.Testing;

namespace Navigator.Tools.Tests;

/// <summary>Pages the fault tests drive, including hostile ones.</summary>
public static class TestPages
{
    public const string Ok = "/ok";
    public const string Other = "/other";

    /// <summary>Loads, then spins forever on the main thread.</summary>
    public const string BusyAfterLoad = "/busy";

    /// <summary>Opens alert() in a loop while parsing: load never completes.</summary>
    public const string AlertLoop = "/alerts";

    /// <summary>Calls history.pushState every 5 ms.</summary>
    public const string PushStateFlood = "/flood";

    public static void Map(TestWebServer server)
    {
        server.MapHtml(Ok, "<!doctype html><title>ok</title><h1>fine</h1><button>press</button>");
        server.MapHtml(Other, "<!doctype html><title>other</title><p>other page</p>");
        server.MapHtml(BusyAfterLoad, "<!doctype html><title>busy</title><script>addEventListener('load', () => setTimeout(() => { for (;;) {} }, 50));</script>");
        server.MapHtml(AlertLoop, "<!doctype html><title>alerts</title><script>for (let i = 0; ; i++) { alert('loop ' + i); }</script>");
        server.MapHtml(PushStateFlood, "<!doctype html><title>flood</title><script>let n = 0; setInterval(() => history.pushState({}, '', '/flood?n=' + (++n)), 5);</script>");
    }
}
