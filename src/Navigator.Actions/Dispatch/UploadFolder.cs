namespace Navigator.Actions.Dispatch;

/// <summary>
/// Decides which files upload_file may hand to a page: only files inside the configured folder,
/// after resolving every symbolic link on the way, so neither <c>..</c> nor a link can reach
/// the rest of the host.
/// </summary>
internal static class UploadFolder
{
    private const int MaxLinkDepth = 32;

    /// <summary>The real paths of <paramref name="paths"/>; throws <c>invalid_parameter</c> for any outside <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Resolve(string? folder, IReadOnlyList<string> paths)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            throw new ActionException(ActionErrorCodes.InvalidParameter,
                "upload_file is turned off on this server: it has no upload folder (Sessions:Actions:UploadDirectory)");
        }

        var root = RealPath(Path.GetFullPath(folder), 0);
        var resolved = new List<string>(paths.Count);
        foreach (var path in paths)
        {
            var real = RealPath(Path.GetFullPath(path), 0);
            if (!IsInside(root, real))
            {
                throw new ActionException(ActionErrorCodes.InvalidParameter,
                    $"'{path}' is outside the upload folder {folder}; only files in that folder can be uploaded");
            }

            if (!File.Exists(real))
            {
                throw new ActionException(ActionErrorCodes.InvalidParameter, $"the file '{path}' does not exist in the upload folder");
            }

            resolved.Add(real);
        }

        return resolved;
    }

    private static bool IsInside(string root, string path)
    {
        var withSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(withSeparator, StringComparison.Ordinal);
    }

    /// <summary>The path with every symbolic link of every component resolved (like realpath(3)).</summary>
    private static string RealPath(string fullPath, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw new ActionException(ActionErrorCodes.InvalidParameter, $"'{fullPath}' has too many levels of symbolic links");
        }

        var root = Path.GetPathRoot(fullPath) ?? "/";
        var current = root;
        foreach (var part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            if (new FileInfo(current).LinkTarget is { } target)
            {
                var absolute = Path.GetFullPath(target, Path.GetDirectoryName(current) ?? root);
                current = RealPath(absolute, depth + 1);
            }
        }

        return current;
    }
}
