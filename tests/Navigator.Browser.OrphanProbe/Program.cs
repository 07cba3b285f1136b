using Navigator.Browser.Launching;

// Usage: Navigator.Browser.OrphanProbe <profile-root> <pipe|websocket>
var options = new ChromiumOptions
{
    ProfileRoot = args[0],
    Transport = args.Length > 1 && args[1] == "websocket" ? ChromiumTransportKind.WebSocket : ChromiumTransportKind.Pipe,
};
var browser = await ChromiumProcess.LaunchAsync(options);
Console.WriteLine($"ready {browser.ProcessId}");
Console.Out.Flush();

// Wait until killed; the test sends SIGKILL, so nothing after this runs.
await Task.Delay(Timeout.Infinite);
GC.KeepAlive(browser);
