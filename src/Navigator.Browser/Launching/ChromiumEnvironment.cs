namespace Navigator.Browser.Launching;

/// <summary>
/// The environment Chromium is started with: only what it needs to run (paths, locale, display,
/// fonts, temp folders), never the server's own settings and secrets (API keys, tokens, cloud
/// credentials), which a compromised renderer or a crash dump could otherwise reveal.
/// </summary>
public static class ChromiumEnvironment
{
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TMPDIR", "TEMP", "TMP",
        "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME",
        "FONTCONFIG_PATH", "FONTCONFIG_FILE", "DBUS_SESSION_BUS_ADDRESS", "CHROME_DEVEL_SANDBOX", "LD_LIBRARY_PATH",
    };

    /// <summary>True for a variable Chromium may see (the names above and the LC_* locale settings).</summary>
    public static bool IsAllowed(string name) => Allowed.Contains(name) || name.StartsWith("LC_", StringComparison.Ordinal);

    /// <summary>Removes every variable Chromium does not need from a process start environment.</summary>
    public static void Scrub(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.Where(n => !IsAllowed(n)).ToList())
        {
            environment.Remove(name);
        }
    }
}
