namespace Navigator.Browser;

/// <summary>Base type of browser engine errors.</summary>
public class BrowserException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public BrowserException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public BrowserException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>No Chromium executable was found.</summary>
public sealed class ChromiumNotFoundException(string message) : BrowserException(message);

/// <summary>Chromium was found but did not start or did not answer.</summary>
public sealed class ChromiumLaunchException(string message, Exception? innerException = null)
    : BrowserException(message, innerException);

/// <summary>A navigation failed (network error, bad URL, blocked).</summary>
public class NavigationException(string url, string reason)
    : BrowserException($"Navigation to {url} failed: {reason}")
{
    /// <summary>The requested URL.</summary>
    public string Url { get; } = url;

    /// <summary>The browser's reason, e.g. net::ERR_CONNECTION_REFUSED.</summary>
    public string Reason { get; } = reason;
}

/// <summary>A navigation did not reach its load state in time.</summary>
public sealed class NavigationTimeoutException(string url, TimeSpan timeout)
    : BrowserException($"Navigation to {url} did not finish loading within {timeout.TotalMilliseconds:0} ms")
{
    /// <summary>The requested URL.</summary>
    public string Url { get; } = url;
}

/// <summary>The session, page or browser was closed or crashed.</summary>
public sealed class BrowserSessionClosedException(string message, Exception? innerException = null)
    : BrowserException(message, innerException);
