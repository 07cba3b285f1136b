using System.CommandLine;
using Navigator.Server.Hosting;

namespace Navigator.Server.Cli;

/// <summary>The <c>navigator</c> command line: serve, mcp and doctor.</summary>
public static class NavigatorCommandLine
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("Navigator: a real browser for voice and AI agents, over MCP.");
        root.Add(CreateServe());
        root.Add(CreateMcp());
        root.Add(CreateDoctor());
        return root;
    }

    private static Command CreateServe()
    {
        var urls = new Option<string?>("--urls")
        {
            Description = "Addresses to listen on, separated by ';' (default http://127.0.0.1:8000). Anything beyond loopback needs --api-key.",
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = "Bearer token required on every HTTP and WebSocket request (also NAVIGATOR_SERVER__APIKEY).",
        };
        var command = new Command("serve", "Serve MCP over Streamable HTTP at /mcp, room events at ws://.../mcp/events/{room_name}, and /health.")
        {
            urls,
            apiKey,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (parseResult.GetValue(urls) is { Length: > 0 } u)
            {
                flags["Server:Urls"] = u;
            }

            if (parseResult.GetValue(apiKey) is { Length: > 0 } key)
            {
                flags["Server:ApiKey"] = key;
            }

            WebApplication app;
            try
            {
                app = NavigatorWebHost.Build(flags);
            }
            catch (InsecureBindingException ex)
            {
                await Console.Error.WriteLineAsync("navigator: " + ex.Message);
                return 2;
            }

            // RunAsync disposes the app (closing every session and browser) when it returns.
            try
            {
                await app.RunAsync(cancellationToken);
            }
            catch (InsecureBindingException ex)
            {
                // Kestrel bound an address the configuration check could not see.
                await Console.Error.WriteLineAsync("navigator: " + ex.Message);
                return 2;
            }
            catch (Navigator.Cluster.ClusterUnavailableException ex)
            {
                await Console.Error.WriteLineAsync("navigator: " + ex.Message);
                return 2;
            }

            return 0;
        });
        return command;
    }

    private static Command CreateMcp()
    {
        var command = new Command("mcp", "Serve MCP over stdin/stdout for one client (Claude Desktop, IDEs). Logs go to stderr.");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = NavigatorStdioHost.Build();
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }

    private static Command CreateDoctor()
    {
        var command = new Command("doctor", "Check that Chromium and ffmpeg are installed and that Chromium starts; exits non-zero if something is missing.");
        command.SetAction((_, cancellationToken) => Doctor.RunAsync(Console.Out, cancellationToken));
        return command;
    }
}
