using Navigator.Testing;

namespace Navigator.Actions.Tests;

[Collection(DispatcherCollection.Name)]
[Trait("Step", "2")]
public sealed class ActionDialogTests(SharedBrowserFixture fixture)
{
    private const string DialogPage = """
        <html><head><title>Dialogs</title></head><body>
        <button id="alert" onclick="alert('Saved!'); window.after = 'alert done'">Alert</button>
        <button id="confirm" onclick="window.answer = confirm('Delete everything?')">Confirm</button>
        <button id="prompt" onclick="window.answer = prompt('Your name?', 'anon')">Prompt</button>
        </body></html>
        """;

    private async Task<DispatcherTestContext> OpenAsync(string path, ActionDispatcherOptions? options = null)
    {
        var t = await DispatcherTestContext.StartAsync(fixture, path, DialogPage, options);
        await t.IndexAsync("document.getElementById('alert')", "document.getElementById('confirm')", "document.getElementById('prompt')");
        return t;
    }

    [Fact]
    public async Task Click_OpeningConfirm_ReportsTheDialog_ThenAcceptAnswersIt()
    {
        await using var t = await OpenAsync("/dialog/confirm");

        var click = await t.RunAsync("click", new { index = 1 });
        Assert.True(click.Success, click.Error);
        var dialog = click.Data!.Value.GetProperty("dialog");
        Assert.Equal("confirm", dialog.GetProperty("type").GetString());
        Assert.Equal("Delete everything?", dialog.GetProperty("message").GetString());

        // Other actions are refused while the dialog blocks the page.
        var blocked = await t.RunAsync("click", new { index = 0 });
        Assert.Equal(ActionErrorCodes.DialogOpen, blocked.ErrorCode);
        Assert.Contains("Delete everything?", blocked.Error, StringComparison.Ordinal);

        var handled = await t.RunAsync("handle_dialog", new { accept = true });
        Assert.True(handled.Success, handled.Error);
        Assert.True((await t.EvalAsync("window.answer")).GetBoolean());
    }

    [Fact]
    public async Task Confirm_Dismissed_ReturnsFalseToThePage()
    {
        await using var t = await OpenAsync("/dialog/dismiss");

        await t.RunAsync("click", new { index = 1 });
        var handled = await t.RunAsync("handle_dialog", new { accept = false });

        Assert.True(handled.Success, handled.Error);
        Assert.False((await t.EvalAsync("window.answer")).GetBoolean());
    }

    [Fact]
    public async Task Prompt_AcceptedWithText_GivesTheTextToThePage()
    {
        await using var t = await OpenAsync("/dialog/prompt");

        var click = await t.RunAsync("click", new { index = 2 });
        Assert.Equal("anon", click.Data!.Value.GetProperty("dialog").GetProperty("default_prompt").GetString());
        Assert.True((await t.RunAsync("handle_dialog", new { accept = true, prompt_text = "Grace" })).Success);

        Assert.Equal("Grace", await t.EvalStringAsync("window.answer"));
    }

    [Fact]
    public async Task Alert_Accepted_LetsTheScriptContinue()
    {
        await using var t = await OpenAsync("/dialog/alert");

        var click = await t.RunAsync("click", new { index = 0 });
        Assert.Equal("alert", click.Data!.Value.GetProperty("dialog").GetProperty("type").GetString());
        Assert.True((await t.RunAsync("handle_dialog", new { })).Success);

        Assert.Equal("alert done", await t.EvalStringAsync("window.after"));
    }

    [Fact]
    public async Task HandleDialog_WithNoDialog_IsNoDialog()
    {
        await using var t = await OpenAsync("/dialog/none");

        var result = await t.RunAsync("handle_dialog", new { accept = true });

        Assert.False(result.Success);
        Assert.Equal(ActionErrorCodes.NoDialog, result.ErrorCode);
    }

    [Fact]
    public async Task UnansweredDialog_IsDismissedAfterTheConfiguredTime()
    {
        await using var t = await OpenAsync("/dialog/auto", new ActionDispatcherOptions { DialogAutoDismissAfter = TimeSpan.FromMilliseconds(200) });

        await t.RunAsync("click", new { index = 1 });

        // The page runs again once the dialog is gone: evaluate completes with the dismissed answer.
        Assert.False((await t.EvalAsync("window.answer")).GetBoolean());
        var late = await t.RunAsync("handle_dialog", new { accept = true });
        Assert.Equal(ActionErrorCodes.NoDialog, late.ErrorCode);
        Assert.Contains("dismissed automatically", late.Error, StringComparison.Ordinal);
    }
}
