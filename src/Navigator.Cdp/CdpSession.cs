using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Navigator.Cdp.Protocol;

namespace Navigator.Cdp;

/// <summary>
/// A flattened CDP session: the browser itself (no id) or one attached target.
/// Event handlers run on the connection's read loop, in arrival order; they must not block.
/// </summary>
public sealed class CdpSession
{
    private readonly Lock _handlersLock = new();
    private readonly TaskCompletionSource _detached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dictionary<string, EventSubscription[]> _handlers = new(StringComparer.Ordinal);
    private EventSubscription[] _anyHandlers = [];
    private long _messagesReceived;

    internal CdpSession(CdpConnection connection, string? sessionId)
    {
        Connection = connection;
        SessionId = sessionId;
    }

    /// <summary>The connection this session lives on.</summary>
    public CdpConnection Connection { get; }

    /// <summary>The protocol session id; null for the browser session.</summary>
    public string? SessionId { get; }

    /// <summary>The attached target's id, when known.</summary>
    public string? TargetId { get; internal set; }

    /// <summary>The attached target's type (page, iframe, worker...), when known.</summary>
    public string? TargetType { get; internal set; }

    /// <summary>Completes when the target detaches or the connection closes.</summary>
    public Task Detached => _detached.Task;

    /// <summary>True once detached.</summary>
    public bool IsDetached => _detached.Task.IsCompleted;

    /// <summary>
    /// Answers and events received for this session so far: a command that times out while this
    /// keeps growing was stuck in the target, not the whole target or the connection.
    /// </summary>
    internal long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    internal void CountMessage() => Interlocked.Increment(ref _messagesReceived);

    /// <summary>Sends a typed command and returns its typed result.</summary>
    public Task<TResponse> SendAsync<TResponse>(ICdpCommand<TResponse> command, CancellationToken cancellationToken = default)
        where TResponse : class =>
        SendAsync(command, timeout: null, cancellationToken);

    /// <summary>Sends a typed command with its own timeout.</summary>
    public Task<TResponse> SendAsync<TResponse>(ICdpCommand<TResponse> command, TimeSpan? timeout, CancellationToken cancellationToken = default)
        where TResponse : class
    {
        var parameterType = CdpProtocolJsonContext.Default.GetTypeInfo(command.GetType())
            ?? throw new InvalidOperationException($"{command.GetType().Name} is not part of the CDP JSON context");
        var responseType = typeof(TResponse) == typeof(CdpEmptyResponse)
            ? null
            : (JsonTypeInfo<TResponse>)CdpProtocolJsonContext.Default.GetTypeInfo(typeof(TResponse))!;
        return Connection.SendAsync(SessionId, command.CdpMethod, command, parameterType, responseType, timeout, cancellationToken);
    }

    /// <summary>
    /// Sends any method with raw JSON parameters, for protocol parts without typed records.
    /// </summary>
    public Task<JsonElement> SendRawAsync(string method, JsonElement? parameters = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Connection.SendAsync<JsonElement>(SessionId, method, parameters, null, null, timeout, cancellationToken);

    /// <summary>Subscribes to a typed event; dispose the result to unsubscribe.</summary>
    public IDisposable On<TEvent>(Action<TEvent> handler)
        where TEvent : ICdpEvent
    {
        var typeInfo = (JsonTypeInfo<TEvent>)CdpProtocolJsonContext.Default.GetTypeInfo(typeof(TEvent))!;
        var subscription = new EventSubscription(this, TEvent.CdpEventName, (_, parameters) =>
        {
            var value = parameters.ValueKind == JsonValueKind.Undefined
                ? JsonSerializer.Deserialize("{}", typeInfo)
                : parameters.Deserialize(typeInfo);
            handler(value!);
        });
        Add(subscription);
        return subscription;
    }

    /// <summary>
    /// Subscribes to every event of this session. The element is only valid during the call;
    /// clone it to keep it.
    /// </summary>
    public IDisposable OnAny(Action<string, JsonElement> handler)
    {
        var subscription = new EventSubscription(this, null, handler);
        Add(subscription);
        return subscription;
    }

    /// <summary>Waits for the next event of a type that matches <paramref name="predicate"/>.</summary>
    public async Task<TEvent> WaitForEventAsync<TEvent>(Func<TEvent, bool>? predicate = null, CancellationToken cancellationToken = default)
        where TEvent : ICdpEvent
    {
        var received = new TaskCompletionSource<TEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = On<TEvent>(e =>
        {
            if (predicate is null || predicate(e))
            {
                received.TrySetResult(e);
            }
        });
        var detached = Detached;
        var first = await Task.WhenAny(received.Task, detached).WaitAsync(cancellationToken);
        if (first == received.Task)
        {
            return await received.Task;
        }

        throw new CdpSessionDetachedException(SessionId ?? "browser", $"waiting for {TEvent.CdpEventName}");
    }

    internal void DispatchEvent(string method, JsonElement parameters)
    {
        EventSubscription[]? specific;
        EventSubscription[] any;
        lock (_handlersLock)
        {
            _handlers.TryGetValue(method, out specific);
            any = _anyHandlers;
        }

        if (specific is not null)
        {
            foreach (var subscription in specific)
            {
                Invoke(subscription, method, parameters);
            }
        }

        foreach (var subscription in any)
        {
            Invoke(subscription, method, parameters);
        }
    }

    internal void MarkDetached() => _detached.TrySetResult();

    private void Invoke(EventSubscription subscription, string method, JsonElement parameters)
    {
        try
        {
            subscription.Handler(method, parameters);
        }
        catch (Exception ex)
        {
            // One faulty listener must not stop routing for the whole connection.
            CdpLog.EventHandlerFailed(Connection.Logger, method, ex);
        }
    }

    // Copy-on-write so the read loop never holds the lock while invoking handlers.
    private void Add(EventSubscription subscription)
    {
        lock (_handlersLock)
        {
            if (subscription.EventName is null)
            {
                _anyHandlers = [.. _anyHandlers, subscription];
                return;
            }

            var copy = new Dictionary<string, EventSubscription[]>(_handlers, StringComparer.Ordinal);
            copy[subscription.EventName] = copy.TryGetValue(subscription.EventName, out var existing)
                ? [.. existing, subscription]
                : [subscription];
            _handlers = copy;
        }
    }

    private void Remove(EventSubscription subscription)
    {
        lock (_handlersLock)
        {
            if (subscription.EventName is null)
            {
                _anyHandlers = [.. _anyHandlers.Where(s => s != subscription)];
                return;
            }

            if (!_handlers.TryGetValue(subscription.EventName, out var existing))
            {
                return;
            }

            var copy = new Dictionary<string, EventSubscription[]>(_handlers, StringComparer.Ordinal);
            var remaining = existing.Where(s => s != subscription).ToArray();
            if (remaining.Length == 0)
            {
                copy.Remove(subscription.EventName);
            }
            else
            {
                copy[subscription.EventName] = remaining;
            }

            _handlers = copy;
        }
    }

    private sealed class EventSubscription(CdpSession owner, string? eventName, Action<string, JsonElement> handler) : IDisposable
    {
        private int _disposed;

        public string? EventName { get; } = eventName;

        public Action<string, JsonElement> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(this);
            }
        }
    }
}
