using System.Text.Json;
using Navigator.Testing;

namespace Navigator.Actions.Tests;

/// <summary>The evaluate action: the agent's JavaScript in the page's main world, its JSON value back, bounded.</summary>
[Collection(DispatcherCollection.Name)]
[Trait("Step", "12")]
public sealed class ActionEvaluateTests(SharedBrowserFixture fixture)
{
    private const string Page = """
        <html><head><title>Eval page</title></head><body>
        <ul><li id="first" class="item">one</li><li>two</li><li>three</li></ul>
        <script>window.appState = { user: 'ada', cart: [3, 4] };</script>
        </body></html>
        """;

    private Task<DispatcherTestContext> OpenAsync(ActionDispatcherOptions? options = null)
    {
        fixture.Server.MapHtml("/eval/next", "<html><head><title>Next</title></head><body>next</body></html>");
        return DispatcherTestContext.StartAsync(fixture, "/eval/page", Page, options);
    }

    private static JsonElement Result(ActionResult result)
    {
        Assert.True(result.Success, $"{result.ErrorCode}: {result.Error}");
        return result.Data!.Value.GetProperty("result");
    }

    [Fact]
    public async Task Expression_ReturnsItsJsonValue_FromTheMainWorld()
    {
        await using var t = await OpenAsync();

        Assert.Equal("Eval page", Result(await t.RunAsync("evaluate", new { expression = "document.title" })).GetString());
        var state = Result(await t.RunAsync("evaluate", new { expression = "window.appState" }));
        Assert.Equal("ada", state.GetProperty("user").GetString());
        Assert.Equal(7, state.GetProperty("cart").EnumerateArray().Sum(e => e.GetInt32()));
        var result = await t.RunAsync("evaluate", new { expression = "({ n: 1, list: [true, null, 'x'] })" });
        Assert.Equal("object", result.Data!.Value.GetProperty("type").GetString());
        Assert.Equal("""{"n":1,"list":[true,null,"x"]}""", Result(result).GetRawText());
        Assert.False(result.PageChanged);
    }

    [Fact]
    public async Task FunctionSource_IsCalled_AndItsPromiseAwaited()
    {
        await using var t = await OpenAsync();

        Assert.Equal(3, Result(await t.RunAsync("evaluate", new { expression = "() => document.querySelectorAll('li').length" })).GetInt32());
        Assert.Equal("late", Result(await t.RunAsync("evaluate", new { expression = "async () => { await new Promise(r => setTimeout(r, 50)); return 'late'; }" })).GetString());
        Assert.Equal(["one", "two", "three"], Result(await t.RunAsync("evaluate", new { expression = "function () { return [...document.querySelectorAll('li')].map(li => li.textContent); }" }))
            .EnumerateArray().Select(e => e.GetString() ?? "").ToArray());
    }

    [Fact]
    public async Task ValuesWithoutJson_AreDescribed()
    {
        await using var t = await OpenAsync();

        Assert.Equal("[element li#first.item]", Result(await t.RunAsync("evaluate", new { expression = "document.getElementById('first')" })).GetString());
        Assert.Equal("[element li#first.item]", Result(await t.RunAsync("evaluate", new { expression = "[...document.querySelectorAll('li')]" }))[0].GetString());
        var undefinedResult = await t.RunAsync("evaluate", new { expression = "undefined" });
        Assert.Equal(JsonValueKind.Null, Result(undefinedResult).ValueKind);
        Assert.Equal("undefined", undefinedResult.Data!.Value.GetProperty("type").GetString());
        Assert.Equal("NaN", Result(await t.RunAsync("evaluate", new { expression = "0 / 0" })).GetString());
        Assert.Equal("12345678901234567890", Result(await t.RunAsync("evaluate", new { expression = "({ big: 12345678901234567890n })" })).GetProperty("big").GetString());
    }

