using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Navigator.Cdp;
using Navigator.Cdp.Protocol;
using Navigator.Cdp.Transport;

namespace Navigator.Browser.Launching;

/// <summary>
/// One running Chromium process with its CDP connection and temporary profile.
/// Disposing closes the browser, kills its process group and deletes the profile.
/// The process also dies with ours: it gets a parent-death signal and, in pipe
/// mode, exits when the pipe closes.
/// </summary>
public sealed partial class ChromiumProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly StderrTail _stderr;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    private ChromiumProcess(Process process, CdpConnection connection, string userDataDir, StderrTail stderr, ILogger logger)
    {
        _stderr = stderr;
        _process = process;
        Connection = connection;
        UserDataDir = userDataDir;
        _logger = logger;
        _ = WatchExitAsync();
    }

    /// <summary>The browser's CDP connection.</summary>
    public CdpConnection Connection { get; }

    /// <summary>Process id of the browser (also its process group id).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The temporary profile folder, deleted on dispose.</summary>
    public string UserDataDir { get; }

    /// <summary>Completes with the exit code when the browser process exits.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>True while the process runs and its connection is open.</summary>
    public bool IsAlive => !_exited.Task.IsCompleted && !Connection.IsClosed;

    /// <summary>True once disposal started (an exit after that is not a crash).</summary>
    public bool IsDisposing => Volatile.Read(ref _disposed) != 0;

    /// <summary>Launches Chromium and waits until it answers a CDP command.</summary>
    public static async Task<ChromiumProcess> LaunchAsync(ChromiumOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<ChromiumProcess>();
        var executable = ChromiumLocator.Locate(options.ExecutablePath);
        var userDataDir = ProfileDirectories.Create(options.ProfileRoot ?? Path.GetTempPath(), options.AllowWebRtcUdp);

        Process? process = null;
        try
        {
            var arguments = ChromiumArguments.Build(options, userDataDir);
            (process, var transport, var stderr) = options.Transport == ChromiumTransportKind.Pipe
                ? await StartWithPipeAsync(executable, arguments)
                : await StartWithWebSocketAsync(executable, arguments, options.LaunchTimeout, cancellationToken);

            var connection = new CdpConnection(transport, new CdpConnectionOptions { CommandTimeout = options.CommandTimeout }, loggerFactory);
            var browser = new ChromiumProcess(process, connection, userDataDir, stderr, logger);
            try
            {
                // The first answer proves the browser is up; a crash at start fails it at once.
                var ready = connection.Browser.SendAsync(new BrowserGetVersionRequest(), options.LaunchTimeout, cancellationToken);
                var first = await Task.WhenAny(ready, browser.Exited);
                if (first != ready)
                {
                    throw new ChromiumLaunchException($"Chromium ({executable}) exited with code {await browser.Exited} before answering; stderr: {browser.ReadStderrTail()}");
                }

                await ready;
                LogLaunched(logger, process.Id, executable);
                return browser;
            }
            catch (Exception ex) when (ex is CdpException or OperationCanceledException or ChromiumLaunchException)
            {
                await browser.DisposeAsync();
                if (ex is ChromiumLaunchException or OperationCanceledException)
                {
                    throw;
                }

                throw new ChromiumLaunchException($"Chromium ({executable}) did not answer CDP: {ex.Message}; stderr: {stderr}", ex);
            }
        }
        catch (Exception ex) when (ex is not ChromiumLaunchException and not OperationCanceledException and not ChromiumNotFoundException)
        {
            KillGroup(process);
            TryDeleteProfile(userDataDir);
            throw new ChromiumLaunchException($"Chromium ({executable}) could not be started: {ex.Message}", ex);
        }
        catch
        {
            KillGroup(process);
            TryDeleteProfile(userDataDir);
            throw;
        }
    }

    private static ProcessStartInfo CreateStartInfo(string script, string executable, IEnumerable<string> arguments)
    {
        // bash (dash cannot redirect fds above 9) moves the pipe ends to fds 3/4, then execs setsid (own process group, so we
        // can kill renderers with the browser) and setpriv (SIGKILL when we die).
        var startInfo = new ProcessStartInfo("/bin/bash")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        ChromiumEnvironment.Scrub(startInfo.Environment);
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add("navigator-chromium");
        startInfo.ArgumentList.Add(executable);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static async Task<(Process, ICdpTransport, StderrTail)> StartWithPipeAsync(string executable, List<string> arguments)
    {
        var channel = ChildSocketPair.Create();
        try
        {
            var fd = channel.ChildFd;
            var script = $"exec 3<&{fd} 4>&{fd} {fd}<&-; exec setsid setpriv --pdeathsig KILL \"$@\"";
            var startInfo = CreateStartInfo(script, executable, arguments);
            var process = await ProcessSpawner.StartAsync(startInfo, beforeStart: channel.MakeChildEndInheritable, afterStart: channel.CloseChildEnd);
            var stderr = StartDraining(process, onLine: null);
            var stream = new System.Net.Sockets.NetworkStream(channel.ParentSocket, ownsSocket: true);
            return (process, new PipeTransport(stream, stream), stderr);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    private static async Task<(Process, ICdpTransport, StderrTail)> StartWithWebSocketAsync(string executable, List<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = CreateStartInfo("exec setsid setpriv --pdeathsig KILL \"$@\"", executable, arguments);
        var process = await ProcessSpawner.StartAsync(startInfo, null, null);
        var endpoint = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        StderrTail? stderr = null;
        stderr = StartDraining(process, line =>
        {
            if (line is null)
            {
                endpoint.TrySetException(new ChromiumLaunchException($"Chromium exited before announcing its DevTools endpoint; stderr: {stderr}"));
                return;
            }

            var match = DevToolsListening().Match(line);
            if (match.Success)
            {
                endpoint.TrySetResult(new Uri(match.Groups[1].Value));
            }
        });
        try
        {
            var uri = await endpoint.Task.WaitAsync(timeout, cancellationToken);
            return (process, await WebSocketTransport.ConnectAsync(uri, cancellationToken), stderr);
        }
        catch (TimeoutException)
        {
            throw new ChromiumLaunchException($"Chromium did not announce its DevTools endpoint within {timeout.TotalSeconds:0} s; stderr: {stderr}");
        }
    }

    // Chromium blocks if nobody reads its output; keep the last lines for error messages.
    // onLine also sees each stderr line, then null when stderr closes.
    private static StderrTail StartDraining(Process process, Action<string?>? onLine)
    {
        process.StandardInput.Close();
        var tail = new StderrTail();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                tail.Add(e.Data);
            }

            onLine?.Invoke(e.Data);
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return tail;
    }

    private string ReadStderrTail() => _stderr.ToString();

    private async Task WatchExitAsync()
    {
        try
        {
            // The Exited event, not WaitForExitAsync: that also waits for the end of the redirected
            // stdout/stderr, which a surviving helper process can hold open for seconds after the
            // browser died (measured: 3 s from a browser kill to the crash being noticed).
            var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _process.EnableRaisingEvents = true;
            _process.Exited += (_, _) => exited.TrySetResult();
            if (!_process.HasExited)
            {
                await exited.Task;
            }

            _exited.TrySetResult(_process.ExitCode);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            _exited.TrySetResult(-1);
        }
    }

    /// <summary>Closes the browser gracefully, then forcefully, and removes its profile.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            await Exited;
            return;
        }

        if (!_exited.Task.IsCompleted && !Connection.IsClosed)
        {
            try
            {
                await Connection.Browser.SendAsync(new BrowserCloseRequest(), TimeSpan.FromSeconds(2));
            }
            catch (Exception ex) when (ex is CdpException or OperationCanceledException)
            {
                // Already gone, or hung: the process group is killed below.
            }
        }

        await Connection.DisposeAsync();
        try
        {
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(3));
        }
        catch (TimeoutException)
        {
            LogForcedKill(_logger, _process.Id);
        }

        // Renderers and the zygote share the browser's process group.
        KillGroup(_process);
        await ((Task)_exited.Task).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
        TryDeleteProfile(UserDataDir);
    }

    private static void KillGroup(Process? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            _ = NativeMethods.Kill(-process.Id, NativeMethods.SigKill);
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Exited between the check and the kill.
        }
    }

    private static void TryDeleteProfile(string userDataDir)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(userDataDir))
                {
                    Directory.Delete(userDataDir, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                // A dying child may still be writing; try again shortly.
                Thread.Sleep(50);
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex DevToolsListening();

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Chromium {ProcessId} started from {Executable}")]
    private static partial void LogLaunched(ILogger logger, int processId, string executable);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Chromium {ProcessId} did not exit after Browser.close; killing its process group")]
    private static partial void LogForcedKill(ILogger logger, int processId);

    private sealed class StderrTail
    {
        private readonly Queue<string> _lines = new();

        public void Add(string line)
        {
            lock (_lines)
            {
                _lines.Enqueue(line);
                while (_lines.Count > 20)
                {
                    _lines.Dequeue();
                }
            }
        }

        public override string ToString()
        {
            lock (_lines)
            {
                return string.Join(" | ", _lines);
            }
        }
    }
}
