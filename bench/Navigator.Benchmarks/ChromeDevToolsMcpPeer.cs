using System.Diagnostics;
using System.Text.Json;

namespace Navigator.Benchmarks;

/// <summary>
/// chrome-devtools-mcp (npm, pinned in <c>peers/package.json</c>) run by <c>peers/chrome-devtools-mcp-navigate.mjs</c>
/// through the official MCP TypeScript client, on the same Chromium binary: a peer's navigate_page
/// timed in the same run as ours, so the comparison does not depend on how fast the machine was when
/// someone else measured it.
/// </summary>
internal sealed class ChromeDevToolsMcpPeer : IAsyncDisposable
{
    private readonly Process _process;

    private ChromeDevToolsMcpPeer(Process process) => _process = process;

    /// <summary>Starts the peer (installing it from the lock file when needed) and waits for its browser.</summary>
    public static async Task<ChromeDevToolsMcpPeer> StartAsync(string chromium, CancellationToken cancellationToken)
    {
        var folder = PeersFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "chrome-devtools-mcp")))
        {
            await RunNpmCiAsync(folder, cancellationToken);
        }

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("chrome-devtools-mcp-navigate.mjs");
        info.ArgumentList.Add(chromium);
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        var peer = new ChromeDevToolsMcpPeer(process);
        var ready = await peer.ReadLineAsync(cancellationToken);
        if (!ready.TryGetProperty("ready", out _))
        {
            await peer.DisposeAsync();
            throw new InvalidOperationException("chrome-devtools-mcp did not start: " + ready.GetRawText());
        }

        return peer;
    }

    /// <summary>Calls navigate_page with the URL; the tool call's time in ms, measured in the client.</summary>
    public async Task<double> NavigateAsync(string url, CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync(url.AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        var answer = await ReadLineAsync(cancellationToken);
        if (!answer.GetProperty("ok").GetBoolean())
        {
            throw new InvalidOperationException("chrome-devtools-mcp navigate_page failed: " + answer.GetProperty("text").GetString());
        }

        return answer.GetProperty("ms").GetDouble();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private async Task<JsonElement> ReadLineAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException("chrome-devtools-mcp's driver exited");
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    private static string PeersFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "peers");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("bench/Navigator.Benchmarks/peers not found above " + AppContext.BaseDirectory);
    }

    private static async Task RunNpmCiAsync(string folder, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("npm") { WorkingDirectory = folder, UseShellExecute = false };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            info.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(info) ?? throw new InvalidOperationException("npm did not start");
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {folder} exited {npm.ExitCode}");
        }
    }
}
