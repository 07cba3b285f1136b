namespace Navigator.Tools.Live;

/// <summary>The live view and human takeover (configuration section <c>LiveView</c>).</summary>
public sealed class LiveViewOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "LiveView";

    /// <summary>
    /// The address people reach this server at (e.g. <c>https://navigator.example.com</c>), for the
    /// live view URL in request_human_help's event. Unset: the first address the server listens on.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long the cookie a live view page gets for its API key stays valid (1 minute to 1 day). Default 1 hour.</summary>
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Live view pages one room may have open at once (1-100). Default 8.</summary>
    public int MaxViewersPerRoom { get; set; } = 8;

    /// <summary>How long one input event of a person may take to reach the page before it is reported as failed. Default 5 s.</summary>
    public TimeSpan InputTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Null when valid, else what is wrong.</summary>
    public string? Validate()
    {
        if (PublicBaseUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
        {
            return "LiveView:PublicBaseUrl must be an absolute http:// or https:// URL";
        }

        if (TicketLifetime < TimeSpan.FromMinutes(1) || TicketLifetime > TimeSpan.FromDays(1))
        {
            return "LiveView:TicketLifetime must be between 00:01:00 and 1.00:00:00";
        }

        if (MaxViewersPerRoom is < 1 or > 100)
        {
            return "LiveView:MaxViewersPerRoom must be between 1 and 100";
        }

        return InputTimeout <= TimeSpan.Zero || InputTimeout > TimeSpan.FromMinutes(1)
            ? "LiveView:InputTimeout must be more than 0 and at most a minute"
            : null;
    }
}
