namespace Navigator.Browser.Launching;

/// <summary>How we talk CDP to a launched Chromium.</summary>
public enum ChromiumTransportKind
{
    /// <summary><c>--remote-debugging-pipe</c>: no port, dies with its pipe. The default.</summary>
    Pipe,

    /// <summary><c>--remote-debugging-port=0</c> on loopback, for attaching other tools.</summary>
    WebSocket,
}
