using Headwater.Connectors.Ukg;
using Headwater.Syncing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Headwater.Telemetry;

/// <summary>
/// The service's telemetry: its traces, metrics and logs exported over OTLP when an endpoint is configured
/// (<see cref="TelemetryOptions.OtlpEndpoint"/>, else the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), and console logs
/// as JSON with <c>HEADWATER_LOG_FORMAT=json</c>. With no endpoint, OpenTelemetry is not registered at all: no span is
/// sampled and no instrument observed, so the engine's activities and counters cost next to nothing.
/// </summary>
public static class TelemetryServices
{
    private const string StandardEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private const string StandardProtocol = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>The configuration key of the log format (<c>HEADWATER_LOG_FORMAT</c>, since the service reads variables
    /// with the prefix <c>HEADWATER_</c>).</summary>
    public const string LogFormat = "LOG_FORMAT";

    /// <param name="services">The service's services.</param>
    /// <param name="configuration">Its configuration, environment variables included.</param>
    public static IServiceCollection AddHeadwaterTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.Equals(configuration[LogFormat], "json", StringComparison.OrdinalIgnoreCase))
        {
            services.Configure<ConsoleLoggerOptions>(console => console.FormatterName = ConsoleFormatterNames.Json);
            // Scopes carry the trace and span ids, which tie a log line to its run's trace.
            services.Configure<JsonConsoleFormatterOptions>(json =>
                (json.IncludeScopes, json.UseUtcTimestamp, json.TimestampFormat) = (true, true, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        }
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var configured = configuration[$"{TelemetryOptions.Section}:{nameof(TelemetryOptions.OtlpEndpoint)}"];
        if (string.IsNullOrWhiteSpace(configured) && string.IsNullOrWhiteSpace(configuration[StandardEndpoint]))
        {
            return services;
        }
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "headwater",
                serviceVersion: typeof(TelemetryServices).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing.AddHeadwaterSources())
            .WithMetrics(metrics => metrics.AddHeadwaterMeters())
            .WithLogging();
        if (string.IsNullOrWhiteSpace(configured))
        {
            // The exporter reads the standard variables itself: endpoint, protocol, headers, per-signal endpoints.
            telemetry.UseOtlpExporter();
        }
        else if (Uri.TryCreate(configured, UriKind.Absolute, out var endpoint))
        {
            var protocol = configuration[StandardProtocol] == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, endpoint);
        }
        // Otherwise the options' validation stops the start with the setting's name.
        return services;
    }

    /// <summary>For a command that runs the engine (<c>headwater sync</c>, <c>plan</c>): its spans and metrics exported as
    /// the service's are, when <c>HEADWATER_Telemetry__OtlpEndpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and
    /// flushed when disposed; null when neither is.</summary>
    /// <param name="environment">The command's environment variables.</param>
    public static ServiceProvider? StartForCommand(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string[] standard = [StandardEndpoint, StandardProtocol, "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_SERVICE_NAME"];
        var settings = standard.Select(name => KeyValuePair.Create(name, environment(name)))
            .Append(KeyValuePair.Create("Telemetry:OtlpEndpoint", environment("HEADWATER_Telemetry__OtlpEndpoint")));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging()
            .AddHeadwaterTelemetry(configuration).BuildServiceProvider();
        if (services.GetService<TracerProvider>() is null)
        {
            services.Dispose();
            return null;
        }
        _ = services.GetRequiredService<MeterProvider>();
        return services;
    }

    /// <summary>The service's activity sources: its runs and the engine's phases beneath them.</summary>
    /// <param name="tracing">The tracer provider being built.</param>
    public static TracerProviderBuilder AddHeadwaterSources(this TracerProviderBuilder tracing) =>
        tracing.AddSource(RunTelemetry.Name, SyncTelemetry.SourceName);

    /// <summary>The service's meters (runs, the engine, UKG calls) and the gauge of integrations by status, which needs
    /// the service's database.</summary>
    /// <param name="metrics">The meter provider being built.</param>
    public static MeterProviderBuilder AddHeadwaterMeters(this MeterProviderBuilder metrics) =>
        metrics.AddMeter(RunTelemetry.Name, SyncTelemetry.SourceName, UkgTelemetry.MeterName)
            .ConfigureServices(services => services.AddHostedService<IntegrationStatusGauge>());
}
