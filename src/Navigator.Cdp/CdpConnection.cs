using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Navigator.Cdp.Protocol;
using Navigator.Cdp.Transport;

namespace Navigator.Cdp;

/// <summary>
/// One connection to a browser. Incoming messages are routed by <c>sessionId</c>,
/// then by <c>id</c> (answers), else dispatched as events, strictly in arrival order.
/// </summary>
public sealed class CdpConnection : IAsyncDisposable
{
    private const int RetainedBufferBytes = 1024 * 1024;

    private readonly ICdpTransport _transport;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, PendingCommand> _pending = new();
    private readonly ConcurrentDictionary<string, CdpSession> _sessions = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TaskCompletionSource<CdpConnectionClosedException> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readLoop;
    private int _lastId;
    private CdpConnectionClosedException? _closedError;

    /// <summary>Starts reading from <paramref name="transport"/>; the connection owns it.</summary>
    public CdpConnection(ICdpTransport transport, CdpConnectionOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        _transport = transport;
        Options = options ?? new CdpConnectionOptions();
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = LoggerFactory.CreateLogger<CdpConnection>();
        Browser = new CdpSession(this, null);
        _readLoop = Task.Run(ReadLoopAsync);
    }

    /// <summary>The browser-level session (no sessionId).</summary>
    public CdpSession Browser { get; }

    /// <summary>Connection settings.</summary>
    public CdpConnectionOptions Options { get; }

    internal ILoggerFactory LoggerFactory { get; }

    internal ILogger Logger => _logger;

    /// <summary>Completes when the connection closes, with the reason.</summary>
    public Task<CdpConnectionClosedException> Closed => _closed.Task;

    /// <summary>True once the connection is gone.</summary>
    public bool IsClosed => Volatile.Read(ref _closedError) is not null;

    /// <summary>Connects over a DevTools WebSocket endpoint.</summary>
    public static async Task<CdpConnection> ConnectAsync(Uri webSocketEndpoint, CdpConnectionOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var transport = await WebSocketTransport.ConnectAsync(webSocketEndpoint, cancellationToken);
        return new CdpConnection(transport, options, loggerFactory);
    }

    /// <summary>The session with this id, if it is attached.</summary>
    public CdpSession? GetSession(string sessionId) => _sessions.GetValueOrDefault(sessionId);

    /// <summary>
    /// Returns the session object for an id the browser handed out (e.g. from
    /// <c>Target.attachToTarget</c>); normally it already exists because the
    /// <c>Target.attachedToTarget</c> event precedes the answer.
    /// </summary>
    public CdpSession GetOrAddSession(string sessionId) =>
        _sessions.GetOrAdd(sessionId, static (id, connection) => new CdpSession(connection, id), this);

