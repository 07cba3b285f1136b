using System.Text;
using System.Text.RegularExpressions;
using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

/// <summary>What a model reads from the tools: plain text with a header, a hard budget, and what an action changed.</summary>
[Collection(ServerCollection.Name)]
[Trait("Step", "12")]
public sealed partial class McpToolResultTests(ServerFixture fixture)
{
    [Fact]
    public async Task EveryTool_DeclaresAnObjectOutputSchema()
    {
        await using var client = await fixture.Server.ConnectAsync();

        var tools = await client.ListToolsAsync();

        Assert.All(tools, tool =>
        {
            Assert.True(tool.ProtocolTool.OutputSchema is { } schema && schema.GetProperty("type").GetString() == "object", $"{tool.Name} has no object outputSchema");
        });
        var context = tools.Single(t => t.Name == "get_browser_context").ProtocolTool.OutputSchema!.Value.GetProperty("properties");
        Assert.True(context.TryGetProperty("omitted_elements", out _));
        Assert.True(context.TryGetProperty("max_chars", out _));
    }

    [Fact]
    public async Task GetBrowserContext_TextIsAHeaderAndThePageAsIs_JsonOnlyInStructuredContent()
    {
        fixture.Pages.MapHtml("/read/quotes", """
            <html><head><meta charset="utf-8"><title>Quotes "and" ünïcode</title></head><body>
            <p>She said "hello" to the café's owner &amp; left.</p><button>Say "hi"</button>
            </body></html>
            """);
        await using var client = await fixture.Server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "read-quotes", initial_url = fixture.Pages.Url("/read/quotes") });
        try
        {
            var result = await client.CallAsync("get_browser_context", new { room_name = "read-quotes" });

            var text = ToolCalls.Text(result);
            ToolCalls.AssertReadable(text);
            Assert.StartsWith("URL: " + fixture.Pages.Url("/read/quotes") + "\nTitle: Quotes \"and\" ünïcode\nState: complete; scroll 0,0 of page ", text, StringComparison.Ordinal);
            Assert.Contains("She said \"hello\" to the café's owner & left.", text, StringComparison.Ordinal);
            Assert.Matches(@"\[\d+\] button ""Say 'hi'""", text);
            var json = ToolCalls.Json(result);
            Assert.Equal("Quotes \"and\" ünïcode", json.GetProperty("title").GetString());
            Assert.Contains("She said \"hello\"", json.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.False(json.GetProperty("truncated").GetBoolean());
            Assert.False(json.TryGetProperty("omitted_chars", out _));
            Assert.Equal(40_000, json.GetProperty("max_chars").GetInt32());
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "read-quotes" });
        }
    }

    [Fact]
    public async Task GetBrowserContext_HoldsToMaxChars_CutsBetweenLines_AndSaysWhatWasLeftOut()
    {
        var html = new StringBuilder("<html><head><title>Long list</title></head><body><h1>Long list</h1><ul>");
        for (var i = 0; i < 400; i++)
        {
            html.Append(System.Globalization.CultureInfo.InvariantCulture, $"<li>Row {i} with some words about it <button>Open row {i}</button></li>");
        }

        fixture.Pages.MapHtml("/read/long", html.Append("</ul></body></html>").ToString());
        await using var client = await fixture.Server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "read-long", initial_url = fixture.Pages.Url("/read/long") });
        try
        {
            var whole = await client.CallAsync("get_browser_context", new { room_name = "read-long", mode = "full_page", max_chars = 1_000_000 });
            var wholeJson = ToolCalls.Json(whole);
            Assert.False(wholeJson.GetProperty("truncated").GetBoolean());
            var allLines = wholeJson.GetProperty("text").GetString()!.Split('\n').ToHashSet();

            var cut = await client.CallAsync("get_browser_context", new { room_name = "read-long", mode = "full_page", max_chars = 3_000 });

            var text = ToolCalls.Text(cut);
            Assert.True(text.Length <= 3_000, $"the reply is {text.Length} characters");
            var json = ToolCalls.Json(cut);
            Assert.True(json.GetProperty("truncated").GetBoolean());
            var shown = json.GetProperty("text").GetString()!;
            Assert.All(shown.TrimEnd('\n').Split('\n'), line => Assert.Contains(line, allLines));
            var shownElements = ElementMarker().Count(shown);
            Assert.True(shownElements > 5, "some rows are shown");
            Assert.Equal(json.GetProperty("element_count").GetInt32() - shownElements, json.GetProperty("omitted_elements").GetInt32());
            var note = Assert.Single(text.Split('\n'), l => l.StartsWith("[Cut at the 3,000-character budget", StringComparison.Ordinal));
            Assert.Contains($"with {json.GetProperty("omitted_elements").GetInt32():N0} elements", note, StringComparison.Ordinal);
            Assert.Contains("max_chars", note, StringComparison.Ordinal);
            Assert.Contains("extract", note, StringComparison.Ordinal);

            await client.CallErrorAsync("get_browser_context", new { room_name = "read-long", max_chars = 10 }, "invalid_parameter");
            await client.CallErrorAsync("get_browser_context", new { room_name = "read-long", max_chars = 5_000_000 }, "invalid_parameter");
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "read-long" });
        }
    }

    [Fact]
    public async Task ServerDefaultMaxChars_AppliesWhenTheCallSetsNone()
    {
        var html = new StringBuilder("<html><head><title>Paragraphs</title></head><body>");
        for (var i = 0; i < 200; i++)
        {
            html.Append(System.Globalization.CultureInfo.InvariantCulture, $"<p>Paragraph {i} of a page that goes on and on.</p>");
        }

        fixture.Pages.MapHtml("/read/paragraphs", html.Append("</body></html>").ToString());
        await using var server = await NavigatorTestServer.StartAsync(new Dictionary<string, string?> { ["Tools:DefaultMaxChars"] = "1500" });
        await using var client = await server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "read-default", initial_url = fixture.Pages.Url("/read/paragraphs") });

        var result = await client.CallAsync("get_browser_context", new { room_name = "read-default", mode = "full_page" });

        Assert.True(ToolCalls.Text(result).Length <= 1500);
        Assert.Equal(1500, ToolCalls.Json(result).GetProperty("max_chars").GetInt32());
        await client.CallOkAsync("close_browser_session", new { room_name = "read-default" });
    }

    [Fact]
    public async Task InvalidDefaultMaxChars_StopsTheServerFromStarting()
    {
        await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => NavigatorTestServer.StartAsync(new Dictionary<string, string?> { ["Tools:DefaultMaxChars"] = "0" }));
    }

    [Fact]
    public async Task HugeTitle_IsCappedInTextAndStructuredContent()
    {
        fixture.Pages.MapHtml("/read/title", "<html><head><title>" + new string('T', 1_000_000) + "</title></head><body><p>Body</p></body></html>");
        await using var client = await fixture.Server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "read-title", initial_url = fixture.Pages.Url("/read/title") });
        try
        {
            var result = await client.CallAsync("get_browser_context", new { room_name = "read-title" });

            Assert.True(ToolCalls.Text(result).Length < 2_000, "the title is cut in the text");
            Assert.True(ToolCalls.Json(result).GetProperty("title").GetString()!.Length <= 200);
            var action = await client.CallAsync("execute_action", new { room_name = "read-title", action_type = "refresh" });
            Assert.True(ToolCalls.Text(action).Length < 2_000, "the title is cut in the action's text");
            Assert.True(ToolCalls.Json(action).GetProperty("title").GetString()!.Length <= 200);
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "read-title" });
        }
    }

    [Fact]
    public async Task ExecuteAction_SaysWhatChanged_NewElementsUsableAtOnce_NavigationDialogAndNoChange()
    {
        fixture.Pages.MapHtml("/changes/page", """
            <html><head><title>Changes</title></head><body>
            <button id="menu" onclick="for (const name of ['Apples', 'Pears', 'Plums']) { const b = document.createElement('button'); b.textContent = name; b.onclick = () => { document.getElementById('out').textContent = 'Picked ' + name; }; document.getElementById('list').append(b); }">Show fruit</button>
            <div id="list"></div>
            <button onclick="this.remove()">Remove me</button>
            <button onclick="confirm('Delete everything?')">Delete</button>
            <button>Inert</button>
            <p id="out">Nothing picked</p>
            <a href="/changes/next">Next page</a>
            </body></html>
            """);
        fixture.Pages.MapHtml("/changes/next", "<html><head><title>Next one</title></head><body>done</body></html>");
        await using var client = await fixture.Server.ConnectAsync();
        const string room = "changes-room";
        await client.CallOkAsync("start_browser_session", new { room_name = room, initial_url = fixture.Pages.Url("/changes/page") });
        try
        {
            var page = ToolCalls.Text(await client.CallAsync("get_browser_context", new { room_name = room }));
            int IndexOf(string name) => int.Parse(Regex.Match(page, $@"\[(\d+)\] button ""{name}""").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

            var opened = await client.CallAsync("execute_action", new { room_name = room, action_type = "click", @params = new { index = IndexOf("Show fruit") } });
            var openedText = ToolCalls.Text(opened);
            ToolCalls.AssertReadable(openedText);
            Assert.Matches(@"^click: 3 elements new: \[\d+\] button ""Apples"", \[\d+\] button ""Pears"", \[\d+\] button ""Plums""\.$", openedText);
            var changes = ToolCalls.Json(opened).GetProperty("changes");
            Assert.Equal(3, changes.GetProperty("added_count").GetInt32());
            var pears = changes.GetProperty("added").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "Pears").GetProperty("index").GetInt32();

            // The new index works without reading the page again.
            var picked = await client.CallOkAsync("execute_action", new { room_name = room, action_type = "click", @params = new { index = pears } });
            Assert.True(picked.GetProperty("page_changed").GetBoolean());
            Assert.Contains("Picked Pears", ToolCalls.Text(await client.CallAsync("get_browser_context", new { room_name = room })), StringComparison.Ordinal);

            var removed = ToolCalls.Text(await client.CallAsync("execute_action", new { room_name = room, action_type = "click", @params = new { index = IndexOf("Remove me") } }));
            Assert.Matches(@"^click: 1 element gone: \[\d+\] button ""Remove me""\.$", removed);

            var inert = ToolCalls.Text(await client.CallAsync("execute_action", new { room_name = room, action_type = "click", @params = new { index = IndexOf("Inert") } }));
            Assert.Equal("click: no visible change.", inert);

            var dialog = ToolCalls.Text(await client.CallAsync("execute_action", new { room_name = room, action_type = "click", @params = new { index = IndexOf("Delete") } }));
            Assert.StartsWith("click: a confirm dialog opened: \"Delete everything?\"", dialog, StringComparison.Ordinal);
            var answered = ToolCalls.Text(await client.CallAsync("execute_action", new { room_name = room, action_type = "handle_dialog", @params = new { accept = false } }));
            Assert.StartsWith("handle_dialog: dismissed the confirm dialog \"Delete everything?\"", answered, StringComparison.Ordinal);

            var next = Regex.Match(page, @"\[(\d+)\] link ""Next page""").Groups[1].Value;
            var navigated = ToolCalls.Text(await client.CallAsync("execute_action", new { room_name = room, action_type = "click", @params = new { index = int.Parse(next, System.Globalization.CultureInfo.InvariantCulture) } }));
            Assert.Equal($"click: navigated to {fixture.Pages.Url("/changes/next")} (\"Next one\").", navigated);
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = room });
        }
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ElementMarker();
}
