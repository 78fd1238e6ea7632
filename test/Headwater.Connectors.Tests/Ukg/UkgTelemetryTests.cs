using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Headwater.Connectors.Tests.Support;
using Headwater.Connectors.Ukg;
using Headwater.Simulator.Faults;

namespace Headwater.Connectors.Tests.Ukg;

/// <summary>Run alone: the meter is process-wide, so other tests' calls would add to the counts.</summary>
[CollectionDefinition(nameof(UkgTelemetryTests), DisableParallelization = true)]
public sealed class UkgMeterAlone;

[Collection(nameof(UkgTelemetryTests))]
public sealed class UkgTelemetryTests
{
    [Fact]
    public async Task Calls_retries_and_429s_are_counted_by_endpoint_as_the_attempts_happened()
    {
        var clock = Sim.Clock();
        await using var sim = await Sim.StartAsync(Sim.Small() with { Faults = new FaultSettings { RateLimitPerMinute = 8 } }, clock);
        using var connector = ConnectorUnderTest.For(sim, onAttempt: response =>
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                UkgFaultTests.NextMinute(clock);
            }
        });
        using var measured = new Measurements();

        await connector.Reader.ReadAll(new ReadOptions());

        var throttled = connector.Attempts.Count(429);
        Assert.True(throttled > 0);
        Assert.Equal(throttled, measured.Sum("headwater.ukg.throttled"));
        Assert.Equal(throttled, measured.Sum("headwater.ukg.retries", ("headwater.ukg.retry.reason", "429")));
        // Each call ends in one answered attempt; the retries before it are not calls.
        Assert.Equal(connector.Attempts.Count(200), measured.Sum(UkgTelemetry.CallsName, ("http.response.status_code", 200)));
        Assert.Equal(connector.Attempts.Count(200), measured.Count("headwater.ukg.call.duration"));
        Assert.Contains(measured.All, m => m.Tags.Contains(new("url.template", "/personnel/v1/person-details")));
        Assert.All(measured.All, m => Assert.Matches("^(/[a-z0-9-]+)+$", (string)m.Tags.Single(t => t.Key == "url.template").Value!));
    }

    [Theory]
    [InlineData("/personnel/v1/person-details?page=2&per_Page=100", "/personnel/v1/person-details")]
    [InlineData("https://tenant.example/personnel/v1/employment-details?dateTimeChanged=2026-01-01", "/personnel/v1/employment-details")]
    [InlineData("/personnel/v1/employees/123456/details", "/personnel/v1/employees/{id}/details")]
    [InlineData("/personnel/v1/people/7c9e6679-7425-40de-944b-e07fc1f90ae7", "/personnel/v1/people/{id}")]
    public void An_endpoint_is_its_route_without_query_values_or_ids(string url, string template) =>
        Assert.Equal(template, UkgTelemetry.Template(new Uri(url, UriKind.RelativeOrAbsolute)));

    /// <summary>Every measurement on the UKG meter while it lives.</summary>
    private sealed class Measurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _all = new();

        public Measurements()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == UkgTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
                _all.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
                _all.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.Start();
        }

        public IReadOnlyList<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> All => [.. _all];

        public double Sum(string instrument, params (string Key, object Value)[] tags) => Matching(instrument, tags).Sum(m => m.Value);

        public int Count(string instrument) => Matching(instrument, []).Count();

        private IEnumerable<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> Matching(string instrument,
            (string Key, object Value)[] tags) =>
            All.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.Any(mt => mt.Key == t.Key && Equals(mt.Value, t.Value))));

        public void Dispose() => _listener.Dispose();
    }
}
