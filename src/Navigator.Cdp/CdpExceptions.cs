namespace Navigator.Cdp;

/// <summary>Base type of every error raised by the CDP client.</summary>
public class CdpException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public CdpException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public CdpException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The browser answered a command with a protocol error.</summary>
public sealed class CdpProtocolException(string method, int code, string protocolMessage, string? data = null)
    : CdpException($"{method} failed: {protocolMessage}{(data is null ? string.Empty : $" ({data})")} [code {code}]")
{
    /// <summary>The command that failed.</summary>
    public string Method { get; } = method;

    /// <summary>The protocol error code (e.g. -32000 for a server error).</summary>
    public int Code { get; } = code;

    /// <summary>The browser's own message.</summary>
    public string ProtocolMessage { get; } = protocolMessage;
}

/// <summary>The connection to the browser is gone; every pending and later call fails with this.</summary>
public sealed class CdpConnectionClosedException(string reason, Exception? innerException = null)
    : CdpException($"The CDP connection is closed: {reason}", innerException)
{
    /// <summary>Why the connection closed.</summary>
    public string Reason { get; } = reason;
}

/// <summary>The target session was detached (tab closed, renderer crashed) before the call completed.</summary>
public sealed class CdpSessionDetachedException(string sessionId, string method)
    : CdpException($"{method} failed: the CDP session {sessionId} was detached (its target closed or crashed)")
{
    /// <summary>The detached session.</summary>
    public string SessionId { get; } = sessionId;
}

/// <summary>A command got no answer in time.</summary>
public sealed class CdpCommandTimeoutException(string method, TimeSpan timeout, long messagesMeanwhile = 0)
    : CdpException($"{method} timed out after {timeout.TotalMilliseconds:0} ms ({messagesMeanwhile} other messages from the same target meanwhile)")
{
    /// <summary>The command that timed out.</summary>
    public string Method { get; } = method;

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; } = timeout;

    /// <summary>
    /// Answers and events the same session received while this command waited: zero means the
    /// target (or the connection) was silent, more means this one command was stuck in it.
    /// </summary>
    public long MessagesMeanwhile { get; } = messagesMeanwhile;
}
