using Microsoft.Extensions.Options;
using Navigator.Server.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Navigator.Server.Telemetry;

/// <summary>Turns on OpenTelemetry export of Navigator's meters and activity sources as configured.</summary>
public static class NavigatorTelemetryExtensions
{
    /// <summary>
    /// Binds <c>Telemetry</c> and, when an OTLP endpoint is set or Prometheus is enabled, adds the
    /// OpenTelemetry SDK with Navigator's meters (and its activity sources when OTLP is set). Throws
    /// <see cref="OptionsValidationException"/> for unusable settings.
    /// </summary>
    public static IServiceCollection AddNavigatorTelemetry(this IServiceCollection services, IConfiguration configuration, bool httpServer)
    {
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var mcpPath = configuration.GetSection(NavigatorServerOptions.SectionName).Get<NavigatorServerOptions>()?.McpPath ?? new NavigatorServerOptions().McpPath;
        if (options.Validate(mcpPath) is { } problem)
        {
            throw new OptionsValidationException(TelemetryOptions.SectionName, typeof(TelemetryOptions), [problem]);
        }

        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName));
        var prometheus = httpServer && options.Prometheus.Enabled;
        if (options.Otlp.Endpoint is null && !prometheus)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(options.ServiceName, serviceVersion: NavigatorServiceCollectionExtensions.Version))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. TelemetryNames.Meters]);
                if (prometheus)
                {
                    // No caching: a scrape shows the calls made just before it.
                    metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (options.Otlp.Endpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        Configure(exporter, options.Otlp, endpoint, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.Otlp.MetricExportInterval.TotalMilliseconds;
                    });
                }
            });
        if (options.Otlp.Endpoint is { } traceEndpoint)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource([.. TelemetryNames.ActivitySources]);
                if (httpServer)
                {
                    // The HTTP request is the tool span's parent: recorded, so the default parent-based
                    // sampler keeps the tool and action spans (and a caller's traceparent is followed).
                    var scrapePath = options.Prometheus.Path;
                    tracing.AddAspNetCoreInstrumentation(o => o.Filter = context =>
                        !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(scrapePath));
                }

                tracing.AddOtlpExporter(exporter => Configure(exporter, options.Otlp, traceEndpoint, "v1/traces"));
            });
        }

        return services;
    }

    /// <summary>Maps the Prometheus scrape endpoint when it is enabled (see <see cref="PrometheusTelemetryOptions"/>).</summary>
    public static WebApplication MapNavigatorTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.Prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(options.Prometheus.Path);
        }

        return app;
    }

    private static void Configure(OtlpExporterOptions exporter, OtlpTelemetryOptions options, Uri endpoint, string signalPath)
    {
        if (options.Protocol == OtlpTelemetryOptions.Grpc)
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = endpoint;
            return;
        }

        // Set in code, the endpoint is used as is: the signal's path is ours to add.
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        var baseUri = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        exporter.Endpoint = new Uri(baseUri, signalPath);
    }
}
