using Navigator.Actions.Changes;
using Navigator.Browser;
using Navigator.Cdp.Protocol;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

[Collection(BrowserCollection.Name)]
[Trait("Step", "4")]
public sealed class ChangeMonitorTests(SharedBrowserFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    // The enumerator is created with a deadline token, so a missing change fails the test instead of hanging it.
    private static async Task<PageChange> NextAsync(IAsyncEnumerator<PageChange> changes, Func<PageChange, bool> predicate, List<PageChange>? seen = null)
    {
        while (true)
        {
            bool moved;
            try
            {
                moved = await changes.MoveNextAsync();
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("no matching change; saw: " + string.Join(", ", seen?.Select(c => c.Kind) ?? []));
            }

            Assert.True(moved, "the monitor stopped");
            seen?.Add(changes.Current);
            if (predicate(changes.Current))
            {
                return changes.Current;
            }
        }
    }

    private static async Task WaitForLoadAsync(BrowserPage page, string url)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnUrl(object? sender, string changed) => Check(sender, page.LoadState);
        void Check(object? sender, PageLoadState state)
        {
            if (page.Url == url && page.LoadState == PageLoadState.Complete)
            {
                loaded.TrySetResult();
            }
        }

        page.LoadStateChanged += Check;
        page.UrlChanged += OnUrl;
        try
        {
            Check(null, page.LoadState);
            try
            {
                await loaded.Task.WaitAsync(Timeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{page.TargetId} stayed at {page.Url} ({page.LoadState})");
            }
        }
        finally
        {
            page.LoadStateChanged -= Check;
            page.UrlChanged -= OnUrl;
        }
    }

    private static CancellationToken Deadline() => new CancellationTokenSource(Timeout).Token;

    private async Task<(BrowserSession Session, PageChangeMonitor Monitor)> OpenAsync(string path, string html)
    {
        fixture.Server.MapHtml(path, html);
        var session = await fixture.NewSessionAsync();
        await session.NavigateAsync(fixture.Server.Url(path));
        var monitor = new PageChangeMonitor(session);
        await monitor.StartAsync();
        return (session, monitor);
    }

    [Fact]
    public async Task PushStateAndHashChange_RaiseUrlChanged()
    {
        var (session, monitor) = await OpenAsync("/change/spa", "<html><body><h1>SPA</h1></body></html>");
        await using var _ = session;
        await using var __ = monitor;
        var raised = new List<PageChange>();
        monitor.Changed += (_, change) => { lock (raised) { raised.Add(change); } };
        await using var changes = monitor.ReadAllAsync(Deadline()).GetAsyncEnumerator();

        await session.ActivePage.EvaluateAsync("history.pushState({}, '', '/change/spa/settings')");
        var pushed = await NextAsync(changes, c => c.Kind == PageChangeKinds.UrlChanged);
        Assert.Equal(fixture.Server.Url("/change/spa/settings"), pushed.Url);
        Assert.Equal(session.ActivePage.TargetId, pushed.TargetId);

        await session.ActivePage.EvaluateAsync("location.hash = 'tab2'");
        var hashed = await NextAsync(changes, c => c.Kind == PageChangeKinds.UrlChanged);
        Assert.EndsWith("/change/spa/settings#tab2", hashed.Url, StringComparison.Ordinal);
        lock (raised)
        {
            Assert.Contains(raised, c => c.Kind == PageChangeKinds.UrlChanged && c.Url == pushed.Url);
        }
    }

    [Fact]
    public async Task Navigation_RaisesLoadStartedNavigationAndLoadComplete()
    {
        fixture.Server.MapHtml("/change/next", "<html><body>next</body></html>");
        var (session, monitor) = await OpenAsync("/change/first", "<html><body><a href='/change/next'>go</a></body></html>");
        await using var _ = session;
        await using var __ = monitor;
        await using var changes = monitor.ReadAllAsync(Deadline()).GetAsyncEnumerator();

        await session.ActivePage.EvaluateAsync("document.querySelector('a').click()");
        var seen = new List<PageChange>();
        await NextAsync(changes, c => c.Kind == PageChangeKinds.LoadComplete, seen);
        var kinds = seen.Select(c => c.Kind).ToList();
        Assert.True(kinds.IndexOf(PageChangeKinds.LoadStarted) >= 0, string.Join(",", kinds));
        Assert.True(kinds.IndexOf(PageChangeKinds.LoadStarted) < kinds.IndexOf(PageChangeKinds.Navigation), string.Join(",", kinds));
        Assert.Equal(fixture.Server.Url("/change/next"), seen.First(c => c.Kind == PageChangeKinds.Navigation).Url);
    }

    [Fact]
    public async Task DomMutations_AreDebouncedWithInteractiveCounts()
    {
        var (session, monitor) = await OpenAsync("/change/dom", "<html><body><div id='box'><button id='old'>Old</button></div></body></html>");
        await using var _ = session;
        await using var __ = monitor;
        await using var changes = monitor.ReadAllAsync(Deadline()).GetAsyncEnumerator();

        await session.ActivePage.EvaluateAsync("""
            (() => { const box = document.getElementById('box');
              for (let i = 0; i < 3; i++) box.insertAdjacentHTML('beforeend', `<a href="/x${i}">Link ${i}</a>`);
              box.insertAdjacentHTML('beforeend', '<div><input><p>text</p></div>');
              document.getElementById('old').remove(); })()
            """);
        var change = await NextAsync(changes, c => c.Kind == PageChangeKinds.DomChanged);
        Assert.Equal(4, change.AddedInteractive);
        Assert.Equal(1, change.RemovedInteractive);
        Assert.Contains("4 interactive elements added, 1 removed", change.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PopupAndDialogs_RaiseTabOpenedAndDialogOpened()
    {
        fixture.Server.MapHtml("/change/popup-target", "<html><body>popup</body></html>");
        var (session, monitor) = await OpenAsync("/change/popup", "<html><body><a target='_blank' href='/change/popup-target'>open</a></body></html>");
        await using var _ = session;
        await using var __ = monitor;
        await using var changes = monitor.ReadAllAsync(Deadline()).GetAsyncEnumerator();
        var opener = session.ActivePage;

        await opener.SendAsync(new RuntimeEvaluateRequest { Expression = "document.querySelector('a').click()", UserGesture = true });
        var seen = new List<PageChange>();
        var opened = await NextAsync(changes, c => c.Kind == PageChangeKinds.TabOpened, seen);
        Assert.NotEqual(opener.TargetId, opened.TargetId);
        Assert.Equal(2, session.Pages.Count);

        // The monitor watches the new tab too.
        var popup = session.Pages.Single(p => p.TargetId == opened.TargetId);
        await WaitForLoadAsync(popup, fixture.Server.Url("/change/popup-target"));
        await monitor.WhenWatchingAsync(popup.TargetId).WaitAsync(Timeout);
        await popup.EvaluateAsync("document.body.append(Object.assign(document.createElement('button'), { textContent: 'late' }))");
        var popupDom = await NextAsync(changes, c => c.Kind == PageChangeKinds.DomChanged && c.TargetId == popup.TargetId, seen);
        Assert.Equal(1, popupDom.AddedInteractive);

        foreach (var (script, type) in new[] { ("alert('Saved!')", "alert"), ("confirm('Delete it?')", "confirm") })
        {
            var evaluation = opener.SendAsync(new RuntimeEvaluateRequest { Expression = script });
            var dialog = await NextAsync(changes, c => c.Kind == PageChangeKinds.DialogOpened, seen);
            Assert.Equal(opener.TargetId, dialog.TargetId);
            Assert.StartsWith(type + ":", dialog.Summary, StringComparison.Ordinal);
            await opener.SendAsync(new PageHandleJavaScriptDialogRequest { Accept = true });
            await evaluation;
        }
    }
}
