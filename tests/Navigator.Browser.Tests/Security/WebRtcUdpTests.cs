using System.Net;
using System.Net.Sockets;
using Navigator.Browser.Launching;
using Navigator.Browser.Security;
using Navigator.Testing;

namespace Navigator.Browser.Tests.Security;

/// <summary>
/// WebRTC must not send UDP around the egress proxy: a page's RTCPeerConnection with a STUN
/// server (a local UDP listener here) gathers candidates, and no datagram reaches the server.
/// </summary>
[Trait("Step", "12")]
public sealed class WebRtcUdpTests
{
    [Fact]
    public async Task StunBindingRequests_DoNotLeaveTheBrowser_InARestrictedSession()
    {
        var arrived = await DatagramsFromPeerConnectionAsync(new ChromiumOptions(), new NavigationPolicy { AllowedDomains = ["127.0.0.1"] });

        Assert.Equal(0, arrived);
    }

    [Fact]
    public async Task StunBindingRequests_Arrive_WhenDirectUdpIsAllowed()
    {
        // The control: the same page in the same restricted session does reach the listener once the
        // preference is off, so the zero above is the preference's doing.
        var arrived = await DatagramsFromPeerConnectionAsync(new ChromiumOptions { AllowWebRtcUdp = true }, new NavigationPolicy { AllowedDomains = ["127.0.0.1"] });

        Assert.True(arrived > 0, "no STUN request reached the listener even with direct UDP allowed");
    }

    private static async Task<int> DatagramsFromPeerConnectionAsync(ChromiumOptions chromium, NavigationPolicy policy)
    {
        using var stun = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)stun.Client.LocalEndPoint!).Port;
        var count = 0;
        using var stop = new CancellationTokenSource();
        var listening = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await stun.ReceiveAsync(stop.Token);
                Interlocked.Increment(ref count);
            }
        });

        await using var server = await TestWebServer.StartAsync();
        server.MapHtml("/rtc", "<html><body>rtc</body></html>");
        await using var pool = new BrowserPool(new BrowserPoolOptions { Chromium = chromium });
        await using var session = await pool.CreateSessionAsync(new BrowserSessionOptions { NavigationPolicy = policy });
        await session.NavigateAsync(server.Url("/rtc"));

        // Resolves when candidate gathering is over (or after 5 s): every STUN request has been sent by then.
        var gathered = await session.ActivePage.EvaluateAsync($$"""
            new Promise(async (resolve) => {
              const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:{{port}}' }] });
              pc.createDataChannel('probe');
              const done = () => resolve(pc.iceGatheringState);
              pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') done(); };
              setTimeout(done, 5000);
              await pc.setLocalDescription(await pc.createOffer());
            })
            """, awaitPromise: true);
        Assert.NotNull(gathered.GetString());

        // Datagrams in flight when gathering ended get a moment to be received.
        await Task.Delay(500);
        await stop.CancelAsync();
        await listening.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return Volatile.Read(ref count);
    }
}
