using System.Globalization;

namespace Navigator.Browser.Diagnostics;

/// <summary>Reads a process tree from /proc: descendants and their proportional memory (PSS).</summary>
public static class ProcessTree
{
    /// <summary>The root and all its live descendants.</summary>
    public static IReadOnlyList<int> Descendants(int rootPid)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var (pid, parent) in ReadParents())
        {
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(pid);
        }

        var result = new List<int>();
        var stack = new Stack<int>();
        if (Directory.Exists($"/proc/{rootPid}"))
        {
            stack.Push(rootPid);
        }

        while (stack.TryPop(out var pid))
        {
            result.Add(pid);
            if (children.TryGetValue(pid, out var list))
            {
                list.ForEach(stack.Push);
            }
        }

        return result;
    }

    /// <summary>Sum of PSS in bytes over the tree rooted at <paramref name="rootPid"/>.</summary>
    public static long PssBytes(int rootPid) => Descendants(rootPid).Sum(PssBytesOf);

    /// <summary>PSS of one process in bytes (0 when unreadable).</summary>
    public static long PssBytesOf(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    var kilobytes = line["Pss:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process exited between listing and reading, or is not ours to read: it holds no memory we count.
        }

        return 0;
    }

    /// <summary>
    /// Live processes whose raw command line contains <paramref name="fragment"/>
    /// (arguments in /proc are separated by NUL characters, not spaces).
    /// </summary>
    public static IReadOnlyList<int> FindByCommandLine(string fragment)
    {
        var result = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                if (commandLine.Contains(fragment, StringComparison.Ordinal) && !IsZombie(pid))
                {
                    result.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Exited while we listed /proc, or not readable: not a live match.
            }
        }

        return result;
    }

    /// <summary>True when the process exists but has exited and not been reaped.</summary>
    public static bool IsZombie(int pid) => ReadStat(pid) is { } stat && stat.State == 'Z';

    private static IEnumerable<(int Pid, int Parent)> ReadParents()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ReadStat(pid) is { } stat)
            {
                yield return (pid, stat.Parent);
            }
        }
    }

    private static (char State, int Parent)? ReadStat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may contain spaces.
            var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (afterName[0][0], int.Parse(afterName[1], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
