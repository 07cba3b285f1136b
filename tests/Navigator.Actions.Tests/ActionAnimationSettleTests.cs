using System.Text.Json;
using Navigator.Actions.State;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

/// <summary>
/// Settling waits for the finite transitions and animations an action started, so the next read
/// sees the final layout, and never for infinite ones (spinners).
/// </summary>
[Collection(DispatcherCollection.Name)]
[Trait("Step", "2")]
public sealed class ActionAnimationSettleTests(SharedBrowserFixture fixture)
{
    [Fact]
    public async Task Click_ThatOpensAnAccordionWithATransition_ReturnsWithThePanelOpen()
    {
        fixture.Server.MapHtml("/anim/accordion", """
            <html><head><title>Accordion</title><style>
              #panel { height: 0; overflow: hidden; transition: height 600ms linear; }
              #panel.open { height: 160px; }
            </style></head><body>
            <button id="toggle" aria-expanded="false" onclick="document.getElementById('panel').classList.add('open'); this.setAttribute('aria-expanded', 'true')">Shipping details</button>
            <div id="panel"><p>Ships in two days</p><div style="height:100px"></div><button>Choose express</button></div>
            </body></html>
            """);
        await using var session = await fixture.NewSessionAsync();
        await using var dispatcher = new ActionDispatcher(session, new PageStateBuilder());
        Assert.True((await Run(dispatcher, "navigate", new { url = fixture.Server.Url("/anim/accordion") })).Success);
        var before = await dispatcher.GetContextAsync(PageStateOptions.Default);
        Assert.DoesNotContain(before.Elements, e => e.Name == "Choose express");
        var toggle = before.Elements.Single(e => e.Name == "Shipping details");

        var clicked = await Run(dispatcher, "click", new { index = toggle.Index });

        Assert.True(clicked.Success, clicked.Error);
        var after = await dispatcher.GetContextAsync(PageStateOptions.Default);
        var inner = after.Elements.SingleOrDefault(e => e.Name == "Choose express");
        Assert.True(inner is { InViewport: true, OffscreenDirection: null }, $"the panel's button is not shown as reachable:\n{after.Text}");
        Assert.Equal(160, (await session.ActivePage.EvaluateAsync("document.getElementById('panel').getBoundingClientRect().height")).GetDouble());
    }

    [Fact]
    public async Task Click_OnAPageWithSpinners_DoesNotWaitForThem()
    {
        fixture.Server.MapHtml("/anim/spinner", """
            <html><head><title>Spinner</title><style>
              @keyframes spin { to { transform: rotate(360deg); } }
              .spinner { width: 20px; height: 20px; background: red; animation: spin 800ms linear infinite; }
            </style></head><body>
            <div class="spinner"></div>
            <button onclick="document.getElementById('second').className = 'spinner'; document.getElementById('out').textContent = 'Loading'">Load more</button>
            <div id="second"></div><p id="out">Idle</p>
            </body></html>
            """);
        await using var session = await fixture.NewSessionAsync();

        // A bound far above any real settle: an action that waited for a spinner would take it all.
        var options = new ActionDispatcherOptions { AnimationSettleTimeout = TimeSpan.FromSeconds(30) };
        await using var dispatcher = new ActionDispatcher(session, new PageStateBuilder(), options);
        Assert.True((await Run(dispatcher, "navigate", new { url = fixture.Server.Url("/anim/spinner") })).Success);
        var state = await dispatcher.GetContextAsync(PageStateOptions.Default);
        var button = state.Elements.Single(e => e.Name == "Load more");

        // The click starts a second infinite animation; neither it nor the one already running is waited for.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var clicked = await Run(dispatcher, "click", new { index = button.Index });

        Assert.True(clicked.Success, clicked.Error);
        Assert.True(clicked.PageChanged);
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(15), $"the click took {clicked.DurationMs} ms");
        Assert.Equal("Loading", (await session.ActivePage.EvaluateAsync("document.getElementById('out').textContent")).GetString());
    }

    private static Task<ActionResult> Run(ActionDispatcher dispatcher, string type, object parameters) =>
        dispatcher.ExecuteAsync(type, JsonSerializer.SerializeToElement(parameters));
}
