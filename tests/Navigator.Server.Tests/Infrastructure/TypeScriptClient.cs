using System.Diagnostics;
using System.Text.Json;

namespace Navigator.Server.Tests.Infrastructure;

/// <summary>Runs <c>ts/flow.mjs</c> (the official MCP TypeScript client) after installing it from the lock file if needed.</summary>
public static class TypeScriptClient
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The test project's source folder (holding package.json).</summary>
    public static string ProjectDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "package.json")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new DirectoryNotFoundException("package.json of the server tests not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The test setup step: <c>npm ci</c> from package-lock.json when node_modules is missing (scripts/setup.sh does the same).</summary>
    public static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(ProjectDirectory, "node_modules", "@modelcontextprotocol", "sdk")))
            {
                return;
            }

            var (code, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(5));
            Assert.True(code == 0, "npm ci failed: " + output);
        }
        finally
        {
            InstallGate.Release();
        }
    }

    /// <summary>Runs the flow and returns its JSON summary.</summary>
    public static async Task<JsonElement> RunFlowAsync(string mode, string target, string pageUrl)
    {
        await EnsureInstalledAsync();
        var (code, output) = await RunAsync("node", [Path.Combine("ts", "flow.mjs"), mode, target, pageUrl], TimeSpan.FromMinutes(2));
        var lastLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.TrimStart().StartsWith('{')) ?? "{}";
        Assert.True(code == 0, $"flow.mjs {mode} exited {code}: {output}");
        return JsonDocument.Parse(lastLine).RootElement.Clone();
    }

    private static async Task<(int Code, string Output)> RunAsync(string command, string[] arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(command)
        {
            WorkingDirectory = ProjectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {timeout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
