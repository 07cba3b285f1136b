using System.Globalization;

namespace Navigator.Media.Recording;

/// <summary>The ffmpeg command line that turns raw I420 frames on stdin into a recording file.</summary>
internal static class FfmpegArguments
{
    public static IReadOnlyList<string> Build(RecordingFormat format, int width, int height, int fps, string path, RecordingOptions options)
    {
        var rate = fps.ToString(CultureInfo.InvariantCulture);
        var args = new List<string>
        {
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "rawvideo", "-pix_fmt", "yuv420p",
            "-video_size", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"),
            "-framerate", rate, "-i", "pipe:0",
            "-an", "-threads", "2",

            // One keyframe a second: a fragment per keyframe bounds what a kill can lose.
            "-g", rate, "-pix_fmt", "yuv420p",
        };
        if (format == RecordingFormat.Webm)
        {
            args.AddRange([
                "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8",
                "-b:v", options.WebmBitrateKbps.ToString(CultureInfo.InvariantCulture) + "k",
                "-f", "webm",
            ]);
        }
        else
        {
            args.AddRange([
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
                "-crf", options.H264Crf.ToString(CultureInfo.InvariantCulture),

                // Fragmented MP4: the header goes first and each keyframe closes a fragment, so the
                // file plays up to the last fragment even if ffmpeg is killed.
                "-movflags", "+frag_keyframe+empty_moov+default_base_moof",
                "-flush_packets", "1",
                "-f", "mp4",
            ]);
        }

        args.Add(path);
        return args;
    }
}
