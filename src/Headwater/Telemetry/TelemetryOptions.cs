using System.ComponentModel.DataAnnotations;

namespace Headwater.Telemetry;

/// <summary>Section <c>Telemetry</c> of the service's configuration (or <c>HEADWATER_Telemetry__OtlpEndpoint</c>).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Where an OpenTelemetry collector listens for OTLP (gRPC on 4317 by default; with
    /// <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>, HTTP on 4318). Unset, the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> applies; with neither, nothing is exported.</summary>
    [Url]
    public string? OtlpEndpoint { get; set; }
}
