using Navigator.Actions.State;

namespace Navigator.Actions.Changes;

/// <summary>Scripts the change monitor injects.</summary>
internal static class PageScriptsSource
{
    public static string DomMonitor => PageScripts.Load("dom-monitor.js");
}
