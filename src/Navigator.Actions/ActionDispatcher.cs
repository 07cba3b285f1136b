using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Navigator.Actions.Commands;
using Navigator.Actions.Content;
using Navigator.Actions.Diagnostics;
using Navigator.Actions.Dispatch;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Cdp;

namespace Navigator.Actions;

/// <summary>
/// Runs <see cref="ActionCommand"/>s on a session's active tab with real input events, waits
/// only as long as the page needs afterwards, and reports an <see cref="ActionResult"/>. Index
/// parameters refer to the elements of the last captured page state. One action runs at a time.
/// Never throws for bad input or page trouble: failures come back as results with an
/// <see cref="ActionErrorCodes">error code</see>; only cancellation by the caller throws.
/// </summary>
public sealed partial class ActionDispatcher : IAsyncDisposable
{
    /// <summary>How long a failure may precede the crash event that explains it.</summary>
    private static readonly TimeSpan FaultGrace = TimeSpan.FromMilliseconds(500);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, Lazy<Task<TrackedPage>>> _pages = new(StringComparer.Ordinal);
    private readonly Func<BrowserSession, CancellationToken, Task<BrowserContextSnapshot>>? _capture;
    private readonly ILogger _logger;
    private readonly AsyncSignal _pageOpened = new();
    private readonly PageContentExtractor _extractor = new();
    private long _pagesOpened;
    private volatile bool _browserCrashed;
    private RememberedState? _state;
    private volatile ActionWatch? _watch;

    // The cross-site frame whose element the running action resolved: the tab's mutation probe
    // cannot see its changes, nor does a round trip to the tab wait for its events (one action runs at a time).
    private BrowserFrame? _actedInFrame;
    private int _disposed;

