namespace Navigator.Browser.Launching;

/// <summary>The command line we start Chromium with.</summary>
internal static class ChromiumArguments
{
    // Background networking, component updates and sync would try to reach Google
    // from a closed network; throttling of hidden tabs would stall sessions that
    // are never in the foreground. Chromium's IPC flooding protection stays on: it is what
    // stops a page calling history.pushState in a loop from saturating the browser process
    // that every room on it shares.
    private static readonly string[] Defaults =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-sync",
        "--disable-quic",
        "--disable-dev-shm-usage",
        "--disable-extensions",
        "--disable-default-apps",
        "--disable-breakpad",
        "--disable-crash-reporter",
        "--disable-domain-reliability",
        "--disable-client-side-phishing-detection",
        "--disable-hang-monitor",
        "--disable-prompt-on-repost",
        "--disable-background-timer-throttling",
        "--disable-backgrounding-occluded-windows",
        "--disable-renderer-backgrounding",
        "--disable-popup-blocking",
        "--disable-features=Translate,MediaRouter,OptimizationHints,InterestFeedContentSuggestions,CalculateNativeWinOcclusion,AutofillServerCommunication,DialMediaRouteProvider,BackForwardCache,WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup,OmniboxNextFeatures",
        "--metrics-recording-only",
        "--password-store=basic",
        "--use-mock-keychain",
        "--mute-audio",

        "--no-service-autorun",
        "--export-tagged-pdf",
    ];

    public static List<string> Build(ChromiumOptions options, string userDataDir)
    {
        var arguments = new List<string>(Defaults.Length + options.ExtraArguments.Count + 6);
        if (options.Headless)
        {
            arguments.Add("--headless");
        }

        arguments.AddRange(Defaults);
        arguments.Add($"--user-data-dir={userDataDir}");
        if (options.MaxRendererHeapMegabytes > 0)
        {
            arguments.Add($"--js-flags=--max-old-space-size={options.MaxRendererHeapMegabytes}");
        }

        arguments.Add($"--window-size={options.WindowWidth},{options.WindowHeight}");
        arguments.Add(options.Transport == ChromiumTransportKind.Pipe
            ? "--remote-debugging-pipe"
            : "--remote-debugging-port=0");
        if (options.Transport == ChromiumTransportKind.WebSocket)
        {
            arguments.Add("--remote-debugging-address=127.0.0.1");
        }

        if (!string.IsNullOrWhiteSpace(options.HostResolverRules))
        {
            arguments.Add(Security.HostResolverRules.SwitchPrefix + options.HostResolverRules);
        }

        arguments.AddRange(options.ExtraArguments);
        arguments.Add("about:blank");
        return arguments;
    }
}
