using System.Collections.Concurrent;
using System.Text;

namespace Navigator.Actions;

/// <summary>
/// Page JavaScript embedded in the assembly (every <c>Scripts/*.js</c> of the project, by file
/// name), and the compositions Navigator installs or runs: <c>Scripts/dom-helpers.js</c> shares
/// one closure with the page-state agent and with each element function.
/// </summary>
internal static class EmbeddedScripts
{
    private const string DomHelpers = "dom-helpers.js";

    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>Everything installed in Navigator's isolated world: state agent and content extractor.</summary>
    public static string IsolatedWorld => Cache.GetOrAdd("isolated-world", static _ =>
        "(() => {\n" + Load(DomHelpers) + "\n" + Load("page-state.js") + "\n})();\n" + Load("content-extract.js"));

    /// <summary>The change monitor's script (placeholders filled in by the monitor).</summary>
    public static string DomMonitor => Load("dom-monitor.js");

    /// <summary>
    /// A function for <c>Runtime.callFunctionOn</c> (or to call from an expression) that runs the
    /// function declared in <paramref name="file"/>, named after it (<c>scroll-page.js</c>:
    /// <c>scrollPage</c>), with <c>this</c> and the arguments it was given, the DOM helpers in scope.
    /// Self-contained, so it works in any frame and world without setup.
    /// </summary>
    public static string ElementFunction(string file) => Cache.GetOrAdd("function:" + file, static (_, f) =>
        "function(...args) {\n" + Load(DomHelpers) + "\n" + Load(f) + "\nreturn " + FunctionName(f) + ".apply(this, args);\n}", file);

    /// <summary>The text of one embedded script.</summary>
    public static string Load(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(EmbeddedScripts).Assembly.GetManifestResourceStream("Navigator.Actions.Scripts." + n)
            ?? throw new InvalidOperationException($"Embedded script {n} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    // "scroll-page.js" -> "scrollPage"
    private static string FunctionName(string file)
    {
        var name = new StringBuilder();
        var upper = false;
        foreach (var c in Path.GetFileNameWithoutExtension(file))
        {
            if (c == '-')
            {
                upper = true;
                continue;
            }

            name.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return name.ToString();
    }
}
