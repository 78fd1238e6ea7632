using System.Diagnostics;
using System.Diagnostics.Metrics;
using Headwater.Syncing;
using Headwater.Tests.Support;

namespace Headwater.Tests.Syncing;

public sealed class SyncTelemetryTests
{
    [Fact]
    public async Task A_sync_logs_with_stable_event_ids_and_never_a_persons_name_or_email()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 30);

        var outcome = await sync.Sync();

        var ids = sync.Logs.Entries.Select(e => e.Id.Id).ToHashSet();
        Assert.Superset(new HashSet<int> { 1001, 1002, 1004, 1007 }, ids);
        var people = sync.Ukg.Tenant.Snapshot().ToArray().SelectMany(e => new[] { e.FirstName, e.LastName, e.EmailAddress })
            .Where(v => v is { Length: > 3 }).Distinct().ToList();
        Assert.All(sync.Logs.Entries, entry => Assert.DoesNotContain(people, p => entry.Message.Contains(p!, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(sync.Logs.Entries, e => e.Id.Id == 1007 && e.Message.Contains($"run {outcome.Run.Id} Succeeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sync_is_a_trace_with_a_span_per_phase_and_counts_its_changes_by_kind_and_outcome()
    {
        // A name of its own: the meter is process-wide, and other tests sync in parallel.
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 30, d => d with { Name = "telemetry-app" });
        var spans = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SyncTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) { spans.Add(activity.OperationName); } },
        };
        ActivitySource.AddActivityListener(listener);
        long creates = 0;
        using var meter = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SyncTelemetry.SourceName && instrument.Name == "headwater.sync.changes")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meter.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var tagList = tags.ToArray();
            if (tagList.Any(t => t.Key == "headwater.destination" && (string?)t.Value == "telemetry-app")
                && tagList.Any(t => t.Key == "headwater.change.kind" && (string?)t.Value == "Create")
                && tagList.Any(t => t.Key == "headwater.change.outcome" && (string?)t.Value == "Applied"))
            {
                Interlocked.Add(ref creates, value);
            }
        });
        meter.Start();

        var outcome = await sync.Sync();

        Assert.Subset(spans.ToHashSet(), new HashSet<string> { "sync", "read", "destination", "plan", "apply" });
        Assert.Equal(outcome.Run.Creates, Interlocked.Read(ref creates));
    }
}
