using System.Globalization;
using System.Text.Json;
using Navigator.Browser;
using Navigator.Cdp.Protocol;

namespace Navigator.Server.Tests.Infrastructure;

/// <summary>
/// A live view page opened in a second headless Chromium, the way a person opens it: real mouse
/// and key events on the viewer page (CDP Input), state read from the page's <c>navigatorLive</c>.
/// </summary>
public sealed class LiveViewPage : IAsyncDisposable
{
    private LiveViewPage(BrowserSession session) => Session = session;

    public BrowserSession Session { get; }

    public BrowserPage Page => Session.ActivePage;

    public static async Task<LiveViewPage> OpenAsync(BrowserPool pool, string url)
    {
        var session = await pool.CreateSessionAsync(new BrowserSessionOptions());
        await session.NavigateAsync(url);
        return new LiveViewPage(session);
    }

    public Task<JsonElement> EvalAsync(string expression) => Page.EvaluateAsync(expression, awaitPromise: true);

    /// <summary>Waits in the page (no polling from here) until <paramref name="condition"/> is true.</summary>
    public async Task WaitUntilAsync(string condition, string description, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            await Page.EvaluateAsync(
                $"new Promise(done => {{ const check = () => {{ try {{ if ({condition}) {{ done(true); return; }} }} catch (e) {{}} setTimeout(check, 25); }}; check(); }})",
                awaitPromise: true,
                cts.Token);
        }
        catch (OperationCanceledException)
        {
            var state = await EvalAsync("JSON.stringify({ ...window.navigatorLive, events: (window.navigatorLive?.events ?? []).map(e => e.type) })");
            throw new TimeoutException($"The live view page never showed: {description}; its state: {state}");
        }
    }

    /// <summary>Clicks the middle of the element with <paramref name="id"/> with the mouse.</summary>
    public async Task ClickElementAsync(string id)
    {
        var box = await EvalAsync($"(() => {{ const r = document.getElementById('{id}').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }})()");
        await ClickAtAsync(box[0].GetDouble(), box[1].GetDouble());
    }

    /// <summary>Clicks the picture at fractions of its width and height.</summary>
    public async Task ClickScreenAsync(double fractionX, double fractionY)
    {
        var box = await EvalAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"(() => {{ const r = document.getElementById('screen').getBoundingClientRect(); return [r.left + r.width * {fractionX}, r.top + r.height * {fractionY}]; }})()"));
        await ClickAtAsync(box[0].GetDouble(), box[1].GetDouble());
    }

    /// <summary>Turns the mouse wheel over the picture at fractions of its width and height.</summary>
    public async Task WheelScreenAsync(double fractionX, double fractionY, double deltaY)
    {
        var box = await EvalAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"(() => {{ const r = document.getElementById('screen').getBoundingClientRect(); return [r.left + r.width * {fractionX}, r.top + r.height * {fractionY}]; }})()"));
        var (x, y) = (box[0].GetDouble(), box[1].GetDouble());
        await Page.SendAsync(new InputDispatchMouseEventRequest { Type = "mouseMoved", X = x, Y = y });
        await Page.SendAsync(new InputDispatchMouseEventRequest { Type = "mouseWheel", X = x, Y = y, DeltaX = 0, DeltaY = deltaY });
    }

    /// <summary>Types <paramref name="text"/> (letters) with key down/up events into the focused element.</summary>
    public async Task TypeAsync(string text)
    {
        foreach (var c in text)
        {
            var key = c.ToString();
            var code = "Key" + char.ToUpperInvariant(c);
            await Page.SendAsync(new InputDispatchKeyEventRequest { Type = "keyDown", Key = key, Code = code, Text = key, WindowsVirtualKeyCode = char.ToUpperInvariant(c) });
            await Page.SendAsync(new InputDispatchKeyEventRequest { Type = "keyUp", Key = key, Code = code, WindowsVirtualKeyCode = char.ToUpperInvariant(c) });
        }
    }

    /// <summary>The picture's colour at fractions of its width and height.</summary>
    public async Task<(int R, int G, int B)> PixelAsync(double fractionX, double fractionY)
    {
        var rgb = await EvalAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"(() => {{ const c = document.getElementById('screen'); const d = c.getContext('2d').getImageData(Math.floor(c.width * {fractionX}), Math.floor(c.height * {fractionY}), 1, 1).data; return [d[0], d[1], d[2]]; }})()"));
        return (rgb[0].GetInt32(), rgb[1].GetInt32(), rgb[2].GetInt32());
    }

    public async ValueTask DisposeAsync() => await Session.DisposeAsync();

    private async Task ClickAtAsync(double x, double y)
    {
        await Page.SendAsync(new InputDispatchMouseEventRequest { Type = "mouseMoved", X = x, Y = y });
        await Page.SendAsync(new InputDispatchMouseEventRequest { Type = "mousePressed", X = x, Y = y, Button = "left", Buttons = 1, ClickCount = 1 });
        await Page.SendAsync(new InputDispatchMouseEventRequest { Type = "mouseReleased", X = x, Y = y, Button = "left", Buttons = 0, ClickCount = 1 });
    }
}
