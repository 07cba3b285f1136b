using ModelContextProtocol.Protocol;
using Navigator.Server.Tests.Infrastructure;
using SkiaSharp;

namespace Navigator.Server.Tests;

/// <summary>screenshot {marks: true}: numbered boxes over the indexed elements, numbered as actions take them.</summary>
[Collection(ServerCollection.Name)]
[Trait("Step", "6")]
public sealed class ScreenshotMarksTests(ServerFixture fixture)
{
    [Fact]
    public async Task Marks_box_each_indexed_element_with_its_index_and_the_numbers_work_for_actions()
    {
        fixture.Pages.MapHtml("/marks/page", """
            <!doctype html><body style="margin:0;background:#fff">
            <button style="position:absolute;left:40px;top:60px;width:160px;height:50px;background:#fff;border:0">First</button>
            <button style="position:absolute;left:300px;top:200px;width:160px;height:50px;background:#fff;border:0" onclick="this.textContent='Second pressed'">Second</button>
            </body>
            """);
        await using var client = await fixture.Server.ConnectAsync();
        const string room = "marks-room";
        await client.CallOkAsync("start_browser_session", new { room_name = room, initial_url = fixture.Pages.Url("/marks/page"), viewport_width = 640, viewport_height = 360 });
        try
        {
            var plain = Image(await client.CallAsync("execute_action", new { room_name = room, action_type = "screenshot" }));
            var result = await client.CallAsync("execute_action", new { room_name = room, action_type = "screenshot", @params = new { marks = true } });
            var text = ToolCalls.Text(result);
            Assert.Contains("image/png image attached with 2 numbered marks", text, StringComparison.Ordinal);
            var second = text.Split('\n').Single(l => l.Contains("\"Second\"", StringComparison.Ordinal));
            var index = int.Parse(second[1..second.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            using var marked = Image(result);
            Assert.Equal((640, 360), (marked.Width, marked.Height));

            // The unmarked picture is white at the buttons' edges; the marked one has coloured outlines there.
            using (plain)
            {
                foreach (var (x, y) in new[] { (40, 85), (300, 225), (459, 225) })
                {
                    Assert.Equal(SKColors.White, plain.GetPixel(x, y));
                    var pixel = marked.GetPixel(x, y);
                    Assert.True(pixel.Red < 250 || pixel.Green < 250 || pixel.Blue < 250, $"no outline at {x},{y}: {pixel}");
                }

                // A filled tag above the second button's top-left corner; the middle of the button stays as it was.
                var tag = marked.GetPixel(302, 190);
                Assert.True(tag.Red < 250 || tag.Green < 250 || tag.Blue < 250, $"no tag above the box: {tag}");
                Assert.Equal(plain.GetPixel(380, 240), marked.GetPixel(380, 240));
            }

            // The numbers are the indices actions take.
            await client.CallOkAsync("execute_action", new { room_name = room, action_type = "click", @params = new { index } });
            Assert.Contains("Second pressed", ToolCalls.Text(await client.CallAsync("get_browser_context", new { room_name = room })), StringComparison.Ordinal);

            await client.CallErrorAsync("execute_action", new { room_name = room, action_type = "screenshot", @params = new { marks = true, full_page = true } }, "invalid_parameter");
            var jpeg = await client.CallAsync("execute_action", new { room_name = room, action_type = "screenshot", @params = new { marks = true, format = "jpeg", quality = 70 } });
            Assert.Equal("image/jpeg", jpeg.Content.OfType<ImageContentBlock>().Single().MimeType);
        }
        finally
        {
            await client.CallAsync("close_browser_session", new { room_name = room });
        }
    }

    private static SKBitmap Image(CallToolResult result)
    {
        var image = result.Content.OfType<ImageContentBlock>().Single();
        return SKBitmap.Decode(image.DecodedData.ToArray()) ?? throw new InvalidOperationException("the screenshot does not decode");
    }
}
