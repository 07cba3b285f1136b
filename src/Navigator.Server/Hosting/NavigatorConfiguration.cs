namespace Navigator.Server.Hosting;

/// <summary>
/// Configuration sources in order of precedence (last wins): appsettings.json beside the
/// executable, environment variables prefixed <c>NAVIGATOR_</c> (e.g. <c>NAVIGATOR_SERVER__APIKEY</c>),
/// then command-line flags.
/// </summary>
public static class NavigatorConfiguration
{
    /// <summary>Environment variable prefix.</summary>
    public const string EnvironmentPrefix = "NAVIGATOR_";

    /// <summary>Adds Navigator's sources on top of what the builder already has.</summary>
    public static IConfigurationBuilder AddNavigatorSources(this IConfigurationBuilder configuration, IDictionary<string, string?>? flags)
    {
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        if (flags is { Count: > 0 })
        {
            configuration.AddInMemoryCollection(flags);
        }

        return configuration;
    }
}
