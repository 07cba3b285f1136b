namespace Navigator.Tools;

/// <summary>
/// A failure the caller can act on: a stable <see cref="Code"/> (see <see cref="ToolErrorCodes"/>)
/// and a message. Tools turn it into an MCP tool error, never a protocol failure.
/// </summary>
public sealed class NavigatorToolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NavigatorToolException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>Machine-readable error code.</summary>
    public string Code { get; }
}
