using System.Globalization;
using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace Navigator.Media.Recording;

/// <summary>
/// Grows the pipe to ffmpeg so a whole raw frame fits in it. With Linux's default 64 KiB a
/// 1280x720 BGRA frame (3.7 MB) crosses in ~57 hand-overs between our writer and ffmpeg's reader,
/// each waiting for the other to be scheduled; on a loaded machine that is what stalls the write.
/// </summary>
internal static partial class PipeCapacity
{
    private const int SetPipeSize = 1031;
    private const int GetPipeSize = 1032;
    private const string MaxSizeFile = "/proc/sys/fs/pipe-max-size";

    /// <summary>
    /// Asks for at least <paramref name="bytes"/> (beyond the system's pipe-max-size only a
    /// privileged process may go; others get that maximum). Returns the capacity the pipe has
    /// afterwards, or null when <paramref name="stream"/> is not a pipe.
    /// </summary>
    public static int? Enlarge(Stream stream, int bytes)
    {
        if (stream is not PipeStream pipe)
        {
            return null;
        }

        var handle = pipe.SafePipeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            if (Fcntl(fd, SetPipeSize, bytes) < 0 && ReadMaxSize() is { } max && max < bytes)
            {
                // Unprivileged: the largest a user may ask for; a failure leaves the default.
                _ = Fcntl(fd, SetPipeSize, max);
            }

            var capacity = Fcntl(fd, GetPipeSize, 0);
            return capacity > 0 ? capacity : null;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static int? ReadMaxSize()
    {
        try
        {
            return int.TryParse(File.ReadAllText(MaxSizeFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) ? max : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
