using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions.Changes;

/// <summary>
/// Watches every tab of a session (including tabs opened later) and reports what changed:
/// navigations, same-document URL changes (pushState, hash), load start and finish, debounced DOM
/// changes with interactive elements added/removed, tabs opened/closed and JavaScript dialogs.
/// Changes are raised through <see cref="Changed"/> (on the CDP read loop: handlers must not block)
/// and queued for <see cref="ReadAllAsync"/>.
/// </summary>
public sealed class PageChangeMonitor : IAsyncDisposable
{
    internal const string BindingName = "__navigatorDomChanged";
    internal const string WorldName = "__navigator_monitor__";

    /// <summary>How long removing our binding from a live tab may take; a frozen page is not waited for.</summary>
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(1);

    private readonly BrowserSession _session;
    private readonly PageChangeMonitorOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<PageChange> _channel;
    private readonly ConcurrentDictionary<string, PageWatch> _watches = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _watching = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _started;
    private int _disposed;

    /// <summary>Creates a monitor; nothing is observed until <see cref="StartAsync"/>.</summary>
    public PageChangeMonitor(BrowserSession session, PageChangeMonitorOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        _session = session;
        _options = options ?? new PageChangeMonitorOptions();
        _time = timeProvider ?? TimeProvider.System;
        _channel = Channel.CreateBounded<PageChange>(new BoundedChannelOptions(Math.Max(_options.Capacity, 1))
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    /// <summary>Raised for every change, on the thread that observed it; must not block.</summary>
    public event EventHandler<PageChange>? Changed;

    /// <summary>Starts watching the session's current and future tabs.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        _session.PageOpened += OnPageOpened;
        _session.PageClosed += OnPageClosed;
        await Task.WhenAll(_session.Pages.Select(p => WatchAsync(p, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Every change from now on, until <paramref name="cancellationToken"/> or disposal.</summary>
    public async IAsyncEnumerable<PageChange> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var change in _channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return change;
        }
    }

    /// <summary>Stops watching; pending readers complete.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _session.PageOpened -= OnPageOpened;
        _session.PageClosed -= OnPageClosed;
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var watch in _watches.Values)
        {
            await watch.DisposeAsync().ConfigureAwait(false);
        }

        _watches.Clear();
        _channel.Writer.TryComplete();
        _stopping.Dispose();
    }

    internal void Publish(string kind, BrowserPage page, string? url = null, string? summary = null, int added = 0, int removed = 0)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        var change = new PageChange
        {
            Kind = kind,
            Url = url ?? page.Url,
            TargetId = page.TargetId,
            Summary = summary,
            AddedInteractive = added,
            RemovedInteractive = removed,
            Timestamp = _time.GetUtcNow(),
        };
        _channel.Writer.TryWrite(change);
        Changed?.Invoke(this, change);
    }

    private void OnPageOpened(object? sender, BrowserPage page)
    {
        Publish(PageChangeKinds.TabOpened, page, summary: page.OpenerId is null ? "new tab" : "popup opened by another tab");
        _ = WatchSafelyAsync(page);
    }

    private void OnPageClosed(object? sender, BrowserPage page)
    {
        _watching.TryRemove(page.TargetId, out _);
        if (_watches.TryRemove(page.TargetId, out var watch))
        {
            _ = watch.DisposeAsync().AsTask();
        }

        Publish(PageChangeKinds.TabClosed, page);
    }

