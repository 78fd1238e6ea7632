using System.Diagnostics.Metrics;

namespace Headwater.Connectors.Ukg;

/// <summary>UKG calls as a metric (<c>headwater.ukg.calls</c>, by HTTP status; 0 when no answer came), on the meter
/// <see cref="MeterName"/>, for OpenTelemetry or dotnet-counters to collect.</summary>
public static class UkgTelemetry
{
    public const string MeterName = "Headwater.Ukg";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("headwater.ukg.calls", "{call}", "Calls to UKG Pro by HTTP status");

    internal static void Call(int status) => Calls.Add(1, new KeyValuePair<string, object?>("http.response.status_code", status));
}