    [Fact]
    public async Task ThrowingScript_FailsWithScriptErrorNamingTheError()
    {
        await using var t = await OpenAsync();

        var thrown = await t.RunAsync("evaluate", new { expression = "missingVariable.x" });
        Assert.Equal(ActionErrorCodes.ScriptError, thrown.ErrorCode);
        Assert.Contains("ReferenceError: missingVariable is not defined", thrown.Error, StringComparison.Ordinal);

        var rejected = await t.RunAsync("evaluate", new { expression = "async () => { throw new TypeError('bad input'); }" });
        Assert.Equal(ActionErrorCodes.ScriptError, rejected.ErrorCode);
        Assert.Contains("TypeError: bad input", rejected.Error, StringComparison.Ordinal);

        var circular = await t.RunAsync("evaluate", new { expression = "(() => { const a = {}; a.self = a; return a; })()" });
        Assert.Equal(ActionErrorCodes.ScriptError, circular.ErrorCode);
        Assert.Contains("circular", circular.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TooLargeValue_FailsWithResultTooLarge()
    {
        await using var t = await OpenAsync(new ActionDispatcherOptions { MaxEvaluateResultChars = 1000 });

        var array = await t.RunAsync("evaluate", new { expression = "Array.from({ length: 1000 }, (_, i) => i)" });
        Assert.Equal(ActionErrorCodes.ResultTooLarge, array.ErrorCode);
        Assert.Contains("3891 characters", array.Error, StringComparison.Ordinal);

        var text = await t.RunAsync("evaluate", new { expression = "'x'.repeat(5000)" });
        Assert.Equal(ActionErrorCodes.ResultTooLarge, text.ErrorCode);
        Assert.Equal(999, Result(await t.RunAsync("evaluate", new { expression = "'x'.repeat(997)" })).GetString()!.Length + 2);
    }

    [Fact]
    public async Task EndlessLoop_IsStoppedWithTimeout_AndThePageStillAnswers()
    {
        await using var t = await OpenAsync(new ActionDispatcherOptions { PageResponseTimeout = TimeSpan.FromSeconds(4) });

        var looped = await t.RunAsync("evaluate", new { expression = "for (;;) { }" });

        Assert.True(looped.ErrorCode == ActionErrorCodes.Timeout, $"{looped.ErrorCode}: {looped.Error}");
        Assert.Contains("without yielding", looped.Error, StringComparison.Ordinal);
        Assert.Equal(2, Result(await t.RunAsync("evaluate", new { expression = "1 + 1" })).GetInt32());
    }

    [Fact]
    public async Task PromiseThatNeverSettles_FailsWithTimeout()
    {
        await using var t = await OpenAsync(new ActionDispatcherOptions { EvaluateTimeout = TimeSpan.FromSeconds(2) });

        var result = await t.RunAsync("evaluate", new { expression = "new Promise(() => { })" });

        Assert.Equal(ActionErrorCodes.Timeout, result.ErrorCode);
        Assert.Contains("did not settle", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptThatNavigates_SettlesLikeAnyAction()
    {
        await using var t = await OpenAsync();

        var result = await t.RunAsync("evaluate", new { expression = $"() => {{ location.href = '{fixture.Server.Url("/eval/next")}'; }}" });

        Assert.True(result.Success, result.Error);
        Assert.True(result.Navigated);
        Assert.Equal("Next", result.Title);
    }

    [Fact]
    public async Task Disabled_FailsWithActionDisabled_AndRunsNothing()
    {
        await using var t = await OpenAsync(new ActionDispatcherOptions { AllowEvaluate = false });

        var result = await t.RunAsync("evaluate", new { expression = "document.title = 'changed'" });

        Assert.Equal(ActionErrorCodes.ActionDisabled, result.ErrorCode);
        Assert.Contains("AllowEvaluate", result.Error, StringComparison.Ordinal);
        Assert.Equal("Eval page", await t.EvalStringAsync("document.title"));
    }

    [Fact]
    public async Task MissingExpression_IsAMissingParameter()
    {
        await using var t = await OpenAsync();

        var result = await t.RunAsync("evaluate");

        Assert.Equal(ActionErrorCodes.MissingParameter, result.ErrorCode);
    }
}
