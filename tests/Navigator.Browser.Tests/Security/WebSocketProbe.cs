using System.Text.Json;

namespace Navigator.Browser.Tests.Security;

/// <summary>Opens WebSockets from inside a page and reports how each attempt ended.</summary>
internal static class WebSocketProbe
{
    /// <summary>
    /// Page script defining <c>openSocket(url, message)</c>: resolves "open" (or the echoed
    /// message when one is given) or "error".
    /// </summary>
    public const string Script = """
        <script>
          window.openSocket = (url, message) => new Promise(resolve => {
            const ws = new WebSocket(url);
            ws.onopen = () => message === undefined ? (ws.close(), resolve('open')) : ws.send(message);
            ws.onmessage = e => { ws.close(); resolve(e.data); };
            ws.onerror = () => resolve('error');
          });
        </script>
        """;

    /// <summary>Opens <paramref name="httpUrl"/> as ws:// from the active tab (which must have <see cref="Script"/>).</summary>
    public static async Task<string> OpenAsync(BrowserSession session, string httpUrl, string? message = null)
    {
        var url = httpUrl.Replace("http:", "ws:", StringComparison.Ordinal);
        var call = message is null
            ? $"openSocket({JsonSerializer.Serialize(url)})"
            : $"openSocket({JsonSerializer.Serialize(url)}, {JsonSerializer.Serialize(message)})";
        var result = await session.ActivePage.EvaluateAsync(call, awaitPromise: true).WaitAsync(TimeSpan.FromSeconds(15));
        return result.GetString()!;
    }
}
