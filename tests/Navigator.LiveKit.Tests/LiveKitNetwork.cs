using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Navigator.LiveKit.Ffi;

namespace Navigator.LiveKit.Tests;

/// <summary>
/// The private network the LiveKit tests run in. libwebrtc ignores loopback interfaces, so the
/// test process's LiveKit core and the test double share a network namespace of their own with
/// a veth pair (10.77.0.1 and 10.77.0.2); no traffic leaves it. A network namespace belongs to a
/// thread: one dedicated thread enters it, loads and initializes the core (whose worker threads
/// inherit the namespace) and starts the doubles (child processes inherit it too). The core can be
/// initialized once per process, so this is one per test process.
/// </summary>
public sealed partial class LiveKitNetwork
{
    /// <summary>The double's address inside the namespace.</summary>
    public const string DoubleAddress = "10.77.0.2";

    private const int CloneNewNet = 0x40000000;
    private static readonly Lazy<LiveKitNetwork> s_instance = new(() => new LiveKitNetwork());
    private readonly BlockingCollection<Action> _work = [];
    private int _nextPort = 7880;

    private LiveKitNetwork()
    {
        var ready = new TaskCompletionSource<LiveKitFfiClient>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                if (Unshare(CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"unshare(CLONE_NEWNET) failed with errno {Marshal.GetLastPInvokeError()} (the LiveKit tests need root or CAP_SYS_ADMIN)");
                }

                foreach (var command in new[]
                {
                    "link set lo up", "link add lk0 type veth peer name lk1", "addr add 10.77.0.1/24 dev lk0",
                    "addr add 10.77.0.2/24 dev lk1", "link set lk0 up", "link set lk1 up",
                })
                {
                    RunIp(command);
                }

                var options = new LiveKitOptions();
                ready.SetResult(LiveKitFfiClient.Open(options.ResolveLibraryPath(), options.ResolveNapiStubPath()));
            }
            catch (Exception ex)
            {
                ready.SetException(ex);
                return;
            }

            foreach (var work in _work.GetConsumingEnumerable())
            {
                work();
            }
        })
        {
            IsBackground = true,
            Name = "livekit-netns",
        };
        thread.Start();
        Ffi = ready.Task.GetAwaiter().GetResult();
    }

    /// <summary>The process's network, created on first use.</summary>
    public static LiveKitNetwork Instance => s_instance.Value;

    /// <summary>The process's LiveKit core, living in the namespace.</summary>
    internal LiveKitFfiClient Ffi { get; }

    /// <summary>Starts a double in the namespace, checking tokens against <paramref name="apiKey"/>/<paramref name="apiSecret"/>.</summary>
    public async Task<LiveKitDouble> StartDoubleAsync(string apiKey = "devkey", string apiSecret = "secret-of-the-double-0123456789")
    {
        var port = Interlocked.Increment(ref _nextPort);
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                // Forked from this thread, so the child is in the namespace.
                started.SetResult(Process.Start(LiveKitDouble.StartInfo(DoubleAddress, port, apiKey, apiSecret))!);
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        });
        var double_ = new LiveKitDouble(await started.Task, $"ws://{DoubleAddress}:{port}", apiKey, apiSecret);
        await double_.WaitForAsync("listening", TimeSpan.FromSeconds(30));
        return double_;
    }

    private static void RunIp(string arguments)
    {
        using var ip = Process.Start(new ProcessStartInfo("ip", arguments) { RedirectStandardError = true })!;
        var error = ip.StandardError.ReadToEnd();
        ip.WaitForExit();
        if (ip.ExitCode != 0)
        {
            throw new InvalidOperationException($"ip {arguments} failed: {error}");
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "unshare", SetLastError = true)]
    private static partial int Unshare(int flags);
}
