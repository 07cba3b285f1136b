using Navigator.Server.Telemetry;

namespace Navigator.Server.Hosting;

/// <summary>Builds the <c>navigator mcp</c> host: MCP over stdin/stdout, every log line on stderr.</summary>
public static class NavigatorStdioHost
{
    /// <summary>Builds the host; running it serves one MCP client until stdin closes.</summary>
    public static IHost Build(IDictionary<string, string?>? flags = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(NavigatorStdioHost).Assembly.GetName().Name,
        });
        builder.Configuration.AddNavigatorSources(flags);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));

        // stdout carries the protocol; anything else written there would corrupt it.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddNavigator(builder.Configuration);
        builder.Services.AddNavigatorTelemetry(builder.Configuration, httpServer: false);
        builder.Services.AddNavigatorMcpServer().WithStdioServerTransport();
        return builder.Build();
    }
}