    /// <summary>
    /// Creates a dispatcher for <paramref name="session"/>. <paramref name="stateBuilder"/> captures the
    /// page state whose element indices actions refer to.
    /// </summary>
    public ActionDispatcher(
        BrowserSession session,
        PageStateBuilder stateBuilder,
        ActionDispatcherOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
        : this(session, (s, ct) => stateBuilder.CaptureAsync(s, PageStateOptions.Default, ct), options, timeProvider, loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(stateBuilder);
        StateBuilder = stateBuilder;
    }

    /// <summary>Creates a dispatcher whose index resolution captures state with <paramref name="capture"/>.</summary>
    internal ActionDispatcher(
        BrowserSession session,
        Func<BrowserSession, CancellationToken, Task<BrowserContextSnapshot>>? capture,
        ActionDispatcherOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        Session = session;
        _capture = capture;
        Options = options ?? new ActionDispatcherOptions();
        Time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ActionDispatcher>();
        session.PageOpened += OnPageOpened;
        session.PageClosed += OnPageClosed;
        session.Crashed += OnCrashed;
    }

    /// <summary>The session actions run on.</summary>
    public BrowserSession Session { get; }

    /// <summary>The builder that captures page state (null for dispatchers built without one).</summary>
    public PageStateBuilder? StateBuilder { get; }

    /// <summary>The settle limits in use.</summary>
    public ActionDispatcherOptions Options { get; }

    private TimeProvider Time { get; }

    /// <summary>
    /// Parses and runs an action given as its type and JSON parameters (as <c>execute_action</c>
    /// receives them). Bad input returns a failed result with a code; it never throws.
    /// </summary>
    public Task<ActionResult> ExecuteAsync(string actionType, JsonElement parameters, CancellationToken cancellationToken = default)
    {
        ActionCommand command;
        try
        {
            command = ActionCommandParser.Parse(actionType, parameters);
        }
        catch (ActionException ex)
        {
            var type = ex.Code == ActionErrorCodes.UnknownAction || string.IsNullOrWhiteSpace(actionType) ? actionType ?? string.Empty : ActionCommandParser.NormalizeType(actionType);
            using var activity = ActionTelemetry.Start(type);
            return Task.FromResult(ActionTelemetry.Completed(activity, Failed(type, ex.Code, ex.Message, 0)));
        }

        return ExecuteAsync(command, cancellationToken);
    }

    /// <summary>
    /// Captures the active tab's state and remembers its elements: later index parameters refer
    /// to this capture until the next one. Throws <see cref="ActionException"/> (dialog_open,
    /// session_closed) when the tab cannot be read.
    /// </summary>
    public async Task<BrowserContextSnapshot> GetContextAsync(PageStateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = StateBuilder ?? throw new InvalidOperationException("This dispatcher was created without a PageStateBuilder");
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // A dialog stops the page's scripts: reading it would hang until the dialog closes.
            return await WatchedAsync(async ct =>
            {
                await ActivePageAsync(ct);
                return await CaptureAndRememberAsync(c => builder.CaptureAsync(Session, options, c), ct);
            }, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Validates and runs one action on the active tab.</summary>
    public async Task<ActionResult> ExecuteAsync(ActionCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var started = Time.GetTimestamp();
        using var activity = ActionTelemetry.Start(command.ActionType);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            command.Validate();
            var result = await DescribeChangesAsync(await WatchedAsync(ct => RunCorrectedAsync(command, ct), cancellationToken), cancellationToken);
            LogAction(_logger, command.ActionType, result.Success, result.ErrorCode);
            return ActionTelemetry.Completed(activity, result with { DurationMs = Time.GetElapsedTime(started).TotalMilliseconds });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ActionTelemetry.Cancelled(activity);
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var (code, message) = Describe(ex);
            LogActionFailed(_logger, command.ActionType, code, ex);
            return ActionTelemetry.Completed(activity, Failed(command.ActionType, code, message, Time.GetElapsedTime(started).TotalMilliseconds) with { Url = SafeUrl() });
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> under an <see cref="ActionWatch"/>: when the tab's renderer
    /// crashes, the browser dies or the page stops answering, the work is cancelled and the
    /// watch's error (browser_crashed, session_closed, timeout) is thrown at once, whatever the
    /// work was waiting for. A failure that races the fault reports the fault.
    /// </summary>
    private async Task<T> WatchedAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var watch = new ActionWatch(Session, Time, Options.PageResponseTimeout);
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _watch = watch;
        try
        {
            var task = work(abandon.Token);
            var first = await Task.WhenAny(task, watch.Fault);
            if (first == task && !watch.Fault.IsCompleted)
            {
                if (!task.IsFaulted || !MayStemFromFault(task.Exception.InnerException))
                {
                    return await task;
                }

                // A crashed target's or closed connection's errors can arrive just before the
                // event that explains them: settle which came first (a round trip, not a race).
                if (!await watch.SettleAsync(FaultGrace, cancellationToken))
                {
                    return await task;
                }
            }

            await abandon.CancelAsync();
            _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

            // The abandoned steps end with the cancellation; let them leave before the next action runs.
            await ((Task)task).WaitAsync(FaultGrace, Time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw await watch.Fault;
        }
        finally
        {
            _watch = null;
        }
    }

    /// <summary>Errors a crash or a dead browser causes in the steps of an action (as opposed to the page's or the caller's).</summary>
    private static bool MayStemFromFault(Exception? error) => error switch
    {
        CdpException or BrowserSessionClosedException => true,
        NavigationException n => !n.Reason.StartsWith("net::", StringComparison.Ordinal) || n.Reason.Contains("ERR_ABORTED", StringComparison.Ordinal),
        ActionException a => a.Code is ActionErrorCodes.SessionClosed or ActionErrorCodes.StaleElement or ActionErrorCodes.ScriptError,
        _ => false,
    };

    /// <summary>Makes the watch of the running action follow <paramref name="page"/> (its crash and its answers).</summary>
    private void Follow(TrackedPage page) => _watch?.Follow(page);

    /// <summary>Stops following the session's tabs.</summary>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        Session.PageOpened -= OnPageOpened;
        Session.PageClosed -= OnPageClosed;
        Session.Crashed -= OnCrashed;
        foreach (var entry in _pages.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                entry.Value.Result.Dispose();
            }
        }

        _pages.Clear();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<ActionResult> RunAsync(ActionCommand command, CancellationToken cancellationToken)
    {
        _actedInFrame = null;
        return RunCommandAsync(command, cancellationToken);
    }

    private Task<ActionResult> RunCommandAsync(ActionCommand command, CancellationToken cancellationToken) => command switch
    {
        NavigateCommand c => NavigateAsync(c, cancellationToken),
        ClickCommand c => ClickAsync(c, cancellationToken),
        TypeCommand c => TypeAsync(c, cancellationToken),
        ScrollCommand c => ScrollAsync(c, cancellationToken),
        WaitCommand c => WaitAsync(c, cancellationToken),
        GoBackCommand => HistoryAsync(ActionTypes.GoBack, -1, cancellationToken),
        GoForwardCommand => HistoryAsync(ActionTypes.GoForward, 1, cancellationToken),
        RefreshCommand => RefreshAsync(cancellationToken),
        SendKeysCommand c => SendKeysAsync(c, cancellationToken),
        SelectOptionCommand c => SelectOptionAsync(c, cancellationToken),
        HoverCommand c => HoverAsync(c, cancellationToken),
        DragCommand c => DragAsync(c, cancellationToken),
        UploadFileCommand c => UploadFileAsync(c, cancellationToken),
        SwitchTabCommand c => SwitchTabAsync(c, cancellationToken),
        OpenTabCommand c => OpenTabAsync(c, cancellationToken),
        CloseTabCommand c => CloseTabAsync(c, cancellationToken),
        HandleDialogCommand c => HandleDialogAsync(c, cancellationToken),
        ExtractCommand c => ExtractAsync(c, cancellationToken),
        ScreenshotCommand c => ScreenshotAsync(c, cancellationToken),
        EvaluateCommand c => EvaluateAsync(c, cancellationToken),
        ClickTextCommand c => ClickTextAsync(c, cancellationToken),
        _ => throw new ActionException(ActionErrorCodes.UnknownAction, $"Unknown action type '{command.ActionType}'. Known actions: {string.Join(", ", ActionTypes.All)}"),
    };

    private static ActionResult Failed(string actionType, string code, string message, double durationMs) => new()
    {
        ActionType = actionType,
        Success = false,
        ErrorCode = code,
        Error = message,
        DurationMs = durationMs,
    };

    private (string Code, string Message) Describe(Exception ex)
    {
        var crashed = _browserCrashed || _pages.Values.Any(p => p.IsValueCreated && p.Value.IsCompletedSuccessfully && p.Value.Result.Crashed);
        return ex switch
        {
            ActionException a => (a.Code, a.Message),
            NavigationException n when n.Reason.Contains("ERR_BLOCKED_BY_CLIENT", StringComparison.Ordinal) =>
                (ActionErrorCodes.NavigationBlocked, $"Navigation to {n.Url} was blocked by the security policy ({n.Reason})"),
            NavigationException n => (ActionErrorCodes.NavigationFailed, n.Message),
            NavigationTimeoutException t => (ActionErrorCodes.Timeout, t.Message),
            _ when crashed => (ActionErrorCodes.BrowserCrashed, "The browser or the page's renderer crashed; open the page again"),
            BrowserSessionClosedException or CdpSessionDetachedException or CdpConnectionClosedException =>
                (ActionErrorCodes.SessionClosed, $"The tab or session is closed: {ex.Message}"),
            CdpCommandTimeoutException => (ActionErrorCodes.Timeout, $"The browser did not answer in time: {ex.Message}"),
            OperationCanceledException => (ActionErrorCodes.Timeout, "The action did not finish in time"),
            BrowserException => (ActionErrorCodes.ScriptError, ex.Message),
            _ => (ActionErrorCodes.InternalError, $"The action failed unexpectedly: {ex.Message}"),
        };
    }

    private string? SafeUrl()
    {
        try
        {
            return Session.IsClosed ? null : Session.ActivePage.Url;
        }
        catch (BrowserException)
        {
            return null;
        }
    }

    private void OnPageOpened(object? sender, BrowserPage page)
    {
        Interlocked.Increment(ref _pagesOpened);
        _pageOpened.Pulse();
    }

    private void OnPageClosed(object? sender, BrowserPage page)
    {
        if (_pages.TryRemove(page.TargetId, out var tracked) && tracked.IsValueCreated && tracked.Value.IsCompletedSuccessfully)
        {
            tracked.Value.Result.Dispose();
        }
    }

    private void OnCrashed(object? sender, BrowserCrashedEventArgs e)
    {
        if (e.Kind == BrowserCrashKind.BrowserProcess)
        {
            _browserCrashed = true;
        }
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Debug, Message = "Action {ActionType}: success={Success} code={Code}")]
    private static partial void LogAction(ILogger logger, string actionType, bool success, string? code);

    [LoggerMessage(EventId = 401, Level = LogLevel.Debug, Message = "Action {ActionType} failed with {Code}")]
    private static partial void LogActionFailed(ILogger logger, string actionType, string code, Exception exception);
}
