using ModelContextProtocol.Protocol;

namespace Navigator.Tools.Mcp;

/// <summary>Tool errors for answers given outside a tool (e.g. by the HTTP layer of a cluster), in the tools' own shape.</summary>
public static class ToolErrorResults
{
    /// <summary>The result of a tool call that failed with <paramref name="code"/> (text <c>Error code: message</c>).</summary>
    public static CallToolResult Create(string code, string message) => ToolResults.Error(code, message);
}
