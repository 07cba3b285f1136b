using System.Text.Json;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Cdp.Protocol;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

/// <summary>
/// A fresh session and dispatcher on one served page, with helpers to read the page back and to
/// index elements by JavaScript expressions (so action tests do not depend on the state builder).
/// </summary>
internal sealed class DispatcherTestContext : IAsyncDisposable
{
    public DispatcherTestContext(SharedBrowserFixture fixture, BrowserSession session, ActionDispatcher dispatcher)
    {
        Fixture = fixture;
        Session = session;
        Dispatcher = dispatcher;
    }

    public SharedBrowserFixture Fixture { get; }

    public BrowserSession Session { get; }

    public ActionDispatcher Dispatcher { get; }

    public BrowserPage Page => Session.ActivePage;

    public static async Task<DispatcherTestContext> StartAsync(SharedBrowserFixture fixture, string path, string html, ActionDispatcherOptions? options = null)
    {
        fixture.Server.MapHtml(path, html);
        var session = await fixture.NewSessionAsync();
        var dispatcher = new ActionDispatcher(session, capture: null, options);
        await session.NavigateAsync(fixture.Server.Url(path));
        return new DispatcherTestContext(fixture, session, dispatcher);
    }

    public Task<ActionResult> RunAsync(string actionType, object? parameters = null) =>
        Dispatcher.ExecuteAsync(actionType, JsonSerializer.SerializeToElement(parameters ?? new { }));

    public Task<ActionResult> RunJsonAsync(string actionType, string json) =>
        Dispatcher.ExecuteAsync(actionType, JsonDocument.Parse(json).RootElement);

    /// <summary>Evaluates in the active tab and returns the JSON value.</summary>
    public Task<JsonElement> EvalAsync(string expression) => Page.EvaluateAsync(expression, awaitPromise: true);

    public async Task<string?> EvalStringAsync(string expression) => (await EvalAsync(expression)).GetString();

    public async Task<int> EvalIntAsync(string expression) => (await EvalAsync(expression)).GetInt32();

    /// <summary>
    /// Indexes elements: element i is what the i-th JavaScript expression returns (use it for
    /// shadow roots and frames too). The snapshot becomes the dispatcher's current state.
    /// </summary>
    public async Task IndexAsync(params string[] expressions)
    {
        var elements = new List<InteractiveElement>();
        var nodes = new Dictionary<int, ElementNode>();
        for (var i = 0; i < expressions.Length; i++)
        {
            var evaluated = await Page.SendAsync(new RuntimeEvaluateRequest { Expression = expressions[i] });
            var objectId = evaluated.Result.ObjectId ?? throw new InvalidOperationException($"'{expressions[i]}' found no element");
            var node = await Page.SendAsync(new DomDescribeNodeRequest { ObjectId = objectId });
            nodes[i] = new ElementNode(node.Node.BackendNodeId, null);
            elements.Add(new InteractiveElement
            {
                Index = i,
                Role = "element",
                Name = expressions[i],
                Tag = node.Node.LocalName,
                Bounds = default,
                ClickPoint = default,
            });
        }

        await Dispatcher.RememberAsync(new BrowserContextSnapshot
        {
            Url = Page.Url,
            Title = string.Empty,
            LoadState = "complete",
            Text = string.Empty,
            Elements = elements,
            Nodes = new KnownNodes(nodes),
        });
    }

    /// <summary>Nodes looked up by the test itself.</summary>
    private sealed class KnownNodes(Dictionary<int, ElementNode> nodes) : ElementNodes
    {
        public override Task<ElementNode?> ResolveAsync(int index, CancellationToken cancellationToken) =>
            Task.FromResult(nodes.TryGetValue(index, out var node) ? node : (ElementNode?)null);
    }

    public async ValueTask DisposeAsync()
    {
        await Dispatcher.DisposeAsync();
        await Session.DisposeAsync();
    }
}
