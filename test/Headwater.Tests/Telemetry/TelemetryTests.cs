using System.Diagnostics;
using Headwater.Telemetry;
using Headwater.Tests.Service;
using Headwater.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Headwater.Tests.Telemetry;

public sealed class TelemetryTests
{
    // Names of their own: sources and meters are process-wide, and other tests run "hr" into "app" in parallel.
    private const string Integration = "otel-hr";
    private const string Destination = "otel-app";

    [Fact]
    public async Task The_telemetry_of_a_run_has_its_spans_and_metrics_and_no_personal_data()
    {
        var spans = new LockedCollection<Activity>();
        var metrics = new LockedCollection<MetricSnapshot>();
        var logs = new CapturedLogs();
        await using var scenario = await ServiceScenario.StartAsync(logs: logs, configure: builder => builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddHeadwaterSources().AddInMemoryExporter(spans))
            .WithMetrics(meters => meters.AddHeadwaterMeters().AddInMemoryExporter(metrics)));
        await scenario.CreateAsync(Integration,
            scenario.Yaml(Integration).Replace("name: app", $"name: {Destination}", StringComparison.Ordinal));
        var run = (await scenario.WaitForFirstRunAsync(Integration)).GetProperty("run");
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        var runId = run.GetProperty("id").GetInt32();

        // The run's span ends just after its status is stored, which the API may report first.
        var runSpan = await Eventually(() => spans.Snapshot().SingleOrDefault(s => s.OperationName == RunTelemetry.RunSpan
            && Tag(s, "headwater.integration") == Integration && Tag(s, "headwater.run.id") == $"{runId}"));
        Assert.True(scenario.Service.App.Services.GetRequiredService<MeterProvider>().ForceFlush());

        Assert.Equal(run.GetProperty("trigger").GetString(), Tag(runSpan, "headwater.run.trigger"));
        Assert.Equal("Succeeded", Tag(runSpan, "headwater.run.status"));
        var trace = spans.Snapshot().Where(s => s.TraceId == runSpan.TraceId && s != runSpan).ToList();
        Assert.Contains(trace, s => s.OperationName == "sync" && s.ParentSpanId == runSpan.SpanId);
        Assert.Subset(trace.Select(s => s.OperationName).ToHashSet(),
            new HashSet<string> { "sync", "read", "destination", "plan", "apply" });
        Assert.All(trace, s => Assert.True(Descends(s, runSpan, trace), $"{s.OperationName} is not beneath the run's span"));

        var latest = metrics.Snapshot().GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last());
        var creates = Points(latest["headwater.sync.changes"]).Where(p => Tag(p, "headwater.destination") == Destination
            && Tag(p, "headwater.change.kind") == "Create" && Tag(p, "headwater.change.outcome") == "Applied").Sum(p => p.GetSumLong());
        Assert.Equal(run.GetProperty("counts").GetProperty("creates").GetInt32(), creates);
        Assert.True(creates > 0);

        var calls = Points(latest["headwater.ukg.calls"]);
        Assert.Contains(calls, p => Tag(p, "url.template") == "/personnel/v1/person-details" && Tag(p, "http.response.status_code") == "200"
            && p.GetSumLong() > 0);
        Assert.All(calls, p => Assert.Matches("^(/[a-z0-9-]+|/\\{id\\})+$", Tag(p, "url.template")));
        Assert.Contains(Points(latest["headwater.ukg.call.duration"]), p => Tag(p, "url.template") == "/personnel/v1/employment-details"
            && p.GetHistogramCount() > 0);
        var duration = Assert.Single(Points(latest["headwater.run.duration"]), p => Tag(p, "headwater.integration") == Integration);
        Assert.Equal(1, duration.GetHistogramCount());
        Assert.Equal("Succeeded", Tag(duration, "headwater.run.status"));

        var statuses = Points(latest["headwater.integrations"])
            .ToDictionary(p => Tag(p, "headwater.integration.status")!, p => p.GetGaugeLastValueLong());
        var expected = new Dictionary<string, long>
        {
            ["Not connected"] = 0, ["Syncing"] = 0, ["Connected"] = 1, ["Error"] = 0, ["Paused"] = 0,
        };
        Assert.Equal(expected, statuses);

        var people = scenario.Ukg.Tenant.Snapshot().ToArray().SelectMany(e => new[] { e.FirstName, e.LastName, e.EmailAddress })
            .OfType<string>().Where(v => v.Length > 3).Distinct().ToList();
        Assert.NotEmpty(people);
        var written = spans.Snapshot().SelectMany(SpanText).Concat(metrics.Snapshot().SelectMany(MetricText))
            .Concat(logs.Entries.Select(e => e.Message)).ToList();
        Assert.Contains(written, text => text.Contains(Integration, StringComparison.Ordinal));
        Assert.All(written, text => Assert.DoesNotContain(people, p => text.Contains(p, StringComparison.OrdinalIgnoreCase)));
    }

    private static async Task<T> Eventually<T>(Func<T?> find) where T : class
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (true)
        {
            if (find() is { } found)
            {
                return found;
            }
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "Not found within 10 s.");
            await Task.Delay(50);
        }
    }

    private static bool Descends(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != ancestor.SpanId; )
        {
            if (trace.FirstOrDefault(s => s.SpanId == parent) is not { } up)
            {
                return false;
            }
            parent = up.ParentSpanId;
        }
        return true;
    }

    private static string? Tag(Activity span, string key) => span.GetTagItem(key) switch
    {
        null => null,
        IFormattable value => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var value => value.ToString(),
    };

    private static List<MetricPoint> Points(MetricSnapshot metric) => [.. metric.MetricPoints];

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return null;
    }

    private static IEnumerable<string> SpanText(Activity span) =>
        new[] { span.OperationName, span.DisplayName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name} {t.Key}={t.Value}").Append(e.Name)));

    private static IEnumerable<string> MetricText(MetricSnapshot metric) =>
        Points(metric).SelectMany(p => TagsOf(p).Select(t => $"{metric.Name} {t.Key}={t.Value}")).Append(metric.Name);

    private static List<KeyValuePair<string, object?>> TagsOf(MetricPoint point)
    {
        var tags = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            tags.Add(tag);
        }
        return tags;
    }
}
