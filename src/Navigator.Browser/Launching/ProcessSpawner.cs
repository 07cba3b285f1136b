using System.Collections.Concurrent;
using System.Diagnostics;

namespace Navigator.Browser.Launching;

/// <summary>
/// Starts child processes from one long-lived thread. The parent-death signal
/// (prctl PR_SET_PDEATHSIG, set through setpriv) fires when the *thread* that
/// forked the child exits, and thread-pool threads retire when idle; spawning
/// from a dedicated thread keeps browsers alive exactly as long as our process.
/// Spawning is also serialised, so inheritable pipe ends never leak into a
/// concurrently started child.
/// </summary>
internal static class ProcessSpawner
{
    private static readonly BlockingCollection<SpawnRequest> Requests = StartThread();

    public static Task<Process> StartAsync(ProcessStartInfo startInfo, Action? beforeStart, Action? afterStart)
    {
        var request = new SpawnRequest(startInfo, beforeStart, afterStart);
        Requests.Add(request);
        return request.Completion.Task;
    }

    private static BlockingCollection<SpawnRequest> StartThread()
    {
        var requests = new BlockingCollection<SpawnRequest>();
        var thread = new Thread(() =>
        {
            foreach (var request in requests.GetConsumingEnumerable())
            {
                request.Run();
            }
        })
        {
            IsBackground = true,
            Name = "navigator-process-spawner",
        };
        thread.Start();
        return requests;
    }

    private sealed class SpawnRequest(ProcessStartInfo startInfo, Action? beforeStart, Action? afterStart)
    {
        public TaskCompletionSource<Process> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Run()
        {
            try
            {
                beforeStart?.Invoke();
                Process process;
                try
                {
                    process = Process.Start(startInfo) ?? throw new InvalidOperationException("Process.Start returned no process");
                }
                finally
                {
                    afterStart?.Invoke();
                }

                Completion.TrySetResult(process);
            }
            catch (Exception ex)
            {
                Completion.TrySetException(ex);
            }
        }
    }
}