    private async Task WatchSafelyAsync(BrowserPage page)
    {
        try
        {
            await WatchAsync(page, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CdpException or OperationCanceledException or BrowserException or ObjectDisposedException)
        {
            // The tab closed while we were setting up; nothing to watch.
        }
    }

    private async Task WatchAsync(BrowserPage page, CancellationToken cancellationToken)
    {
        var watch = new PageWatch(this, page, _options, _time);
        if (!_watches.TryAdd(page.TargetId, watch))
        {
            await watch.DisposeAsync().ConfigureAwait(false);
            return;
        }

        await watch.StartAsync(cancellationToken).ConfigureAwait(false);
        Watching(page.TargetId).TrySetResult();
    }

    /// <summary>Completes once a tab's observers are installed (mutations before that are not seen).</summary>
    internal Task WhenWatchingAsync(string targetId) => Watching(targetId).Task;

    private TaskCompletionSource Watching(string targetId) =>
        _watching.GetOrAdd(targetId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>One tab's subscriptions and its pending DOM batch.</summary>
    private sealed class PageWatch : IAsyncDisposable
    {
        private readonly PageChangeMonitor _owner;
        private readonly BrowserPage _page;
        private readonly PageChangeMonitorOptions _options;
        private readonly TimeProvider _time;
        private readonly List<IDisposable> _subscriptions = [];
        private readonly Lock _sync = new();
        private readonly ITimer _timer;
        private bool _loading;
        private int _added;
        private int _removed;
        private int _mutations;
        private long _firstPending = -1;
        private string? _scriptId;

        public PageWatch(PageChangeMonitor owner, BrowserPage page, PageChangeMonitorOptions options, TimeProvider time)
        {
            _owner = owner;
            _page = page;
            _options = options;
            _time = time;
            _timer = time.CreateTimer(_ => FlushDom(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _loading = page.LoadState != PageLoadState.Complete;
        }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var cdp = _page.Cdp;
            _subscriptions.Add(cdp.On<PageFrameNavigatedEvent>(e =>
            {
                if (e.Frame.ParentId is null)
                {
                    _owner.Publish(PageChangeKinds.Navigation, _page, e.Frame.Url);
                }
            }));
            _subscriptions.Add(cdp.On<PageNavigatedWithinDocumentEvent>(e =>
            {
                if (e.FrameId == _page.MainFrameId)
                {
                    _owner.Publish(PageChangeKinds.UrlChanged, _page, e.Url, e.NavigationType);
                }
            }));
            _subscriptions.Add(cdp.On<PageJavascriptDialogOpeningEvent>(e =>
                _owner.Publish(PageChangeKinds.DialogOpened, _page, e.Url, $"{e.Type}: {e.Message}")));
            _page.LoadStateChanged += OnLoadStateChanged;
            if (!_options.ObserveDom)
            {
                return;
            }

            _subscriptions.Add(cdp.On<RuntimeBindingCalledEvent>(e =>
            {
                if (e.Name == BindingName)
                {
                    OnDomBatch(e.Payload);
                }
            }));
            var source = EmbeddedScripts.DomMonitor
                .Replace("__BINDING__", BindingName, StringComparison.Ordinal)
                .Replace("__THROTTLE__", ((int)_options.PageBatchInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            await _page.SendAsync(new RuntimeAddBindingRequest { Name = BindingName, ExecutionContextName = WorldName }, cancellationToken).ConfigureAwait(false);
            var added = await _page.SendAsync(new PageAddScriptToEvaluateOnNewDocumentRequest
            {
                Source = source,
                WorldName = WorldName,
                RunImmediately = true,
            }, cancellationToken).ConfigureAwait(false);
            _scriptId = added.Identifier;
        }

        private void OnLoadStateChanged(object? sender, PageLoadState state)
        {
            bool started;
            lock (_sync)
            {
                started = state is PageLoadState.Navigating or PageLoadState.Loading && !_loading;
                var finished = state == PageLoadState.Complete && _loading;
                if (!started && !finished)
                {
                    return;
                }

                _loading = started;
            }

            _owner.Publish(started ? PageChangeKinds.LoadStarted : PageChangeKinds.LoadComplete, _page, summary: PageStateName(state));
        }

        private static string PageStateName(PageLoadState state) => state.ToString().ToLowerInvariant();

        private void OnDomBatch(string payload)
        {
            int added;
            int removed;
            int mutations;
            try
            {
                using var document = JsonDocument.Parse(payload);
                var root = document.RootElement;
                added = root.GetProperty("a").GetInt32();
                removed = root.GetProperty("r").GetInt32();
                mutations = root.GetProperty("m").GetInt32();
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                // The binding is reachable by page scripts in our world only, but stay defensive.
                return;
            }

            lock (_sync)
            {
                _added += added;
                _removed += removed;
                _mutations += mutations;
                var now = _time.GetTimestamp();
                if (_firstPending < 0)
                {
                    _firstPending = now;
                }

                var waited = _time.GetElapsedTime(_firstPending, now);
                var due = _options.DomQuietPeriod;
                if (waited + due > _options.DomMaxDelay)
                {
                    due = _options.DomMaxDelay - waited;
                }

                _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }

        private void FlushDom()
        {
            int added;
            int removed;
            int mutations;
            lock (_sync)
            {
                if (_mutations == 0)
                {
                    return;
                }

                (added, removed, mutations) = (_added, _removed, _mutations);
                (_added, _removed, _mutations, _firstPending) = (0, 0, 0, -1);
            }

            var summary = string.Create(CultureInfo.InvariantCulture, $"{added} interactive element{(added == 1 ? string.Empty : "s")} added, {removed} removed ({mutations} mutation{(mutations == 1 ? string.Empty : "s")})");
            _owner.Publish(PageChangeKinds.DomChanged, _page, summary: summary, added: added, removed: removed);
        }

        public async ValueTask DisposeAsync()
        {
            _page.LoadStateChanged -= OnLoadStateChanged;
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }

            await _timer.DisposeAsync().ConfigureAwait(false);

            // Only a live tab that stays open needs its script and binding removed: a closed tab or
            // context discards them, and a crashed or frozen renderer would never answer.
            if (_scriptId is not null && !_page.IsClosed && !_page.IsCrashed && !_page.Session.IsClosed)
            {
                try
                {
                    await Task.WhenAll(
                        _page.Cdp.SendAsync(new PageRemoveScriptToEvaluateOnNewDocumentRequest { Identifier = _scriptId }, CleanupTimeout),
                        _page.Cdp.SendAsync(new RuntimeRemoveBindingRequest { Name = BindingName }, CleanupTimeout)).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is CdpException or BrowserException)
                {
                    // The tab went away or does not answer; either way nothing of ours runs there any more that matters.
                }
            }
        }
    }
}
