namespace Navigator.Browser.Security;

/// <summary>
/// Where a session's downloads go. Each session gets its own folder under <see cref="Root"/>
/// (Chromium is told to save there for that browser context only, and sanitises file names so
/// nothing lands outside it); the folder is deleted with the session unless <see cref="Keep"/>.
/// </summary>
public sealed record DownloadOptions
{
    /// <summary>Allow downloads at all; when false Chromium refuses them for the session.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Parent folder of the per-session folders; defaults to <c>$TMP/navigator-downloads</c>.</summary>
    public string? Root { get; init; }

    /// <summary>Keep the session's folder after the session closes.</summary>
    public bool Keep { get; init; }

    internal string ResolveRoot() => Path.GetFullPath(Root ?? Path.Combine(Path.GetTempPath(), "navigator-downloads"));
}
