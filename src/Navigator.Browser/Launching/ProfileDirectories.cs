using System.Globalization;
using System.Text.Json;

namespace Navigator.Browser.Launching;

/// <summary>
/// Temporary Chromium profiles are named after the process that owns them, so profiles left
/// by an owner that was killed (and could not clean up) are removed by the next launch.
/// </summary>
internal static class ProfileDirectories
{
    private const string Prefix = "navigator-chromium-";
    private static readonly Lock SweepLock = new();
    private static readonly HashSet<string> SweptRoots = new(StringComparer.Ordinal);

    /// <summary>Creates a profile; its preferences keep WebRTC off direct UDP unless <paramref name="allowWebRtcUdp"/>.</summary>
    public static string Create(string root, bool allowWebRtcUdp = false)
    {
        Directory.CreateDirectory(root);
        SweepOnce(root);
        var path = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(path);
        if (!allowWebRtcUdp)
        {
            WriteNoDirectUdpPreference(path);
        }

        return path;
    }

    /// <summary>
    /// WebRTC would otherwise send STUN and media over UDP, which neither the Fetch guard nor the
    /// per-session SOCKS proxy sees. Chromium has no command-line switch for this policy; the
    /// profile preference applies to the default context and to contexts created over CDP.
    /// </summary>
    private static void WriteNoDirectUdpPreference(string profile)
    {
        var folder = Path.Combine(profile, "Default");
        Directory.CreateDirectory(folder);
        using var file = File.Create(Path.Combine(folder, "Preferences"));
        using var json = new Utf8JsonWriter(file);
        json.WriteStartObject();
        json.WriteStartObject("webrtc");
        json.WriteString("ip_handling_policy", "disable_non_proxied_udp");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Deletes profiles whose owning process is gone; returns how many.</summary>
    public static int SweepStale(string root)
    {
        var removed = 0;
        foreach (var directory in Directory.EnumerateDirectories(root, Prefix + "*"))
        {
            var owner = OwnerOf(Path.GetFileName(directory));
            if (owner is null || owner == Environment.ProcessId || Directory.Exists($"/proc/{owner}"))
            {
                continue;
            }

            try
            {
                Directory.Delete(directory, recursive: true);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another sweeper or a dying browser holds it; the next sweep retries.
            }
        }

        return removed;
    }

    private static void SweepOnce(string root)
    {
        lock (SweepLock)
        {
            if (!SweptRoots.Add(root))
            {
                return;
            }
        }

        SweepStale(root);
    }

    private static int? OwnerOf(string name)
    {
        var rest = name[Prefix.Length..];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }
}
