namespace Navigator.Media.Recording;

/// <summary>Recording folders and file names: one folder per room under the configured directory.</summary>
public static class RecordingDirectory
{
    /// <summary>The room's folder under <paramref name="root"/>; characters unsafe in a file name become '_'.</summary>
    public static string ForRoom(string root, string roomName)
    {
        var safe = string.Create(roomName.Length, roomName, static (span, name) =>
        {
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && i > 0) ? c : '_';
            }
        });
        return Path.Combine(Path.GetFullPath(root), safe);
    }

    /// <summary>Creates <paramref name="folder"/> and proves a file can be written there; <see cref="MediaErrorCodes.DirectoryUnwritable"/> otherwise.</summary>
    public static void EnsureWritable(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new MediaException(
                MediaErrorCodes.DirectoryUnwritable,
                $"Recordings cannot be written to {folder}: {ex.Message}; set Recording:Directory to a writable folder",
                ex);
        }
    }

    /// <summary>A new file name in <paramref name="folder"/> stamped with <paramref name="now"/>.</summary>
    public static string NewFilePath(string folder, DateTimeOffset now, RecordingFormat format)
    {
        var stem = now.UtcDateTime.ToString("yyyyMMdd-HHmmss-fff", System.Globalization.CultureInfo.InvariantCulture);
        var path = Path.Combine(folder, $"{stem}.{format.Extension()}");
        for (var n = 2; File.Exists(path); n++)
        {
            path = Path.Combine(folder, $"{stem}-{n}.{format.Extension()}");
        }

        return path;
    }
}
