using System.Diagnostics;
using Navigator.Actions;
using Navigator.Actions.Commands;
using Navigator.Actions.State;
using Navigator.Actions.Vision;
using Navigator.Browser;
using Navigator.Cdp.Protocol;
using Navigator.Testing;
using Navigator.Vision;
using Navigator.Vision.Ocr;

namespace Navigator.Benchmarks;

/// <summary>
/// OCR of a 1280x720 screenshot plus matching (in-process Tesseract, whole screen and canvas
/// only) against the tesseract CLI on the same image; click_text on DOM text against a click by
/// index plus the state read that finds the index.
/// </summary>
internal sealed class VisionBenchmark : IBenchmark
{
    private const string Page = """
        <html><head><title>Checkout</title></head><body style="margin:0;font-family:sans-serif">
        <nav style="padding:10px"><a href="#">Home</a> <a href="#">Products</a> <a href="#">Cart</a> <a href="#">Account</a> <a href="#">Help</a></nav>
        <h1 style="margin:10px">Checkout</h1>
        <p style="margin:10px">Your order summary. Total: $42.00. Shipping is free for orders over $25. Delivery takes three to five working days.</p>
        <p style="margin:10px">Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.</p>
        <p style="margin:10px">Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>
        <canvas id="c" width="460" height="120" style="margin:10px"></canvas>
        <div style="margin:10px"><button id="pay" onclick="window.clicks = (window.clicks || 0) + 1">Pay now</button> <button>Cancel</button></div>
        <p style="margin:10px">Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur.</p>
        <script>
          const x = document.getElementById('c').getContext('2d');
          x.fillStyle = '#fff'; x.fillRect(0, 0, 460, 120);
          x.fillStyle = '#000'; x.font = '28px sans-serif';
          x.fillText('Place order', 20, 50);
          x.fillText('Apply coupon', 220, 100);
        </script></body></html>
        """;

    public string Name => "vision";

    public string Description => "OCR of a 1280x720 screenshot + matching p50 vs the tesseract CLI (target 400 ms); click_text on DOM text vs click by index + one state read";

    public async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await using var server = await TestWebServer.StartAsync();
        server.MapHtml("/bench/vision", Page);
        await using var pool = new BrowserPool(new BrowserPoolOptions());
        await using var session = await pool.CreateSessionAsync(new BrowserSessionOptions { ViewportWidth = 1280, ViewportHeight = 720 }, cancellationToken);
        await session.NavigateAsync(server.Url("/bench/vision"), cancellationToken: cancellationToken);
        using var recognizer = new TesseractOcr();
        var locator = new ScreenTextLocator(recognizer);
        await using var dispatcher = new ActionDispatcher(session, new PageStateBuilder()) { TextLocator = locator };

        var shot = await session.ActivePage.Cdp.SendAsync(new PageCaptureScreenshotRequest { Format = "png", OptimizeForSpeed = true }, cancellationToken);
        var png = Convert.FromBase64String(shot.Data);
        var canvas = (await session.ActivePage.EvaluateAsync("(() => { const r = document.getElementById('c').getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()", cancellationToken: cancellationToken))
            .EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var whole = new ScreenCapture(png, 1280, 720);
        var canvasOnly = whole with { Regions = [new ElementBounds(canvas[0], canvas[1], canvas[2], canvas[3])] };
        var ocrIterations = Math.Clamp(context.Iterations / 2, 5, 20);

        async Task Locate(ScreenCapture screen)
        {
            if (await locator.LocateAsync(screen, "Apply coupon", exact: false, cancellationToken) is null)
            {
                throw new InvalidOperationException("OCR did not find 'Apply coupon'");
            }
        }

        var path = Path.Combine(Path.GetTempPath(), $"navigator-bench-{Environment.ProcessId}.png");
        await File.WriteAllBytesAsync(path, png, cancellationToken);
        Samples? cli = null;
        Samples ocrWhole;
        try
        {
            if (CliAvailable())
            {
                (ocrWhole, cli) = await Samples.MeasurePairAsync("ocr whole screen", () => Locate(whole), "tesseract CLI", () => RunCliAsync(path, cancellationToken), ocrIterations, warmup: 2);
            }
            else
            {
                ocrWhole = await Samples.MeasureAsync("ocr whole screen", ocrIterations, () => Locate(whole), warmup: 2);
            }
        }
        finally
        {
            File.Delete(path);
        }

        var ocrCanvas = await Samples.MeasureAsync("ocr canvas only", ocrIterations, () => Locate(canvasOnly), warmup: 2);

        var iterations = Math.Max(context.Iterations, 30);
        async Task Ok(Task<ActionResult> action)
        {
            var result = await action;
            if (!result.Success)
            {
                throw new InvalidOperationException($"{result.ActionType} failed: {result.Error}");
            }
        }

        var (clickText, indexAndState) = await Samples.MeasurePairAsync(
            "click_text",
            () => Ok(dispatcher.ExecuteAsync(new ClickTextCommand { Text = "Pay now" }, cancellationToken)),
            "state read + click by index",
            async () =>
            {
                var state = await dispatcher.GetContextAsync(PageStateOptions.Default, cancellationToken);
                var pay = state.Elements.First(e => e.Name == "Pay now");
                await Ok(dispatcher.ExecuteAsync(new ClickCommand { Index = pay.Index }, cancellationToken));
            },
            iterations,
            warmup: 5);

        var table = new ResultTable(context.Output, $"vision (OCR p50 over {ocrIterations}, clicks over {iterations}; baseline = tesseract CLI on the same PNG / state read + click by index, interleaved)");
        table.Add("OCR 1280x720 whole screen + match", ocrWhole, cli, 400);
        table.Add("OCR canvas area only + match (click_text)", ocrCanvas, null, 400);
        table.Add("click_text on DOM text (incl. settle)", clickText, indexAndState, indexAndState.Median);
        table.Print();
    }

    private static bool CliAvailable()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("tesseract", "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            process?.WaitForExit();
            return process?.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task RunCliAsync(string path, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { path, "stdout", "--psm", "11", "--oem", "1", "-c", "tessedit_do_invert=0", "tsv" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (!(await output).Contains("coupon", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The tesseract CLI did not read 'coupon'");
        }
    }
}
