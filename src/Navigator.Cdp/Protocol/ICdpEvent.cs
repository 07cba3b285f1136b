namespace Navigator.Cdp.Protocol;

/// <summary>A CDP event payload; the static name lets subscriptions be typed.</summary>
public interface ICdpEvent
{
    /// <summary>The protocol event name, e.g. <c>Page.loadEventFired</c>.</summary>
    static abstract string CdpEventName { get; }
}
