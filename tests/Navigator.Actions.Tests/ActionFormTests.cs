using Navigator.Testing;

namespace Navigator.Actions.Tests;

[Collection(DispatcherCollection.Name)]
[Trait("Step", "2")]
public sealed class ActionFormTests(SharedBrowserFixture fixture)
{
    private const string FormPage = """
        <html><head><title>Form</title></head><body>
        <form id="f" action="/form/done" method="get">
          <label>Name <input id="name" name="name" value="old"></label>
          <input id="pw" type="password" name="pw">
          <textarea id="bio" name="bio"></textarea>
          <select id="color" name="color"><option value="r">Red</option><option value="g">Green</option><option value="b" disabled>Blue</option></select>
          <label><input id="agree" type="checkbox" name="agree"> I agree</label>
          <input id="small" type="radio" name="size" value="s"><input id="large" type="radio" name="size" value="l">
          <input id="when" type="date" name="when">
          <input id="ro" readonly value="fixed">
          <div id="editor" contenteditable="true">draft</div>
          <button id="submit">Send</button>
        </form>
        <script>
          window.log = [];
          for (const el of document.querySelectorAll('input, textarea, select'))
            for (const type of ['input', 'change']) el.addEventListener(type, e => log.push(type + ':' + e.target.id));
          window.keys = [];
          document.addEventListener('keydown', e => keys.push((e.ctrlKey ? 'C-' : '') + (e.shiftKey ? 'S-' : '') + e.key));
        </script></body></html>
        """;

    private static readonly string[] Fields =
    [
        "document.getElementById('name')", "document.getElementById('pw')", "document.getElementById('bio')",
        "document.getElementById('color')", "document.getElementById('agree')", "document.getElementById('small')",
        "document.getElementById('large')", "document.getElementById('when')", "document.getElementById('ro')",
        "document.getElementById('editor')", "document.getElementById('submit')",
    ];

    private async Task<DispatcherTestContext> OpenAsync(string path)
    {
        fixture.Server.MapHtml("/form/done", "<html><head><title>Done</title></head><body>thanks</body></html>");
        var t = await DispatcherTestContext.StartAsync(fixture, path, FormPage);
        await t.IndexAsync(Fields);
        return t;
    }

    [Fact]
    public async Task Type_ReplacesValueByDefault_AndFiresInputEvents()
    {
        await using var t = await OpenAsync("/form/type");

        var result = await t.RunAsync("type", new { index = 0, text = "Ada Lovelace" });

        Assert.True(result.Success, result.Error);
        Assert.Equal("Ada Lovelace", await t.EvalStringAsync("document.getElementById('name').value"));
        Assert.True(await t.EvalIntAsync("log.filter(l => l === 'input:name').length") >= 1);
        Assert.NotNull(result.ClickPoint);
    }

    [Fact]
    public async Task Type_WithClearFalse_Appends()
    {
        await using var t = await OpenAsync("/form/append");

        Assert.True((await t.RunAsync("type", new { index = 0, text = "er", clear = false })).Success);

        Assert.Equal("older", await t.EvalStringAsync("document.getElementById('name').value"));
    }

    [Fact]
    public async Task Type_PasswordTextareaAndContentEditable()
    {
        await using var t = await OpenAsync("/form/kinds");

        Assert.True((await t.RunAsync("type", new { index = 1, text = "s3cret!" })).Success);
        Assert.True((await t.RunAsync("type", new { index = 2, text = "line one\nline two" })).Success);
        Assert.True((await t.RunAsync("type", new { index = 9, text = "final text" })).Success);

        Assert.Equal("s3cret!", await t.EvalStringAsync("document.getElementById('pw').value"));
        Assert.Equal("line one\nline two", await t.EvalStringAsync("document.getElementById('bio').value"));
        Assert.Equal("final text", await t.EvalStringAsync("document.getElementById('editor').textContent"));
    }

    [Fact]
    public async Task Type_EmptyTextWithClear_EmptiesTheField()
    {
        await using var t = await OpenAsync("/form/empty");

        Assert.True((await t.RunAsync("type", new { index = 0, text = "" })).Success);

        Assert.Equal(string.Empty, await t.EvalStringAsync("document.getElementById('name').value"));
    }

    [Fact]
    public async Task Type_Date_SetsValueAndFiresChange()
    {
        await using var t = await OpenAsync("/form/date");

        Assert.True((await t.RunAsync("type", new { index = 7, text = "2024-05-31" })).Success);
        var bad = await t.RunAsync("type", new { index = 7, text = "31/05/2024" });

        Assert.Equal("2024-05-31", await t.EvalStringAsync("document.getElementById('when').value"));
        Assert.True(await t.EvalIntAsync("log.filter(l => l === 'change:when').length") >= 1);
        Assert.Equal(ActionErrorCodes.InvalidParameter, bad.ErrorCode);
    }

    [Fact]
    public async Task Type_PressEnter_SubmitsTheFormAndWaitsForTheNewPage()
    {
        await using var t = await OpenAsync("/form/submit");

        var result = await t.RunAsync("type", new { index = 0, text = "Grace", press_enter = true });

        Assert.True(result.Success, result.Error);
        Assert.True(result.Navigated);
        Assert.True(result.PageChanged);
        Assert.Equal("Done", result.Title);
        Assert.Contains("/form/done?name=Grace", result.Url, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Server.Hits("/form/done") > 0 ? 1 : 0);
    }

