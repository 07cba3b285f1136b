using System.Collections.Concurrent;
using System.Globalization;

namespace Navigator.Browser.Security;

/// <summary>
/// Names sessions' download folders after the server process that owns them
/// (<c>session-&lt;pid&gt;-&lt;context&gt;</c>), and removes folders left behind by servers that
/// are gone (killed before they could clean up) the first time a root is used. Folders of
/// servers still running (several may share a root) are left alone.
/// </summary>
internal static class DownloadFolders
{
    private const string Prefix = "session-";
    private static readonly ConcurrentDictionary<string, bool> Swept = new(StringComparer.Ordinal);

    /// <summary>The folder for one browser context of this process, under <paramref name="root"/>.</summary>
    public static string For(string root, string browserContextId)
    {
        if (Swept.TryAdd(root, true))
        {
            RemoveLeftovers(root);
        }

        return Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.ProcessId}-{browserContextId}"));
    }

    /// <summary>Deletes folders whose owning process no longer runs; returns how many.</summary>
    public static int RemoveLeftovers(string root)
    {
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*"))
        {
            var name = Path.GetFileName(folder).AsSpan(Prefix.Length);
            var dash = name.IndexOf('-');
            if (dash <= 0 || !int.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }

            try
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another server is sweeping the same root, or the folder is not ours to delete; leave it.
            }
        }

        return removed;
    }
}
