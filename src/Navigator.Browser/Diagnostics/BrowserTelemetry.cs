using System.Diagnostics;
using System.Diagnostics.Metrics;
using Navigator.Browser.Security;

namespace Navigator.Browser.Diagnostics;

/// <summary>
/// Metrics of the browser layer (meter <c>Navigator.Browser</c>): crashes and requests the domain
/// policy refused. Instrument names and their tags are listed in docs/operations.md.
/// </summary>
public static class BrowserTelemetry
{
    /// <summary>The meter name, for listeners and exporters.</summary>
    public const string MeterName = "Navigator.Browser";

    /// <summary>Counter of crashes, tag <see cref="CrashKindTag"/>.</summary>
    public const string CrashesName = "navigator.browser.crashes";

    /// <summary>Counter of refused requests, tags <see cref="RefusalReasonTag"/> and <see cref="RequestKindTag"/>.</summary>
    public const string EgressRefusalsName = "navigator.browser.egress_refusals";

    /// <summary>What died: <c>renderer</c> or <c>browser</c>.</summary>
    public const string CrashKindTag = "navigator.crash.kind";

    /// <summary>Why a request was refused: <c>not_allowed</c>, <c>blocked_domain</c>, <c>scheme</c>, <c>invalid_url</c>.</summary>
    public const string RefusalReasonTag = "navigator.refusal.reason";

    /// <summary>What was refused: <c>navigation</c> (a tab's document), <c>frame</c> or <c>subresource</c> (connections the egress proxy refused included).</summary>
    public const string RequestKindTag = "navigator.request.kind";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Crashes = Meter.CreateCounter<long>(
        CrashesName, "{crash}", "Renderer and browser process crashes");

    private static readonly Counter<long> EgressRefusals = Meter.CreateCounter<long>(
        EgressRefusalsName, "{request}", "Requests and connections the session's domain policy refused");

    internal static void RecordCrash(BrowserCrashKind kind) =>
        Crashes.Add(1, new KeyValuePair<string, object?>(CrashKindTag, kind == BrowserCrashKind.Renderer ? "renderer" : "browser"));

    internal static void RecordRefusal(NavigationBlockedEventArgs blocked)
    {
        if (!EgressRefusals.Enabled)
        {
            return;
        }

        var reason = blocked.Reason switch
        {
            BlockReason.NotAllowed => "not_allowed",
            BlockReason.BlockedDomain => "blocked_domain",
            BlockReason.Scheme => "scheme",
            _ => "invalid_url",
        };
        var kind = blocked.IsMainFrame ? "navigation" : blocked.ResourceType == "Document" ? "frame" : "subresource";
        EgressRefusals.Add(1, new TagList { { RefusalReasonTag, reason }, { RequestKindTag, kind } });
    }
}
