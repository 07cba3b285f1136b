using System.Text.Json;
using Navigator.Actions;
using Navigator.Actions.State;
using Navigator.Browser;
using Navigator.Testing;
using Navigator.Vision.Models;

namespace Navigator.Vision.Tests;

/// <summary>A fresh session on one served page, with a dispatcher that reads state and uses OCR for click_text.</summary>
internal sealed class VisionTestContext : IAsyncDisposable
{
    private VisionTestContext(BrowserSession session, ActionDispatcher dispatcher, ScreenAnalysisService vision)
    {
        Session = session;
        Dispatcher = dispatcher;
        Vision = vision;
    }

    public BrowserSession Session { get; }

    public ActionDispatcher Dispatcher { get; }

    public ScreenAnalysisService Vision { get; }

    public static async Task<VisionTestContext> StartAsync(
        SharedBrowserFixture fixture, string path, string html, ScreenAnalysisService? vision = null, BrowserSessionOptions? sessionOptions = null)
    {
        fixture.Server.MapHtml(path, html);
        vision ??= new ScreenAnalysisService(new VisionOptions());
        var session = await fixture.NewSessionAsync(sessionOptions);
        var dispatcher = new ActionDispatcher(session, new PageStateBuilder()) { TextLocator = vision.TextLocator };
        await session.NavigateAsync(fixture.Server.Url(path));
        return new VisionTestContext(session, dispatcher, vision);
    }

    public Task<ActionResult> RunAsync(string actionType, object parameters) =>
        Dispatcher.ExecuteAsync(actionType, JsonSerializer.SerializeToElement(parameters));

    public Task<JsonElement> EvalAsync(string expression) => Session.ActivePage.EvaluateAsync(expression, awaitPromise: true);

    public async ValueTask DisposeAsync()
    {
        await Dispatcher.DisposeAsync();
        await Session.DisposeAsync();
        Vision.Dispose();
    }
}
