using System.Diagnostics;
using Navigator.Actions;
using Navigator.Actions.Commands;
using Navigator.Actions.Correction;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Testing;

namespace Navigator.Benchmarks;

/// <summary>
/// The time self-correction adds to an action: a click whose element was re-rendered (auto: read
/// again, find by identity, retry), a click under a cookie banner (auto: dismiss, settle, retry),
/// and suggest on the re-rendered element, each against a plain click by index on the unchanged
/// page, interleaved in the same run. Only the action is timed (the state read and the page
/// changes that set it up are not).
/// </summary>
internal sealed class SelfCorrectionBenchmark : IBenchmark
{
    private const string ProductsPage = """
        <html><head><title>Products</title></head><body style="margin:0;font-family:sans-serif">
        <main id="list"></main>
        <div id="cookie-banner" style="position:fixed;inset:0;background:rgba(0,0,0,.3);z-index:10">
          <div style="position:absolute;left:0;right:0;bottom:0;background:#fff;padding:20px">
            We use cookies. <button id="reject">Reject all</button> <button id="accept">Accept all</button>
          </div>
        </div>
        <script>
          window.added = [];
          window.banner = document.getElementById('cookie-banner');
          banner.remove();
          for (const b of banner.querySelectorAll('button')) { b.addEventListener('click', () => banner.remove()); }
          const products = [];
          for (let i = 0; i < 3; i++) { products.push({ id: 'p' + i, name: 'Shirt ' + i }); }
          function render(order) {
            const list = document.getElementById('list');
            list.replaceChildren();
            for (const p of order) {
              const card = document.createElement('section');
              card.innerHTML = '<h2>' + p.name + '</h2><p>Cotton, ' + p.id + '</p><button>Add to cart</button>';
              card.querySelector('button').addEventListener('click', () => added.push(p.id));
              list.appendChild(card);
            }
          }
          render(products);
          window.rerender = () => render([...products].reverse());
          window.restore = () => render(products);
        </script></body></html>
        """;

    public string Name => "correction";

    public string Description => "Self-correction: what auto retry by identity, overlay dismissal and suggest add to a click by index (same run)";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var server = await TestWebServer.StartAsync();
        server.MapHtml("/bench/correction", ProductsPage);
        await using var pool = new BrowserPool(new BrowserPoolOptions());
        await using var session = await pool.CreateSessionAsync(new BrowserSessionOptions { ViewportWidth = 1280, ViewportHeight = 720 }, cancellationToken);
        await session.NavigateAsync(server.Url("/bench/correction"), cancellationToken: cancellationToken);
        await using var dispatcher = new ActionDispatcher(session, new PageStateBuilder());
        var page = session.ActivePage;

        var plain = new Samples("click by index");
        var identity = new Samples("auto: retry by identity");
        var overlay = new Samples("auto: dismiss overlay");
        var suggest = new Samples("suggest");
        var iterations = Math.Max(context.Iterations, 10);

        async Task<int> FirstCardAsync()
        {
            var state = await dispatcher.GetContextAsync(PageStateOptions.Default, cancellationToken);
            return state.Elements.First(e => e.Name == "Add to cart").Index;
        }

        async Task TimeAsync(Samples samples, ClickCommand click, bool succeeds)
        {
            var watch = Stopwatch.StartNew();
            var result = await dispatcher.ExecuteAsync(click, cancellationToken);
            watch.Stop();
            if (result.Success != succeeds || result.Correction is null == (click.SelfCorrect != SelfCorrectionPolicy.Off))
            {
                throw new InvalidOperationException($"{samples.Name}: unexpected result {result.ErrorCode} {result.Error}");
            }

            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        for (var i = -2; i < iterations; i++)
        {
            var warm = i < 0;
            var index = await FirstCardAsync();
            await TimeAsync(warm ? new Samples("warm-up") : plain, new ClickCommand { Index = index, SelfCorrect = SelfCorrectionPolicy.Off }, succeeds: true);

            await page.EvaluateAsync("rerender()", cancellationToken: cancellationToken);
            await TimeAsync(warm ? new Samples("warm-up") : identity, new ClickCommand { Index = index, SelfCorrect = SelfCorrectionPolicy.Auto }, succeeds: true);
            await page.EvaluateAsync("restore()", cancellationToken: cancellationToken);

            index = await FirstCardAsync();
            await page.EvaluateAsync("rerender()", cancellationToken: cancellationToken);
            await TimeAsync(warm ? new Samples("warm-up") : suggest, new ClickCommand { Index = index, SelfCorrect = SelfCorrectionPolicy.Suggest }, succeeds: false);
            await page.EvaluateAsync("restore()", cancellationToken: cancellationToken);

            index = await FirstCardAsync();
            await page.EvaluateAsync("document.body.append(banner)", cancellationToken: cancellationToken);
            await TimeAsync(warm ? new Samples("warm-up") : overlay, new ClickCommand { Index = index, SelfCorrect = SelfCorrectionPolicy.Auto }, succeeds: true);
        }

        var table = new ResultTable(context.Output, $"self-correction ({iterations} interleaved rounds; baseline = click by index on the unchanged page, same run)");
        table.Add("click, element re-rendered: auto retry by identity", identity, plain, null);
        table.Add("click under a cookie banner: auto dismiss + retry", overlay, plain, null);
        table.Add("click, element re-rendered: suggest (fails with suggestions)", suggest, plain, null);
        table.Print();
    }
}