    internal async Task<TResponse> SendAsync<TResponse>(
        string? sessionId,
        string method,
        object? parameters,
        JsonTypeInfo? parameterType,
        JsonTypeInfo<TResponse>? responseType,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        var id = Interlocked.Increment(ref _lastId);
        var pending = new PendingCommand<TResponse>(method, sessionId, responseType);
        _pending[id] = pending;
        try
        {
            var message = Serialize(id, sessionId, method, parameters, parameterType);
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                ThrowIfClosed();
                await _transport.SendAsync(message, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.WebSockets.WebSocketException)
            {
                throw new CdpConnectionClosedException($"sending {method} failed: {ex.Message}", ex);
            }
            finally
            {
                _writeLock.Release();
            }

            var limit = timeout ?? Options.CommandTimeout;
            var session = sessionId is null ? Browser : _sessions.GetValueOrDefault(sessionId);
            var receivedBefore = session?.MessagesReceived ?? 0;
            try
            {
                return await pending.Task.WaitAsync(limit, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new CdpCommandTimeoutException(method, limit, (session?.MessagesReceived ?? 0) - receivedBefore);
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private static ReadOnlyMemory<byte> Serialize(int id, string? sessionId, string method, object? parameters, JsonTypeInfo? parameterType)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id"u8, id);
            writer.WriteString("method"u8, method);
            if (sessionId is not null)
            {
                writer.WriteString("sessionId"u8, sessionId);
            }

            writer.WritePropertyName("params"u8);
            switch (parameters)
            {
                case null:
                    writer.WriteStartObject();
                    writer.WriteEndObject();
                    break;
                case JsonElement element:
                    element.WriteTo(writer);
                    break;
                default:
                    JsonSerializer.Serialize(writer, parameters, parameterType!);
                    break;
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _closedError) is { } error)
        {
            throw new CdpConnectionClosedException(error.Reason, error);
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var reason = "the browser closed the connection";
        Exception? failure = null;
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                if (!await _transport.ReceiveAsync(buffer, _shutdown.Token))
                {
                    break;
                }

                Dispatch(buffer.WrittenMemory);
                if (buffer.Capacity > RetainedBufferBytes)
                {
                    // Do not keep a screenshot-sized buffer alive for the connection's life.
                    buffer = new ArrayBufferWriter<byte>(64 * 1024);
                }
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
            reason = "the connection was disposed";
        }
        catch (Exception ex)
        {
            CdpLog.ReadLoopFailed(_logger, ex);
            reason = $"reading from the browser failed: {ex.Message}";
            failure = ex;
        }

        Close(reason, failure);
    }

    private void Dispatch(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException ex)
        {
            CdpLog.UnreadableMessage(_logger, ex);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            string? sessionId = root.TryGetProperty("sessionId"u8, out var sessionElement) ? sessionElement.GetString() : null;
            CdpSession? session = sessionId is null ? Browser : _sessions.GetValueOrDefault(sessionId);
            session?.CountMessage();

            if (root.TryGetProperty("id"u8, out var idElement))
            {
                CompletePending(idElement.GetInt32(), root);
                return;
            }

            var method = root.TryGetProperty("method"u8, out var methodElement) ? methodElement.GetString() : null;
            if (method is null)
            {
                return;
            }

            var parameters = root.TryGetProperty("params"u8, out var p) ? p : default;
            if (session is null)
            {
                CdpLog.UnknownSession(_logger, sessionId!, method);
                return;
            }

            TrackSessions(method, parameters);
            session.DispatchEvent(method, parameters);
        }
    }

    private void CompletePending(int id, JsonElement root)
    {
        if (!_pending.TryRemove(id, out var pending))
        {
            return; // Timed out or cancelled already.
        }

        if (root.TryGetProperty("error"u8, out var error))
        {
            var code = error.TryGetProperty("code"u8, out var c) ? c.GetInt32() : 0;
            var text = error.TryGetProperty("message"u8, out var m) ? m.GetString() ?? "unknown error" : "unknown error";
            var data = error.TryGetProperty("data"u8, out var d) ? d.ToString() : null;
            pending.Fail(new CdpProtocolException(pending.Method, code, text, data));
            return;
        }

        pending.Complete(root.TryGetProperty("result"u8, out var result) ? result : default);
    }

    // Sessions are created when the browser announces them, before any of their messages.
    private void TrackSessions(string method, JsonElement parameters)
    {
        if (method == TargetAttachedToTargetEvent.CdpEventName)
        {
            var id = parameters.GetProperty("sessionId"u8).GetString()!;
            var targetInfo = parameters.GetProperty("targetInfo"u8);
            var session = GetOrAddSession(id);
            session.TargetId = targetInfo.GetProperty("targetId"u8).GetString();
            session.TargetType = targetInfo.GetProperty("type"u8).GetString();
        }
        else if (method == TargetDetachedFromTargetEvent.CdpEventName)
        {
            var id = parameters.GetProperty("sessionId"u8).GetString()!;
            if (_sessions.TryRemove(id, out var session))
            {
                FailPending(p => p.SessionId == id, p => new CdpSessionDetachedException(id, p.Method));
                session.MarkDetached();
            }
        }
    }

    private void FailPending(Func<PendingCommand, bool> match, Func<PendingCommand, Exception> error)
    {
        foreach (var (id, pending) in _pending)
        {
            if (match(pending) && _pending.TryRemove(id, out _))
            {
                pending.Fail(error(pending));
            }
        }
    }

    private void Close(string reason, Exception? failure)
    {
        var closed = new CdpConnectionClosedException(reason, failure);
        if (Interlocked.CompareExchange(ref _closedError, closed, null) is not null)
        {
            return;
        }

        CdpLog.ConnectionClosed(_logger, reason);
        FailPending(static _ => true, p => new CdpConnectionClosedException($"{reason} while {p.Method} was pending", failure));
        foreach (var session in _sessions.Values)
        {
            session.MarkDetached();
        }

        _sessions.Clear();
        Browser.MarkDetached();
        _closed.TrySetResult(closed);
    }

    /// <summary>Closes the transport; pending calls fail with <see cref="CdpConnectionClosedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_shutdown.IsCancellationRequested)
        {
            await _shutdown.CancelAsync();
        }

        // Let the read loop leave its pending read before the transport goes away; disposing a
        // reader mid-read makes the pipe reader throw instead of ending cleanly.
        await _readLoop.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _transport.DisposeAsync();
        await _readLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Close("the connection was disposed", null);

        // The write lock and token source are left to the GC: a racing SendAsync must
        // see a closed-connection error, not an ObjectDisposedException.
    }
}
