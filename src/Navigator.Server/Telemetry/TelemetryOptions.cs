namespace Navigator.Server.Telemetry;

/// <summary>
/// Export of Navigator's metrics and traces (configuration section <c>Telemetry</c>). Nothing is
/// exported unless an OTLP endpoint is set or the Prometheus endpoint is enabled; the meters and
/// activity sources exist either way, for any listener (docs/operations.md).
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>The <c>service.name</c> resource attribute of exported data.</summary>
    public string ServiceName { get; set; } = "navigator";

    /// <summary>Push to an OpenTelemetry collector.</summary>
    public OtlpTelemetryOptions Otlp { get; set; } = new();

    /// <summary>Serve a Prometheus scrape endpoint.</summary>
    public PrometheusTelemetryOptions Prometheus { get; set; } = new();

    /// <summary>The first problem with these settings, or null when they are usable.</summary>
    public string? Validate(string mcpPath)
    {
        if (string.IsNullOrWhiteSpace(ServiceName))
        {
            return "Telemetry:ServiceName must not be empty";
        }

        if (Otlp.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            return "Telemetry:Otlp:Endpoint must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:4318";
        }

        if (Otlp.Protocol is not (OtlpTelemetryOptions.HttpProtobuf or OtlpTelemetryOptions.Grpc))
        {
            return $"Telemetry:Otlp:Protocol must be '{OtlpTelemetryOptions.HttpProtobuf}' or '{OtlpTelemetryOptions.Grpc}'";
        }

        if (Otlp.MetricExportInterval < TimeSpan.FromMilliseconds(100) || Otlp.MetricExportInterval > TimeSpan.FromHours(1))
        {
            return "Telemetry:Otlp:MetricExportInterval must be between 00:00:00.1 and 01:00:00";
        }

        var path = Prometheus.Path;
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path.Length < 2 || path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal))
        {
            return "Telemetry:Prometheus:Path must be a path such as /metrics";
        }

        if (path.Equals(mcpPath, StringComparison.OrdinalIgnoreCase) || path.Equals("/health", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/mcp/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/rooms/", StringComparison.OrdinalIgnoreCase))
        {
            return $"Telemetry:Prometheus:Path '{path}' is taken by another endpoint";
        }

        return null;
    }
}

/// <summary>OTLP push settings (<c>Telemetry:Otlp</c>).</summary>
public sealed class OtlpTelemetryOptions
{
    /// <summary>OTLP over HTTP with protobuf bodies (port 4318 by convention).</summary>
    public const string HttpProtobuf = "http/protobuf";

    /// <summary>OTLP over gRPC (port 4317 by convention).</summary>
    public const string Grpc = "grpc";

    /// <summary>
    /// The collector's base URL (e.g. <c>http://127.0.0.1:4318</c>); unset, nothing is pushed. With
    /// http/protobuf, traces go to <c>/v1/traces</c> and metrics to <c>/v1/metrics</c> under it.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>http/protobuf</c> (default) or <c>grpc</c>.</summary>
    public string Protocol { get; set; } = HttpProtobuf;

    /// <summary>How often metrics are pushed.</summary>
    public TimeSpan MetricExportInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>Prometheus scrape endpoint settings (<c>Telemetry:Prometheus</c>).</summary>
public sealed class PrometheusTelemetryOptions
{
    /// <summary>Serve the scrape endpoint (HTTP server only; <c>navigator mcp</c> has no HTTP).</summary>
    public bool Enabled { get; set; }

    /// <summary>Path of the scrape endpoint.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>
    /// Let scrapers read the endpoint without the API key. Off by default: the endpoint is behind
    /// the key like everything but <c>/health</c> (Prometheus sends it with <c>authorization</c> in
    /// the scrape config). Metrics carry no room names or URLs, so opening it shows only counts.
    /// </summary>
    public bool AllowAnonymous { get; set; }
}
