using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Navigator.Server.Tests.Infrastructure;

/// <summary>A plain WebSocket client of <c>/rooms/{room}/live/socket</c>: JSON messages queued, JPEG frames counted.</summary>
public sealed class RawLiveViewer : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _pump;
    private long _frames;
    private byte[]? _lastFrame;

    private RawLiveViewer(ClientWebSocket socket)
    {
        _socket = socket;
        _pump = PumpAsync();
    }

    public long Frames => Interlocked.Read(ref _frames);

    public byte[]? LastFrame => Volatile.Read(ref _lastFrame);

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public Task Completion => _pump;

    public static async Task<RawLiveViewer> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        configure?.Invoke(socket.Options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri, timeout.Token);
        return new RawLiveViewer(socket);
    }

    public Task SendAsync(string json) => _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Skips messages until one of <paramref name="type"/> arrives.</summary>
    public async Task<JsonElement> WaitForAsync(string type, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var message = await _messages.Reader.ReadAsync(cts.Token);
                var kind = message.GetProperty("type").GetString()!;
                if (kind == type)
                {
                    return message;
                }

                seen.Add(kind);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"No {type} message arrived; saw {string.Join(", ", seen)} (close status {CloseStatus})");
        }
    }

    private async Task PumpAsync()
    {
        var buffer = new byte[1 << 20];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Volatile.Write(ref _lastFrame, message.ToArray());
                    Interlocked.Increment(ref _frames);
                }
                else
                {
                    _messages.Writer.TryWrite(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
                }

                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            _messages.Writer.TryComplete();
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
