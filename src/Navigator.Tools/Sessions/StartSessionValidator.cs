using System.Text.RegularExpressions;
using Navigator.Actions;
using Navigator.Browser.Security;

namespace Navigator.Tools.Sessions;

/// <summary>Checks start_browser_session's arguments and fills in defaults.</summary>
internal static partial class StartSessionValidator
{
    public const int MaxUrlLength = 8192;
    public const int MaxAllowedDomains = 256;

    public static RoomSessionState ToState(StartSessionRequest request, SessionManagerOptions defaults, bool serverHeadless, DateTimeOffset now)
    {
        var roomName = RoomNames.Validate(request.RoomName);
        var initialUrl = ValidateUrl(request.InitialUrl, "initial_url") ?? "about:blank";
        var width = InRange(request.ViewportWidth ?? defaults.DefaultViewportWidth, "viewport_width", 200, 7680);
        var height = InRange(request.ViewportHeight ?? defaults.DefaultViewportHeight, "viewport_height", 200, 4320);
        var fps = InRange(request.Fps ?? defaults.DefaultFps, "fps", 1, Navigator.Browser.Media.ScreencastOptions.MaxFps);
        if (request.Headless is { } headless && headless != serverHeadless)
        {
            throw new NavigatorToolException(
                ToolErrorCodes.InvalidParameter,
                serverHeadless
                    ? "headless=false is not available: this server runs Chromium headless (set Browser:Chromium:Headless=false on a machine with a display)"
                    : "headless=true is not available: this server runs Chromium with a window");
        }

        var livekitUrl = request.LiveKitUrl;
        if (!string.IsNullOrEmpty(livekitUrl)
            && (livekitUrl.Length > MaxUrlLength || !Uri.TryCreate(livekitUrl, UriKind.Absolute, out var livekit) || livekit.Scheme is not ("ws" or "wss" or "http" or "https")))
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, "livekit_url must be an absolute ws://, wss://, http:// or https:// URL");
        }

        if (request.LiveKitToken is { Length: > 16384 })
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, "livekit_token is longer than 16384 characters");
        }

        var selfCorrect = request.SelfCorrect is null ? (Navigator.Actions.Correction.SelfCorrectionPolicy?)null
            : Navigator.Actions.Correction.SelfCorrectionPolicies.Parse(request.SelfCorrect)
                ?? throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, $"self_correct must be one of {Navigator.Actions.Correction.SelfCorrectionPolicies.Names}, not '{Shorten(request.SelfCorrect)}'");

        return new RoomSessionState
        {
            SelfCorrect = selfCorrect,
            RoomName = roomName,
            InitialUrl = initialUrl,
            CurrentUrl = "about:blank",
            ViewportWidth = width,
            ViewportHeight = height,
            Fps = fps,
            AllowedDomains = ValidateDomains(request.AllowedDomains),
            Headless = serverHeadless,
            LiveKitUrl = string.IsNullOrEmpty(livekitUrl) ? null : livekitUrl,
            LiveKitToken = string.IsNullOrEmpty(request.LiveKitToken) ? null : request.LiveKitToken,
            CreatedAt = now,
        };
    }

    /// <summary>Null for an absent URL; otherwise an absolute http(s) URL or about:blank.</summary>
    public static string? ValidateUrl(string? url, string parameter)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        if (url.Length > MaxUrlLength)
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, $"{parameter} is {url.Length} characters long; at most {MaxUrlLength} are allowed");
        }

        if (url == "about:blank")
        {
            return url;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, $"{parameter} must be an absolute http:// or https:// URL (or about:blank), not '{Shorten(url)}'");
        }

        return uri.AbsoluteUri;
    }

    private static int InRange(int value, string parameter, int min, int max) =>
        value >= min && value <= max
            ? value
            : throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, $"{parameter} must be between {min} and {max}, not {value}");

    private static List<string> ValidateDomains(IReadOnlyList<string>? domains)
    {
        if (domains is null || domains.Count == 0)
        {
            return [];
        }

        if (domains.Count > MaxAllowedDomains)
        {
            throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, $"allowed_domains has {domains.Count} entries; at most {MaxAllowedDomains} are allowed");
        }

        var result = new List<string>(domains.Count);
        foreach (var domain in domains)
        {
            if (string.IsNullOrWhiteSpace(domain) || domain.Length > 300)
            {
                throw new NavigatorToolException(ToolErrorCodes.InvalidParameter, "allowed_domains entries must be non-empty domain patterns such as example.com or *.example.com");
            }

            result.Add(domain.Trim());
        }

        return result;
    }

    /// <summary>
    /// The session's navigation policy: the room's allowlist plus the server's blocked domains.
    /// Compiling validates every pattern; the initial URL must pass it.
    /// </summary>
    public static CompiledNavigationPolicy CompilePolicy(RoomSessionState state, IReadOnlyList<string> serverBlockedDomains)
    {
        var policy = state.ToNavigationPolicy(serverBlockedDomains);
        CompiledNavigationPolicy compiled;
        try
        {
            compiled = policy.Compile();
        }
        catch (InvalidDomainPatternException ex)
        {
            throw new NavigatorToolException(
                ToolErrorCodes.InvalidParameter,
                ex.Setting == nameof(NavigationPolicy.AllowedDomains)
                    ? $"allowed_domains[{ex.Index}] '{Shorten(ex.Pattern)}' is not a valid domain pattern: {ex.Problem}"
                    : ex.Message,
                ex);
        }

        if (state.InitialUrl != "about:blank" && compiled.Evaluate(state.InitialUrl) is { IsAllowed: false } decision)
        {
            throw new NavigatorToolException(
                ActionErrorCodes.NavigationBlocked,
                $"initial_url is not allowed for this session: {decision.Describe()}");
        }

        return compiled;
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 77), "...");

}
