using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Cdp.Protocol;
using Navigator.Testing;
using Xunit.Abstractions;

namespace Navigator.Actions.Tests;

/// <summary>
/// The agent's basic loop at volume: navigate, read, act, on varied ordinary pages. Catches what
/// one-shot tests cannot (state that degrades over pages, renderer crashes after a few cycles).
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Step", "4")]
[Trait("Step", "Soak")]
public sealed class StateSoakTests(SharedBrowserFixture fixture, ITestOutputHelper output)
{
    private const int Cycles = 306;

    [Fact]
    public async Task NavigateReadAct_OnVariedPages_NeverCrashesAndCountsStayStable()
    {
        // Another loopback address is another site: its frame runs out of process.
        await using var remote = await TestWebServer.StartAsync("127.0.0.2");
        remote.MapHtml("/soak/remote", """
            <html><body><p>Remote widget</p><button onclick="this.textContent = 'Remote pressed'">Remote button</button></body></html>
            """);
        var pages = MapPages(remote.Url("/soak/remote"));
        await using var session = await fixture.NewSessionAsync();
        var crashes = 0;
        session.Crashed += (_, _) => Interlocked.Increment(ref crashes);
        await using var dispatcher = new ActionDispatcher(session, new PageStateBuilder());
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var spent = new Dictionary<string, double>(StringComparer.Ordinal);
        var started = Stopwatch.GetTimestamp();

        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            var page = pages[cycle % pages.Length];
            if (page.Path == "/soak/big" && cycle / pages.Length % 2 == 1)
            {
                page = pages[0]; // the 3000-element page every other round keeps the run short
            }

            var cycleStarted = Stopwatch.GetTimestamp();
            var navigated = await dispatcher.ExecuteAsync("navigate", Params(new { url = fixture.Server.Url(page.Path + "?i=" + cycle.ToString(CultureInfo.InvariantCulture)) }));
            Assert.True(navigated.Success, $"cycle {cycle} ({page.Path}): {navigated.ErrorCode} {navigated.Error}");
            Add(spent, page.Path + " navigate", cycleStarted);
            var readStarted = Stopwatch.GetTimestamp();
            // Full page every third cycle; on the 3000-element page every fourth round (a first full capture there is the slow case).
            var fullPage = page.Path == "/soak/big" ? cycle / pages.Length % 4 == 0 : cycle % 3 == 0;
            var options = fullPage ? new PageStateOptions { Mode = PageStateMode.FullPage } : PageStateOptions.Default;
            var snapshot = await ReadSettledAsync(dispatcher, page, options);
            var key = $"{page.Path}|{options.Mode}";
            Assert.True(snapshot.Elements.Count > 0, $"cycle {cycle} ({page.Path}): no elements in\n{snapshot.Text}");
            if (counts.TryGetValue(key, out var expected))
            {
                Assert.True(expected == snapshot.Elements.Count, $"cycle {cycle} ({key}): {snapshot.Elements.Count} elements, earlier {expected}\n{snapshot.Text}");
            }
            else
            {
                counts[key] = snapshot.Elements.Count;
            }

            Add(spent, page.Path + " read", readStarted);
            if (cycle % 3 != 1)
            {
                var actStarted = Stopwatch.GetTimestamp();
                await page.Act(new SoakStep(dispatcher, session.ActivePage, snapshot, cycle));
                Add(spent, page.Path + " act", actStarted);
            }

            Assert.Equal(0, Volatile.Read(ref crashes));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Cycles} cycles over {pages.Length} pages in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
        foreach (var (phase, milliseconds) in spent.OrderByDescending(p => p.Value))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase}: {milliseconds / 1000:0.0} s"));
        }

        Assert.Equal(0, crashes);
        Assert.False(session.ActivePage.IsClosed);
    }

    private static void Add(Dictionary<string, double> spent, string phase, long started) =>
        spent[phase] = spent.GetValueOrDefault(phase) + Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static JsonElement Params(object value) => JsonSerializer.SerializeToElement(value);

    // The self-navigating page and the SPA settle asynchronously: read until the page says it is ready.
    private static async Task<BrowserContextSnapshot> ReadSettledAsync(ActionDispatcher dispatcher, SoakPage page, PageStateOptions options)
    {
        var snapshot = await dispatcher.GetContextAsync(options);
        for (var attempt = 0; page.ReadyText is { } ready && !snapshot.Text.Contains(ready, StringComparison.Ordinal) && attempt < 100; attempt++)
        {
            await Task.Delay(50);
            snapshot = await dispatcher.GetContextAsync(options);
        }

        return snapshot;
    }

    private SoakPage[] MapPages(string remoteFrame)
    {
        var server = fixture.Server;
        server.MapHtml("/soak/form", ReproductionPages.ListenerForm);
        server.MapHtml("/soak/listeners", ListenersPage());
        server.MapHtml("/soak/spa", SpaPage);
        server.MapHtml("/soak/frames", FramesPage(remoteFrame));
        server.MapHtml("/soak/frame-child", """
            <html><body><p>Child frame text</p><button onclick="window.hits = (window.hits || 0) + 1">Frame button</button>
            <input aria-label="Frame field"></body></html>
            """);
        server.MapHtml("/soak/shadow", ShadowPage);
        server.MapHtml("/soak/big", BigPage());
        server.MapHtml("/soak/timer", TimerPage);
        server.MapHtml("/soak/self-navigating", """
            <html><head><title>Redirecting</title></head><body><p>Moving on</p><a href="/soak/landed">Go now</a>
            <script>addEventListener('load', () => setTimeout(() => location.replace('/soak/landed'), 30));</script></body></html>
            """);
        server.MapHtml("/soak/landed", """
            <html><head><title>Landed</title></head><body><h1>Landed here</h1>
            <button onclick="document.getElementById('out').textContent = 'Clicked ' + (++window.n || (window.n = 1))">Press</button>
            <p id="out">Waiting</p></body></html>
            """);

        return
        [
            new("/soak/form", null, ActOnFormAsync),
            new("/soak/listeners", null, ActOnListenersAsync),
            new("/soak/spa", "SPA home", ActOnSpaAsync),
            // The cross-site frame's text shows once its out-of-process document is read too.
            new("/soak/frames", "Remote widget", ActOnFramesAsync),
            new("/soak/shadow", null, ActOnShadowAsync),
            new("/soak/big", null, ActOnBigAsync),
            new("/soak/timer", null, ActOnTimerAsync),
            new("/soak/self-navigating", "Landed here", ActOnLandedAsync),
        ];
    }

    private static async Task ActOnFormAsync(SoakStep step)
    {
        var name = "Ann" + step.Cycle.ToString(CultureInfo.InvariantCulture);
        await step.RunAsync("type", new { index = step.Index(e => e.Name == "First name"), text = name });
        await step.RunAsync("click", new { index = step.Index(e => e.Name == "Subscribe") });
        await step.RunAsync("select_option", new { index = step.Index(e => e.Name == "Country"), label = "France" });
        Assert.Equal(name, await step.EvalStringAsync("document.getElementById('first').value"));
        Assert.Equal("true|fr", await step.EvalStringAsync("document.getElementById('s').checked + '|' + document.getElementById('country').value"));
        var after = await step.Dispatcher.GetContextAsync(PageStateOptions.Default);
        Assert.Equal(step.Snapshot.Elements.Count, after.Elements.Count);
        Assert.Contains($": \"{name}\"", after.Text, StringComparison.Ordinal);
    }

    private static async Task ActOnListenersAsync(SoakStep step)
    {
        var target = step.Cycle % 40;
        await step.RunAsync("click", new { index = step.Index(e => e.Name == $"tile {target}") });
        Assert.Equal($"tile {target}", await step.EvalStringAsync("window.lastTile"));
    }

    private static async Task ActOnSpaAsync(SoakStep step)
    {
        await step.RunAsync("click", new { index = step.Index(e => e.Name == "Settings") });
        Assert.EndsWith("/soak/spa/settings", await step.EvalStringAsync("location.pathname"), StringComparison.Ordinal);
        var after = await step.Dispatcher.GetContextAsync(PageStateOptions.Default);
        Assert.Contains("Settings view", after.Text, StringComparison.Ordinal);
        await step.RunAsync("type", new { index = after.Elements.First(e => e.Name == "Display name").Index, text = "Bob" });
        Assert.Equal("Bob", await step.EvalStringAsync("document.querySelector('#view input').value"));
    }

    private static async Task ActOnFramesAsync(SoakStep step)
    {
        await step.RunAsync("click", new { index = step.Index(e => e.Name == "Frame button") });
        await step.RunAsync("type", new { index = step.Index(e => e.Name == "Frame field"), text = "in frame" });
        await step.RunAsync("click", new { index = step.Index(e => e.Name == "Top button") });
        await step.RunAsync("click", new { index = step.Index(e => e.Name == "Remote button") });
        Assert.Equal("1|in frame|1", await step.EvalStringAsync(
            "(() => { const w = document.getElementById('same').contentWindow; return w.hits + '|' + w.document.querySelector('input').value + '|' + window.topHits; })()"));
        var remote = await step.Page.Frames.Single().Cdp.SendAsync(new RuntimeEvaluateRequest { Expression = "document.querySelector('button').textContent", ReturnByValue = true });
        Assert.Equal("Remote pressed", remote.Result.Value?.GetString());
    }

    private static async Task ActOnShadowAsync(SoakStep step)
    {
        await step.RunAsync("type", new { index = step.Index(e => e.Name == "Shadow field"), text = "deep" });
        await step.RunAsync("click", new { index = step.Index(e => e.Name == "Shadow button") });
        Assert.Equal("deep", await step.EvalStringAsync("document.querySelector('x-card').shadowRoot.getElementById('echo').textContent"));
    }

    private static async Task ActOnBigAsync(SoakStep step)
    {
        var refund = step.Snapshot.Elements.First(e => e.Name == "Refund" && e.InViewport);
        await step.RunAsync("click", new { index = refund.Index });
        Assert.Equal(1, (await step.Page.EvaluateAsync("window.refunds")).GetInt32());
        await step.RunAsync("type", new { index = step.Index(e => e.Name == "Note 0-0"), text = "x" });
        Assert.Equal("x", await step.EvalStringAsync("document.querySelector('input').value"));
    }

    private static async Task ActOnTimerAsync(SoakStep step)
    {
        await step.RunAsync("click", new { index = step.Index(e => e.Name == "Increment") });
        Assert.Equal("1", await step.EvalStringAsync("document.getElementById('count').textContent"));
    }

    private static async Task ActOnLandedAsync(SoakStep step)
    {
        await step.RunAsync("click", new { index = step.Index(e => e.Name == "Press") });
        Assert.Equal("Clicked 1", await step.EvalStringAsync("document.getElementById('out').textContent"));
    }

    private static string ListenersPage()
    {
        var html = new StringBuilder("<html><head><title>Tiles</title><style>.tile{display:inline-block;width:60px;height:30px;margin:2px;background:#ddd}</style></head><body><h1>Tiles</h1>");
        for (var i = 0; i < 40; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"tile\" data-name=\"tile {i}\" title=\"tile {i}\"></div>");
        }

        return html.Append("""
            <script>
              for (const tile of document.querySelectorAll('.tile')) {
                tile.addEventListener('click', () => { window.lastTile = tile.dataset.name; });
                tile.addEventListener('mouseover', () => tile.style.background = '#ccc');
              }
            </script></body></html>
            """).ToString();
    }

    private const string SpaPage = """
        <html><head><title>SPA</title></head><body>
        <nav><a href="/soak/spa" data-view="home">Home</a> <a href="/soak/spa/settings" data-view="settings">Settings</a></nav>
        <main id="view"></main>
        <script>
          const views = {
            home: '<h1>SPA home</h1><p>Welcome</p><button>Refresh feed</button>',
            settings: '<h1>Settings view</h1><label>Display name <input></label><button>Save</button>',
          };
          const show = (name) => { document.getElementById('view').innerHTML = views[name]; };
          document.querySelector('nav').addEventListener('click', (e) => {
            const a = e.target.closest('a');
            if (!a) return;
            e.preventDefault();
            history.pushState({}, '', a.getAttribute('href'));
            show(a.dataset.view);
          });
          setTimeout(() => show('home'), 20);
        </script></body></html>
        """;

    private static string FramesPage(string remote) => $$"""
        <html><head><title>Frames</title></head><body>
        <p>Top text</p><button onclick="window.topHits = (window.topHits || 0) + 1">Top button</button>
        <iframe id="same" src="/soak/frame-child" style="width:400px;height:120px"></iframe>
        <iframe id="remote" src="{{remote}}" title="remote widget" style="width:400px;height:120px"></iframe>
        </body></html>
        """;

    private const string ShadowPage = """
        <html><head><title>Shadow</title></head><body><h1>Cards</h1><x-card></x-card>
        <script>
          customElements.define('x-card', class extends HTMLElement {
            constructor() {
              super();
              const root = this.attachShadow({ mode: 'open' });
              root.innerHTML = '<p>Shadow content</p><input aria-label="Shadow field"><button>Shadow button</button><p id="echo"></p>';
              root.querySelector('button').addEventListener('click', () => {
                root.getElementById('echo').textContent = root.querySelector('input').value;
              });
            }
          });
        </script></body></html>
        """;

    private const string TimerPage = """
        <html><head><title>Ticker</title></head><body><h1>Ticker</h1>
        <p>Time: <span id="tick">0</span></p><p class="status">idle</p>
        <button onclick="document.getElementById('count').textContent = String(Number(document.getElementById('count').textContent) + 1)">Increment</button>
        <span id="count">0</span>
        <script>
          let t = 0;
          setInterval(() => {
            document.getElementById('tick').textContent = String(++t);
            document.querySelector('.status').classList.toggle('busy');
          }, 50);
        </script></body></html>
        """;

    // 3000 interactive elements: 1000 rows of a button, a field and a link.
    private static string BigPage()
    {
        var html = new StringBuilder(1 << 18);
        html.Append("<html><head><title>Big</title></head><body><h1>Orders</h1><table>");
        for (var s = 0; s < 200; s++)
        {
            for (var r = 0; r < 5; r++)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>#{s * 100 + r}</td><td><button onclick=\"window.refunds = (window.refunds || 0) + 1\">Refund</button></td>")
                    .Append(CultureInfo.InvariantCulture, $"<td><input aria-label=\"Note {s}-{r}\" value=\"n{r}\"></td><td><a href=\"/orders/{s}/{r}\">Details</a></td></tr>");
            }
        }

        return html.Append("</table></body></html>").ToString();
    }

    private sealed record SoakPage(string Path, string? ReadyText, Func<SoakStep, Task> Act);

    private sealed record SoakStep(ActionDispatcher Dispatcher, BrowserPage Page, BrowserContextSnapshot Snapshot, int Cycle)
    {
        public int Index(Func<InteractiveElement, bool> predicate) =>
            Snapshot.Elements.FirstOrDefault(predicate)?.Index ?? throw new Xunit.Sdk.XunitException($"cycle {Cycle}: no such element in\n{Snapshot.Text}");

        public async Task RunAsync(string action, object parameters)
        {
            var result = await Dispatcher.ExecuteAsync(action, JsonSerializer.SerializeToElement(parameters));
            Assert.True(result.Success, $"cycle {Cycle} {action} on {Page.Url}: {result.ErrorCode} {result.Error}");
        }

        public async Task<string?> EvalStringAsync(string expression)
        {
            var value = await Page.EvaluateAsync(expression);
            return value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString();
        }
    }
}
