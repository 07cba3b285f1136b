namespace Navigator.Browser;

/// <summary>
/// One cookie of a session, in our own plain shape so it can be stored (session state,
/// a shared directory) without protocol types.
/// </summary>
public sealed record BrowserCookie
{
    /// <summary>Cookie name.</summary>
    public required string Name { get; init; }

    /// <summary>Cookie value.</summary>
    public required string Value { get; init; }

    /// <summary>Domain (a leading dot covers subdomains).</summary>
    public required string Domain { get; init; }

    /// <summary>Path.</summary>
    public string Path { get; init; } = "/";

    /// <summary>Sent over HTTPS only.</summary>
    public bool Secure { get; init; }

    /// <summary>Hidden from page scripts.</summary>
    public bool HttpOnly { get; init; }

    /// <summary>Strict, Lax or None; null when unset.</summary>
    public string? SameSite { get; init; }

    /// <summary>Expiry in seconds since the Unix epoch; null for a session cookie.</summary>
    public double? Expires { get; init; }
}
