using System.Runtime.CompilerServices;
using Navigator.Browser;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;

namespace Navigator.Actions.State;

/// <summary>
/// Our own JavaScript world in a page's main frame (or in an out-of-process frame's document): page scripts cannot see or patch what runs
/// here, and its globals survive between captures of the same document. One per page; the context
/// id is dropped when the document goes away and recreated (with our scripts) on next use.
/// </summary>
internal sealed class IsolatedWorld
{
    /// <summary>World name, visible in DevTools' context picker.</summary>
    public const string WorldName = "__navigator__";

    private static readonly ConditionalWeakTable<BrowserPage, IsolatedWorld> Worlds = new();
    private static readonly ConditionalWeakTable<BrowserFrame, IsolatedWorld> FrameWorlds = new();

    private readonly BrowserPage _page;
    private readonly CdpSession _cdp;
    private readonly string? _frameId;
    private readonly Lock _sync = new();
    private Task<int>? _context;
    private int _contextId = -1;

    // frameId: the out-of-process frame this world lives in; null for the tab's main frame.
    private IsolatedWorld(BrowserPage page, CdpSession cdp, string? frameId)
    {
        _page = page;
        _cdp = cdp;
        _frameId = frameId;
        cdp.On<RuntimeExecutionContextsClearedEvent>(_ => Reset(null));
        cdp.On<RuntimeExecutionContextDestroyedEvent>(e => Reset(e.ExecutionContextId));
        cdp.On<PageFrameNavigatedEvent>(e =>
        {
            if (_frameId is null ? e.Frame.ParentId is null : e.Frame.Id == _frameId)
            {
                Reset(null);
            }
        });
    }

    /// <summary>Nodes of element indices already resolved, for the document <see cref="NodeDocumentId"/> (lock it to use it).</summary>
    public Dictionary<int, ElementNode> Nodes { get; } = [];

    /// <summary>The main frame's loader id as last seen (elements of other loaders are in child frames).</summary>
    public string? MainLoaderId { get; set; }

    /// <summary>The page-side document id <see cref="Nodes"/> belongs to (indices restart per document).</summary>
    public string? NodeDocumentId { get; set; }

    /// <summary>Backend ids of elements already marked as having click listeners (this document).</summary>
    public HashSet<int> ListenerNodes { get; } = [];

    /// <summary>Document and mutation count of the last listener scan.</summary>
    public string? ListenerScanSignature { get; set; }

    /// <summary>The world's execution context id (created if needed).</summary>
    public Task<int> GetContextIdAsync(CancellationToken cancellationToken) => GetContextAsync(cancellationToken);

    /// <summary>Serialises captures of one page (the agent keeps per-capture state).</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The tab the world belongs to (for a frame's world, the tab holding the frame).</summary>
    public BrowserPage Page => _page;

    /// <summary>The session of the target the world lives in (the tab's, or an out-of-process frame's).</summary>
    public CdpSession Cdp => _cdp;

    /// <summary>The out-of-process frame the world lives in; null for the tab's main frame.</summary>
    public string? FrameTargetId => _frameId;

    public static IsolatedWorld For(BrowserPage page) => Worlds.GetValue(page, static p => new IsolatedWorld(p, p.Cdp, null));

    /// <summary>The world in an out-of-process frame's document.</summary>
    public static IsolatedWorld For(BrowserFrame frame) => FrameWorlds.GetValue(frame, static f => new IsolatedWorld(f.Page, f.Cdp, f.FrameId));

    /// <summary>The frame tree of the world's target (the tab's, or rooted at the out-of-process frame).</summary>
    public async Task<PageFrameTree> GetFrameTreeAsync(CancellationToken cancellationToken) =>
        (await SendAsync(new PageGetFrameTreeRequest(), cancellationToken).ConfigureAwait(false)).FrameTree;

    /// <summary>
    /// Evaluates <paramref name="expression"/> in the world, creating it (and installing the agent)
    /// if needed. Retries once when the document changed under us.
    /// </summary>
    public async Task<RuntimeEvaluateResponse> EvaluateAsync(string expression, RuntimeSerializationOptions? serialization, bool returnByValue, string? objectGroup, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            int? contextId = null;
            try
            {
                // Creating the world fails the same way when the document goes between its two steps.
                contextId = await GetContextAsync(cancellationToken).ConfigureAwait(false);
                return await SendAsync(new RuntimeEvaluateRequest
                {
                    Expression = expression,
                    ContextId = contextId,
                    ReturnByValue = serialization is null ? returnByValue : null,
                    SerializationOptions = serialization,
                    ObjectGroup = objectGroup,
                    Silent = true,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (CdpProtocolException) when (attempt < 2 && !cancellationToken.IsCancellationRequested)
            {
                // "Cannot find context with specified id": the document was replaced.
                Reset(contextId);
            }
        }
    }

    /// <summary>Sends a command to the page (shortcut used with object ids from this world).</summary>
    public Task<TResponse> SendAsync<TResponse>(ICdpCommand<TResponse> command, CancellationToken cancellationToken)
        where TResponse : class => _frameId is null ? _page.SendAsync(command, cancellationToken) : _cdp.SendAsync(command, cancellationToken);

    private Task<int> GetContextAsync(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_context is null || _context.IsFaulted || _context.IsCanceled)
            {
                _context = CreateAsync(cancellationToken);
            }

            return _context;
        }
    }

    private async Task<int> CreateAsync(CancellationToken cancellationToken)
    {
        var frameId = _frameId ?? _page.MainFrameId ?? (await _page.GetFrameTreeAsync(cancellationToken).ConfigureAwait(false)).Frame.Id;
        var world = await SendAsync(new PageCreateIsolatedWorldRequest
        {
            FrameId = frameId,
            WorldName = WorldName,
            GrantUniveralAccess = true,
        }, cancellationToken).ConfigureAwait(false);
        var installed = await SendAsync(new RuntimeEvaluateRequest
        {
            Expression = EmbeddedScripts.IsolatedWorld,
            ContextId = world.ExecutionContextId,
            Silent = true,
        }, cancellationToken).ConfigureAwait(false);
        if (installed.ExceptionDetails is { } error)
        {
            throw new InvalidOperationException($"Installing Navigator's page scripts failed: {error.Exception?.Description ?? error.Text}");
        }

        Volatile.Write(ref _contextId, world.ExecutionContextId);
        return world.ExecutionContextId;
    }

    private void Reset(int? contextId)
    {
        lock (_sync)
        {
            if (contextId is null || contextId == _contextId)
            {
                _context = null;
                _contextId = -1;
                lock (Nodes)
                {
                    // The document's agent is gone, and its indices with it.
                    Nodes.Clear();
                    NodeDocumentId = null;
                }
            }
        }
    }
}
