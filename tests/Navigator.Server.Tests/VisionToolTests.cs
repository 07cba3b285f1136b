using Navigator.Server.Tests.Infrastructure;

namespace Navigator.Server.Tests;

[Collection(ServerCollection.Name)]
[Trait("Step", "7")]
public sealed class VisionToolTests(ServerFixture fixture)
{
    private const string CanvasPage = """
        <html><head><title>Canvas shop</title></head><body style="margin:0;font-family:sans-serif">
        <canvas id="c" width="460" height="120" style="position:absolute;left:100px;top:200px"></canvas>
        <script>
          const c = document.getElementById('c');
          const x = c.getContext('2d');
          x.fillStyle = '#fff'; x.fillRect(0, 0, 460, 120);
          x.fillStyle = '#000'; x.font = '28px sans-serif';
          x.fillText('Place order', 20, 50);
          x.fillText('Apply coupon', 220, 100);
          c.addEventListener('click', e => { document.title = 'clicked ' + (e.clientX < 300 ? 'place order' : 'apply coupon'); });
        </script></body></html>
        """;

    [Fact]
    public async Task Analyze_screen_finds_canvas_text_and_click_text_clicks_it()
    {
        fixture.Pages.MapHtml("/vision/canvas", CanvasPage);
        await using var client = await fixture.Server.ConnectAsync();
        await client.CallOkAsync("start_browser_session", new { room_name = "vision-room", initial_url = fixture.Pages.Url("/vision/canvas") });
        try
        {
            var analysis = await client.CallOkAsync("analyze_screen", new { room_name = "vision-room", question = "where is \"Apply coupon\"?" });

            Assert.Equal("ocr", analysis.GetProperty("analyzer").GetString());
            var target = analysis.GetProperty("targets")[0];
            Assert.InRange(target.GetProperty("point").GetProperty("x").GetDouble(), 320, 490);
            Assert.InRange(target.GetProperty("point").GetProperty("y").GetDouble(), 278, 308);

            var clicked = await client.CallOkAsync("execute_action", new { room_name = "vision-room", action_type = "click_text", @params = new { text = "Place order" } });

            Assert.Equal("ocr", clicked.GetProperty("data").GetProperty("source").GetString());
            var context = await client.CallOkAsync("get_browser_context", new { room_name = "vision-room" });
            Assert.Equal("clicked place order", context.GetProperty("title").GetString());

            var noModel = await client.CallErrorAsync("analyze_screen", new { room_name = "vision-room", question = "what is this?", analyzer = "model" }, "vision_model_not_configured");
            Assert.Contains("Vision:Provider", noModel, StringComparison.Ordinal);
            await client.CallErrorAsync("analyze_screen", new { room_name = "vision-room", question = " " }, "missing_parameter");
        }
        finally
        {
            await client.CallOkAsync("close_browser_session", new { room_name = "vision-room" });
        }
    }
}
