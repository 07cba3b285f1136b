namespace Navigator.Tools.Media;

/// <summary>Where recordings are downloaded over HTTP (the server maps these paths).</summary>
public static class RecordingLinks
{
    /// <summary>The HTTP path of a room's recording file.</summary>
    public static string DownloadPath(string roomName, string fileOrPath) =>
        $"/rooms/{Uri.EscapeDataString(roomName)}/recordings/{Uri.EscapeDataString(Path.GetFileName(fileOrPath))}";
}
