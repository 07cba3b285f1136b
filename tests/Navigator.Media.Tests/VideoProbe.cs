using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Navigator.Media.Tests;

/// <summary>ffprobe and ffmpeg run on a finished file: stream facts and decoded RGB frames.</summary>
internal static class VideoProbe
{
    public sealed record StreamInfo(string Codec, int Width, int Height, double DurationSeconds, string PixelFormat, int DecodedFrames);

    public static async Task<StreamInfo> ProbeAsync(string path)
    {
        var json = await RunAsync("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
            "stream=codec_name,width,height,pix_fmt,nb_read_frames:format=duration", "-of", "json", path]);
        using var document = JsonDocument.Parse(json);
        var stream = document.RootElement.GetProperty("streams")[0];
        var duration = document.RootElement.GetProperty("format").TryGetProperty("duration", out var d)
            ? double.Parse(d.GetString()!, CultureInfo.InvariantCulture) : 0;
        return new StreamInfo(
            stream.GetProperty("codec_name").GetString()!,
            stream.GetProperty("width").GetInt32(),
            stream.GetProperty("height").GetInt32(),
            duration,
            stream.GetProperty("pix_fmt").GetString()!,
            int.Parse(stream.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture));
    }

    /// <summary>Every frame decoded to RGB24.</summary>
    public static async Task<List<byte[]>> DecodeRgbAsync(string path, int width, int height)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var frames = new List<byte[]>();
        var size = width * height * 3;
        while (true)
        {
            var frame = new byte[size];
            var read = 0;
            while (read < size)
            {
                var n = await process.StandardOutput.BaseStream.ReadAsync(frame.AsMemory(read));
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            if (read < size)
            {
                break;
            }

            frames.Add(frame);
        }

        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "ffmpeg decode failed: " + await stderr);
        return frames;
    }

    public static (int R, int G, int B) Pixel(byte[] rgb, int width, int x, int y)
    {
        var i = ((y * width) + x) * 3;
        return (rgb[i], rgb[i + 1], rgb[i + 2]);
    }

    public static bool Near((int R, int G, int B) actual, (int R, int G, int B) expected, int tolerance = 40) =>
        Math.Abs(actual.R - expected.R) <= tolerance && Math.Abs(actual.G - expected.G) <= tolerance && Math.Abs(actual.B - expected.B) <= tolerance;

    private static async Task<string> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} failed: {await stderr}");
        return await stdout;
    }
}
