using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Navigator.Benchmarks;

/// <summary>
/// The baseline: the least code that speaks CDP. Starts Chromium with a debugging port,
/// sends hand-built JSON strings over one WebSocket and matches answers by id. No types,
/// no routing, no session setup.
/// </summary>
internal sealed partial class RawCdpClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket;
    private readonly string _profile;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _events = new(StringComparer.Ordinal);
    private readonly Task _reader;
    private int _id;

    private RawCdpClient(Process process, ClientWebSocket socket, string profile)
    {
        _process = process;
        _socket = socket;
        _profile = profile;
        _reader = Task.Run(ReadAsync);
    }

    public static async Task<RawCdpClient> LaunchAsync(string executable)
    {
        var profile = Directory.CreateTempSubdirectory("navigator-raw-").FullName;
        var startInfo = new ProcessStartInfo(executable) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        string? line;
        Match match;
        do
        {
            line = await process.StandardError.ReadLineAsync() ?? throw new InvalidOperationException("chromium exited");
            match = Listening().Match(line);
        }
        while (!match.Success);

        _ = process.StandardError.ReadToEndAsync();
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(match.Groups[1].Value), CancellationToken.None);
        return new RawCdpClient(process, socket, profile);
    }

    /// <summary>Sends <c>{"id":..,"method":..,"params":..}</c> with params as raw JSON text.</summary>
    public async Task<JsonElement> SendAsync(string method, string parametersJson = "{}", string? sessionId = null)
    {
        var id = Interlocked.Increment(ref _id);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        var session = sessionId is null ? string.Empty : $",\"sessionId\":\"{sessionId}\"";
        var message = Encoding.UTF8.GetBytes($"{{\"id\":{id},\"method\":\"{method}\",\"params\":{parametersJson}{session}}}");
        await _socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
        return await completion.Task;
    }

    /// <summary>Completes at the next event <paramref name="method"/> (call it before the command that causes it).</summary>
    public Task NextEventAsync(string method) =>
        _events.GetOrAdd(method, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>A new tab with a flattened session and the Page domain on: its session id.</summary>
    public async Task<string> OpenPageAsync()
    {
        var target = await SendAsync("Target.createTarget", "{\"url\":\"about:blank\"}");
        var attached = await SendAsync("Target.attachToTarget", $"{{\"targetId\":\"{target.GetProperty("targetId").GetString()}\",\"flatten\":true}}");
        var sessionId = attached.GetProperty("sessionId").GetString()!;
        await SendAsync("Page.enable", "{}", sessionId);
        return sessionId;
    }

    /// <summary>Page.navigate, then the load event: the least a client can do to open a page.</summary>
    public async Task NavigateAsync(string sessionId, string url)
    {
        var loaded = NextEventAsync("Page.loadEventFired");
        await SendAsync("Page.navigate", JsonSerializer.Serialize(new Dictionary<string, string> { ["url"] = url }), sessionId);
        await loaded;
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                using var document = JsonDocument.Parse(buffer.AsMemory(0, count));
                if (document.RootElement.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var completion))
                {
                    completion.TrySetResult(document.RootElement.TryGetProperty("result", out var r) ? r.Clone() : default);
                }
                else if (document.RootElement.TryGetProperty("method", out var method) && _events.TryRemove(method.GetString()!, out var waiter))
                {
                    waiter.TrySetResult();
                }
            }
        }
        catch (WebSocketException)
        {
            // The browser went away (closed by DisposeAsync): the read loop simply ends.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await SendAsync("Browser.close").WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is TimeoutException or WebSocketException)
        {
            // A browser that does not close politely is killed just below.
        }

        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _socket.Dispose();
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Directory.Delete(_profile, recursive: true);
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex Listening();
}
