using Navigator.Testing;

namespace Navigator.Actions.Tests;

[Collection(DispatcherCollection.Name)]
[Trait("Step", "2")]
public sealed class ActionTabsOutputTests(SharedBrowserFixture fixture)
{
    [Fact]
    public async Task OpenSwitchAndCloseTabs()
    {
        fixture.Server.MapHtml("/tabs/two", "<html><head><title>Two</title></head><body>two</body></html>");
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/tabs/one", "<html><head><title>One</title></head><body>one</body></html>");
        var first = t.Page;

        var opened = await t.RunAsync("open_tab", new { url = fixture.Server.Url("/tabs/two") });
        Assert.True(opened.Success, opened.Error);
        Assert.Equal("Two", opened.Title);
        Assert.Equal(2, opened.Data!.Value.GetProperty("tabs").GetArrayLength());
        Assert.Equal("two", await t.EvalStringAsync("document.body.textContent"));

        var switched = await t.RunAsync("switch_tab", new { tab_index = 0 });
        Assert.True(switched.Success, switched.Error);
        Assert.Equal(first, t.Session.ActivePage);
        Assert.Equal("One", switched.Title);

        var secondId = opened.Data.Value.GetProperty("tabs")[1].GetProperty("target_id").GetString();
        var byId = await t.RunAsync("switch_tab", new { target_id = secondId });
        Assert.True(byId.Success, byId.Error);
        Assert.Equal(secondId, t.Session.ActivePage.TargetId);

        var closed = await t.RunAsync("close_tab");
        Assert.True(closed.Success, closed.Error);
        Assert.Single(t.Session.Pages);
        Assert.Equal(first, t.Session.ActivePage);

        var last = await t.RunAsync("close_tab");
        Assert.Equal(ActionErrorCodes.InvalidParameter, last.ErrorCode);
        var missing = await t.RunAsync("switch_tab", new { tab_index = 5 });
        Assert.Equal(ActionErrorCodes.TabNotFound, missing.ErrorCode);
    }

    [Fact]
    public async Task Screenshot_ViewportAndFullPage()
    {
        const string page = "<html><body style='margin:0'><div style='height:2000px;background:red'>tall</div></body></html>";
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/shot/page", page);

        var viewport = await t.RunAsync("screenshot");
        var full = await t.RunAsync("screenshot", new { full_page = true });
        var jpeg = await t.RunAsync("screenshot", new { format = "jpeg", quality = 50 });

        Assert.True(viewport.Success, viewport.Error);
        Assert.Equal("image/png", viewport.ScreenshotMimeType);
        Assert.Equal((1280, 720), PngSize(viewport.ScreenshotBase64!));
        var (fullWidth, fullHeight) = PngSize(full.ScreenshotBase64!);
        Assert.Equal(2000, fullHeight);
        Assert.InRange(fullWidth, 1265, 1280);  // the content width, without the vertical scrollbar
        Assert.Equal("image/jpeg", jpeg.ScreenshotMimeType);
        Assert.Equal([0xFF, 0xD8], Convert.FromBase64String(jpeg.ScreenshotBase64!)[..2]);
        Assert.Equal(0, await t.EvalIntAsync("scrollY"));
    }

    [Fact]
    public async Task Screenshot_QualityForPng_IsInvalid()
    {
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/shot/bad", "<html><body>x</body></html>");

        var result = await t.RunAsync("screenshot", new { format = "png", quality = 50 });

        Assert.Equal(ActionErrorCodes.InvalidParameter, result.ErrorCode);
    }

    [Fact]
    public async Task UploadFile_ToFileInput_AndThroughAButtonThatOpensTheChooser()
    {
        const string page = """
            <html><body>
            <input id="file" type="file" onchange="window.changed = (window.changed || 0) + 1">
            <input id="many" type="file" multiple>
            <input id="hiddenInput" type="file" style="display:none">
            <button id="pick" onclick="document.getElementById('hiddenInput').click()">Choose file</button>
            </body></html>
            """;
        var directory = Directory.CreateTempSubdirectory("navigator-upload-");
        try
        {
            var first = Path.Combine(directory.FullName, "report.txt");
            var second = Path.Combine(directory.FullName, "photo.png");
            await File.WriteAllTextAsync(first, "hello upload");
            await File.WriteAllBytesAsync(second, [1, 2, 3]);
            await using var t = await DispatcherTestContext.StartAsync(fixture, "/upload/page", page, new ActionDispatcherOptions { UploadDirectory = directory.FullName });
            await t.IndexAsync("document.getElementById('file')", "document.getElementById('many')", "document.getElementById('pick')");

            var single = await t.RunAsync("upload_file", new { index = 0, paths = new[] { first } });
            Assert.True(single.Success, single.Error);
            Assert.Equal("report.txt", await t.EvalStringAsync("document.getElementById('file').files[0].name"));
            Assert.Equal("hello upload", await t.EvalStringAsync("document.getElementById('file').files[0].text()"));
            Assert.Equal(1, await t.EvalIntAsync("window.changed"));

            Assert.True((await t.RunAsync("upload_file", new { index = 1, paths = new[] { first, second } })).Success);
            Assert.Equal(2, await t.EvalIntAsync("document.getElementById('many').files.length"));

            var viaButton = await t.RunAsync("upload_file", new { index = 2, path = second });
            Assert.True(viaButton.Success, viaButton.Error);
            Assert.Equal("photo.png", await t.EvalStringAsync("document.getElementById('hiddenInput').files[0].name"));

            var tooMany = await t.RunAsync("upload_file", new { index = 0, paths = new[] { first, second } });
            Assert.Equal(ActionErrorCodes.InvalidParameter, tooMany.ErrorCode);
            var absent = await t.RunAsync("upload_file", new { index = 0, paths = new[] { Path.Combine(directory.FullName, "missing.txt") } });
            Assert.Equal(ActionErrorCodes.InvalidParameter, absent.ErrorCode);
            Assert.Contains("does not exist", absent.Error, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Extract_ReturnsMarkdownOrText()
    {
        const string page = "<html><head><title>Article</title></head><body><h1>Heading one</h1><p>Some <a href='/x'>linked</a> words.</p><ul><li>first item</li></ul></body></html>";
        await using var t = await DispatcherTestContext.StartAsync(fixture, "/extract/page", page);

        var markdown = await t.RunAsync("extract");
        var text = await t.RunAsync("extract", new { format = "text" });

        Assert.True(markdown.Success, markdown.Error);
        Assert.Contains("# Heading one", markdown.Content, StringComparison.Ordinal);
        Assert.Contains("[linked]", markdown.Content, StringComparison.Ordinal);
        Assert.Equal("Article", markdown.Title);
        Assert.True(text.Success, text.Error);
        Assert.Contains("Heading one", text.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("# ", text.Content, StringComparison.Ordinal);
        Assert.Contains("first item", text.Content, StringComparison.Ordinal);
    }

    private static (int Width, int Height) PngSize(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
