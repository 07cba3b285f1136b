using System.Collections.Concurrent;

namespace Navigator.Actions.State;

/// <summary>JavaScript sources embedded in the assembly (Scripts/*.js).</summary>
internal static class PageScripts
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The page-state agent (defines <c>__navigatorState</c>).</summary>
    public static string PageState => Load("page-state.js");

    /// <summary>Everything installed in Navigator's isolated world: state agent and content extractor.</summary>
    public static string IsolatedWorld => Cache.GetOrAdd("isolated-world", static _ => Load("page-state.js") + "\n" + Load("content-extract.js"));

    public static string Load(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(PageScripts).Assembly.GetManifestResourceStream("Navigator.Actions.Scripts." + n)
            ?? throw new InvalidOperationException($"Embedded script {n} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