    [Fact]
    public async Task Type_IntoCheckboxSelectOrReadOnly_IsNotInteractable()
    {
        await using var t = await OpenAsync("/form/wrongkind");

        var checkbox = await t.RunAsync("type", new { index = 4, text = "x" });
        var select = await t.RunAsync("type", new { index = 3, text = "x" });
        var readOnly = await t.RunAsync("type", new { index = 8, text = "x" });

        Assert.Equal(ActionErrorCodes.ElementNotInteractable, checkbox.ErrorCode);
        Assert.Contains("click", checkbox.Error, StringComparison.Ordinal);
        Assert.Equal(ActionErrorCodes.ElementNotInteractable, select.ErrorCode);
        Assert.Contains("select_option", select.Error, StringComparison.Ordinal);
        Assert.Equal(ActionErrorCodes.ElementNotInteractable, readOnly.ErrorCode);
        Assert.Equal("fixed", await t.EvalStringAsync("document.getElementById('ro').value"));
    }

    [Fact]
    public async Task Type_WithoutIndex_TypesIntoTheFocusedField()
    {
        await using var t = await OpenAsync("/form/focused");
        await t.EvalAsync("document.getElementById('bio').focus()");

        Assert.True((await t.RunAsync("type", new { text = "focused" })).Success);

        Assert.Equal("focused", await t.EvalStringAsync("document.getElementById('bio').value"));
    }

    [Fact]
    public async Task Click_CheckboxAndRadio_ToggleThem()
    {
        await using var t = await OpenAsync("/form/check");

        Assert.True((await t.RunAsync("click", new { index = 4 })).Success);
        Assert.True((await t.RunAsync("click", new { index = 6 })).Success);

        Assert.True((await t.EvalAsync("document.getElementById('agree').checked")).GetBoolean());
        Assert.True((await t.EvalAsync("document.getElementById('large').checked")).GetBoolean());
        Assert.False((await t.EvalAsync("document.getElementById('small').checked")).GetBoolean());
    }

    [Fact]
    public async Task SelectOption_ByLabelOrValue_ChangesSelectionAndFiresChange()
    {
        await using var t = await OpenAsync("/form/select");

        var byLabel = await t.RunAsync("select_option", new { index = 3, label = "green" });
        Assert.True(byLabel.Success, byLabel.Error);
        Assert.Equal("g", await t.EvalStringAsync("document.getElementById('color').value"));
        Assert.Equal("Green", byLabel.Data!.Value.GetProperty("label").GetString());

        Assert.True((await t.RunAsync("select_option", new { index = 3, value = "r" })).Success);
        Assert.Equal("r", await t.EvalStringAsync("document.getElementById('color').value"));
        Assert.Equal(2, await t.EvalIntAsync("log.filter(l => l === 'change:color').length"));
    }

    [Fact]
    public async Task SelectOption_UnknownOrDisabledOption_FailsWithTheOptionsListed()
    {
        await using var t = await OpenAsync("/form/select-bad");

        var missing = await t.RunAsync("select_option", new { index = 3, label = "Purple" });
        var disabled = await t.RunAsync("select_option", new { index = 3, value = "b" });
        var notSelect = await t.RunAsync("select_option", new { index = 0, label = "x" });

        Assert.Equal(ActionErrorCodes.OptionNotFound, missing.ErrorCode);
        Assert.Contains("\"Red", missing.Error, StringComparison.Ordinal);
        Assert.Equal(ActionErrorCodes.ElementNotInteractable, disabled.ErrorCode);
        Assert.Equal(ActionErrorCodes.ElementNotInteractable, notSelect.ErrorCode);
        Assert.Equal("r", await t.EvalStringAsync("document.getElementById('color').value"));
    }

    [Fact]
    public async Task SendKeys_ChordsReachThePage_ControlASelectsAll()
    {
        await using var t = await OpenAsync("/form/keys");

        var result = await t.RunAsync("send_keys", new { index = 0, keys = "Control+A Backspace" });
        Assert.True(result.Success, result.Error);
        Assert.Equal(string.Empty, await t.EvalStringAsync("document.getElementById('name').value"));

        Assert.True((await t.RunAsync("send_keys", new { key = "Shift+A" })).Success);
        Assert.True((await t.RunAsync("send_keys", new { keys = new[] { "b", "Tab" } })).Success);

        Assert.Equal("Ab", await t.EvalStringAsync("document.getElementById('name').value"));
        Assert.Equal("pw", await t.EvalStringAsync("document.activeElement.id"));
        var keys = await t.EvalAsync("keys");
        Assert.Equal(["C-Control", "C-a", "Backspace", "S-Shift", "S-A", "b", "Tab"], keys.EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task SendKeys_Enter_SubmitsAndSettlesOnTheNewPage()
    {
        await using var t = await OpenAsync("/form/enter");

        var result = await t.RunAsync("send_keys", new { index = 0, keys = "Enter" });

        Assert.True(result.Success, result.Error);
        Assert.True(result.Navigated);
        Assert.Equal("Done", result.Title);
    }

    [Fact]
    public async Task SendKeys_UnknownKey_IsInvalid()
    {
        await using var t = await OpenAsync("/form/badkey");

        var result = await t.RunAsync("send_keys", new { keys = "Control+Blorp" });

        Assert.Equal(ActionErrorCodes.InvalidParameter, result.ErrorCode);
        Assert.Contains("Blorp", result.Error, StringComparison.Ordinal);
    }
}
