using Navigator.Browser;
using Navigator.Browser.Media;
using Navigator.Media;
using Navigator.Media.Recording;

// Usage: Navigator.Media.RecordingProbe <recording-dir> <url> <frames-before-ready>
var folder = args[0];
var url = args[1];
var framesBeforeReady = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
await using var pool = new BrowserPool(new BrowserPoolOptions());
var browser = await pool.CreateSessionAsync(new BrowserSessionOptions { ViewportWidth = 320, ViewportHeight = 240 });
await browser.NavigateAsync(url);
var media = new SessionMedia(browser, "probe", new ScreencastOptions { Fps = 10, MaxWidth = 320, MaxHeight = 240 }, new RecordingOptions { Directory = folder });
await media.StartAsync(paused: false);
var recorder = await media.StartRecordingAsync(RecordingFormat.Mp4);
using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
while (recorder.FramesWritten < framesBeforeReady)
{
    await timer.WaitForNextTickAsync();
}

Console.WriteLine($"recording {recorder.EncoderProcessId} {recorder.Path}");
Console.Out.Flush();

// Wait until killed; the test sends SIGKILL to this process and to ffmpeg, so nothing after this runs.
await Task.Delay(Timeout.Infinite);
GC.KeepAlive(media);
