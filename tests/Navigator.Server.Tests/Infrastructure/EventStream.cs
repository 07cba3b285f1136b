using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Navigator.Server.Tests.Infrastructure;

/// <summary>
/// A WebSocket client of <c>/mcp/events/{room}</c> (or of a live view socket) that queues every JSON
/// message it receives and counts binary ones (live view frames).
/// </summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _pump;
    private long _frames;
    private Exception? _failure;
    private byte[]? _lastFrame;

    private EventStream(ClientWebSocket socket)
    {
        _socket = socket;
        _pump = PumpAsync();
    }

    /// <summary>Close status the server sent, once closed.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    /// <summary>Completes when the server closed the stream.</summary>
    public Task Completion => _pump;

    /// <summary>Binary messages received (JPEG frames on a live view socket).</summary>
    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>The last binary message.</summary>
    public byte[]? LastFrame => Volatile.Read(ref _lastFrame);

    public static async Task<EventStream> ConnectAsync(Uri uri, string? accessToken = null, string? bearer = null, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        if (bearer is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        }

        configure?.Invoke(socket.Options);

        var target = accessToken is null ? uri : new Uri(uri + "?access_token=" + Uri.EscapeDataString(accessToken));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(target, timeout.Token);
        return new EventStream(socket);
    }

    /// <summary>Sends a JSON text message (a live view command).</summary>
    public Task SendAsync(string json) => _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next event, whatever its type.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        try
        {
            return await _events.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No event arrived in time");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The event stream closed ({CloseStatus}{(_failure is null ? string.Empty : ": " + _failure.Message)})");
        }
    }

    /// <summary>Skips events until one of <paramref name="type"/> arrives; returns the skipped ones too.</summary>
    public async Task<(JsonElement Match, List<JsonElement> Before)> WaitForAsync(string type, Func<JsonElement, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var skipped = new List<JsonElement>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No {type} event arrived in time; saw {string.Join(", ", skipped.Select(e => e.GetProperty("type").GetString()))}");
            }

            var next = await NextAsync(left);
            if (next.GetProperty("type").GetString() == type && (predicate is null || predicate(next)))
            {
                return (next, skipped);
            }

            skipped.Add(next);
        }
    }

    /// <summary>Events queued right now, without waiting.</summary>
    public List<JsonElement> Drain()
    {
        var list = new List<JsonElement>();
        while (_events.Reader.TryRead(out var e))
        {
            list.Add(e);
        }

        return list;
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the server's close, as browsers do.
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage && result.MessageType == WebSocketMessageType.Binary)
                {
                    Volatile.Write(ref _lastFrame, message.ToArray());
                    Interlocked.Increment(ref _frames);
                    message.SetLength(0);
                }
                else if (result.EndOfMessage)
                {
                    var json = JsonDocument.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length)).RootElement.Clone();
                    message.SetLength(0);
                    _events.Writer.TryWrite(json);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            _failure = ex;
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                _socket.Abort();
            }
        }

        await _pump.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
    }
}
