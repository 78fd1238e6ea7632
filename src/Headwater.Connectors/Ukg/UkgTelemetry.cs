using System.Diagnostics.Metrics;
using System.Net;

namespace Headwater.Connectors.Ukg;

/// <summary>
/// UKG calls as metrics on the meter <see cref="MeterName"/>, for OpenTelemetry or dotnet-counters to collect. Every
/// instrument is tagged with the call's route (<c>url.template</c>: the path without its query, ids replaced by
/// <c>{id}</c>), so no value a tenant holds reaches a metric.
/// </summary>
public static class UkgTelemetry
{
    public const string MeterName = "Headwater.Ukg";

    /// <summary>The name of the calls counter, which the benchmark reads.</summary>
    public const string CallsName = "headwater.ukg.calls";

    private const string Endpoint = "url.template";
    private const string Status = "http.response.status_code";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>(CallsName, "{call}",
        "Calls to UKG Pro by endpoint and the HTTP status of the answer after retries (0 when none came)");

    private static readonly Histogram<double> Durations = Meter.CreateHistogram("headwater.ukg.call.duration", "s",
        "Time until UKG Pro's answer (its headers), retries and their waits included, by endpoint and HTTP status",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>("headwater.ukg.retries", "{retry}",
        "Attempts made again, by endpoint and reason (an HTTP status, timeout, connection, or body for a page cut off)");

    private static readonly Counter<long> Throttles = Meter.CreateCounter<long>("headwater.ukg.throttled", "{response}",
        "429 Too Many Requests answers from UKG Pro, retried or not, by endpoint");

    /// <summary>A call that ended with <paramref name="status"/> (0: no answer) after <paramref name="elapsed"/>.</summary>
    internal static void Call(Uri url, int status, TimeSpan elapsed)
    {
        var endpoint = new KeyValuePair<string, object?>(Endpoint, Template(url));
        var code = new KeyValuePair<string, object?>(Status, status);
        Calls.Add(1, endpoint, code);
        Durations.Record(elapsed.TotalSeconds, endpoint, code);
        if (status == (int)HttpStatusCode.TooManyRequests)
        {
            Throttles.Add(1, endpoint);
        }
    }

    /// <summary>An attempt the resilience pipeline makes again: <paramref name="status"/> is the answer that made it retry,
    /// null when the attempt failed without one (<paramref name="exception"/>).</summary>
    internal static void Retried(Uri? url, HttpStatusCode? status, Exception? exception)
    {
        var endpoint = new KeyValuePair<string, object?>(Endpoint, url is null ? "" : Template(url));
        var reason = status is { } code ? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : exception is TimeoutException or Polly.Timeout.TimeoutRejectedException ? "timeout" : "connection";
        Retries.Add(1, endpoint, new("headwater.ukg.retry.reason", reason));
        if (status == HttpStatusCode.TooManyRequests)
        {
            Throttles.Add(1, endpoint);
        }
    }

    /// <summary>A page fetched again because its body was cut off, malformed or too slow.</summary>
    internal static void PageRetried(Uri url) => Retries.Add(1, new(Endpoint, Template(url)), new("headwater.ukg.retry.reason", "body"));

    /// <summary>The route of a call: <c>/personnel/v1/person-details</c> for
    /// <c>/personnel/v1/person-details?page=2&amp;per_Page=100</c>; numeric and GUID path segments become <c>{id}</c>.</summary>
    public static string Template(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var path = url.IsAbsoluteUri ? url.AbsolutePath : url.OriginalString.Split('?', '#')[0];
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Length > 0 && (segments[i].All(char.IsAsciiDigit) || Guid.TryParse(segments[i], out _)))
            {
                segments[i] = "{id}";
            }
        }
        return string.Join('/', segments);
    }
}
