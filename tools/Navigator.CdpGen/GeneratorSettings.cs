namespace Navigator.CdpGen;

internal static class GeneratorSettings
{
    /// <summary>
    /// Domains generated in full: types, commands and events. Types these domains reference
    /// from other domains (e.g. Debugger.SearchMatch) are pulled in transitively, without
    /// those domains' commands or events. Edit this list to widen or narrow the generated API.
    /// </summary>
    public static readonly IReadOnlyList<string> FullDomains =
    [
        "Accessibility",
        "Browser",
        "DOM",
        "DOMDebugger",
        "DOMSnapshot",
        "Emulation",
        "Fetch",
        "Input",
        "Inspector",
        "IO",
        "Log",
        "Network",
        "Page",
        "Runtime",
        "Security",
        "Storage",
        "Target",
        "Performance",
    ];

    /// <summary>C# prefixes for domains whose protocol name is not already PascalCase.</summary>
    public static readonly IReadOnlyDictionary<string, string> DomainPrefixes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOM"] = "Dom",
        ["DOMDebugger"] = "DomDebugger",
        ["DOMSnapshot"] = "DomSnapshot",
        ["DOMStorage"] = "DomStorage",
        ["CSS"] = "Css",
        ["IO"] = "IO",
    };

    /// <summary>The one protocol type that maps to a dictionary rather than to a record or JsonElement.</summary>
    public const string HeadersType = "Network.Headers";

    /// <summary>
    /// Properties the protocol marks as required but Chrome can send as null; they are generated
    /// optional (nullable, not <c>required</c>) so one such value does not fail a whole message.
    /// Keys are "Domain.TypeOrCommandOrEvent.property".
    /// </summary>
    public static readonly IReadOnlySet<string> ForceOptional = new HashSet<string>(StringComparer.Ordinal)
    {
        // "The value can be null for values that cannot be represented in JSON (±Inf)."
        "Network.Cookie.expires",
    };

    /// <summary>Protocol JSON files, relative to the npm package's directory, in output order.</summary>
    public static readonly IReadOnlyList<string> ProtocolFiles = ["json/browser_protocol.json", "json/js_protocol.json"];

    public const string PackageDirectory = "tools/Navigator.CdpGen/node_modules/devtools-protocol";

    public const string OutputDirectory = "src/Navigator.Cdp/Protocol/Generated";

    public const string Namespace = "Navigator.Cdp.Protocol";

    public const string ContextName = "CdpProtocolJsonContext";
}
