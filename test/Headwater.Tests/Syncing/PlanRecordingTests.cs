using System.Text.Json;
using Headwater.Core.Planning;
using Headwater.Data;
using Headwater.Simulator.Scim;
using Headwater.Syncing;
using Headwater.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Tests.Syncing;

/// <summary>A plan of more changes than are recorded before applying starts (500): the rest are recorded while the first
/// are applied, and never is a change applied before its record is written.</summary>
public sealed class PlanRecordingTests
{
    private static Task<SyncHarness> Start(int employees, ScimSimulatorOptions? scim = null) =>
        SyncHarness.StartAsync(StateStore.Sqlite(), employees, scimOptions: scim);

    /// <summary>The workers of the changes recorded for the run still running, read on a connection of its own.</summary>
    private static HashSet<string> RecordedForRunningRun(SyncHarness sync) => sync.Query(async db =>
    {
        var running = await db.SyncRuns.AsNoTracking().Where(r => r.Status == SyncRunStatus.Running).Select(r => r.Id).SingleAsync();
        return (await db.Changes.AsNoTracking().Where(c => c.RunId == running).Select(c => c.WorkerId).ToListAsync())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }).GetAwaiter().GetResult();

    /// <summary>The workers the SCIM application holds an account for (their externalId).</summary>
    private static List<string> InApplication(SyncHarness sync) => [.. sync.Scim.Users.Select(u => u["externalId"]!.ToString())];

    [Fact]
    public async Task Every_change_and_its_outcome_are_recorded_and_none_is_applied_before_its_record()
    {
        await using var sync = await Start(employees: 2_000);
        var unrecorded = new List<string>();
        var checks = 0;
        var progress = new SynchronousProgress<SyncProgress>(p =>
        {
            if (p.Phase == SyncPhase.Applying && p.Done % 100 == 0)
            {
                if (p.Done == 0)
                {
                    // Applying has started, with the plan's first 500 records written. The rest are written on the flow
                    // this report holds up: meanwhile the changes go on until they reach one not recorded yet and wait,
                    // or until the 400 results the run takes in before recording them are waiting.
                    for (var seen = -1; sync.Scim.UserCount != seen && sync.Scim.UserCount < 400; Thread.Sleep(1_000))
                    {
                        seen = sync.Scim.UserCount;
                    }
                }
                checks++;
                var recorded = RecordedForRunningRun(sync);
                unrecorded.AddRange(InApplication(sync).Where(w => !recorded.Contains(w)));
            }
        });

        var outcome = await sync.Sync(progress: progress);

        Assert.True(outcome.Plan.Changes.Count(c => c.IsChange) > 1_500, "the plan is not larger than three batches");
        Assert.True(checks >= 10, $"checked {checks} times");
        Assert.Empty(unrecorded);
        Assert.Equal(SyncRunStatus.Succeeded, outcome.Run.Status);
        var changes = await sync.Changes(outcome.Run.Id);
        Assert.Equal(outcome.Plan.Changes.Count, changes.Count);
        Assert.All(changes.Where(c => c.Kind != nameof(ChangeKind.Skip)), c => Assert.Equal(ChangeStatus.Applied, c.Status));
        // What each change set and the values that drove it are in its record, in the batches written while applying as
        // in the first.
        var planned = outcome.Plan.Changes.ToDictionary(c => c.WorkerId, StringComparer.OrdinalIgnoreCase);
        Assert.All(changes, c =>
        {
            Assert.Equal(planned[c.WorkerId].Attributes, JsonSerializer.Deserialize(c.Attributes, SyncJson.Default.ListAttributeChange));
            Assert.NotNull(JsonSerializer.Deserialize<Dictionary<string, string?>>(c.Drivers)!["lifecycle.state"]);
        });
        Assert.Equal(sync.Scim.UserCount, (await sync.Accounts()).Count);
        sync.Clock.Advance(TimeSpan.FromHours(1));
        Assert.False((await sync.Plan()).Plan.HasChanges);
    }

    [Fact]
    public async Task When_recording_an_outcome_fails_no_further_change_is_applied()
    {
        // Each create takes the application a few milliseconds, as over a network: the changes run at a pace the test can
        // tell from a run that goes on, whatever else the machine is doing.
        await using var sync = await Start(1_200, new ScimSimulatorOptions { Latency = TimeSpan.FromMilliseconds(10) });
        var atFailure = 0;
        var progress = new SynchronousProgress<SyncProgress>(p =>
        {
            if (p.Phase == SyncPhase.Applying && p.Done == 50)
            {
                atFailure = sync.Scim.UserCount;
                throw new IOException("The disk is full.");
            }
        });

        await Assert.ThrowsAsync<IOException>(() => sync.Sync(progress: progress));
        for (var seen = -1; sync.Scim.UserCount != seen; await Task.Delay(500))
        {
            seen = sync.Scim.UserCount;
        }

        // Those in flight when the run failed (four at a time) may land, and a few more started while the failure reaches
        // the applying (at 400 a second, 60 would take it 150 ms); not the hundreds still to go.
        Assert.InRange(sync.Scim.UserCount, atFailure, atFailure + 60);
        Assert.True(sync.Scim.UserCount < 400, $"{sync.Scim.UserCount} accounts made of the plan's 1,200");
    }

    [Fact]
    public async Task A_run_stopped_while_its_plan_is_being_recorded_is_recovered_with_no_account_made_twice()
    {
        await using var sync = await Start(1_200, new ScimSimulatorOptions { Latency = TimeSpan.FromMilliseconds(5) });
        using var stop = new CancellationTokenSource();
        var unrecorded = new List<string>();
        var progress = new SynchronousProgress<SyncProgress>(p =>
        {
            if (p.Phase == SyncPhase.Applying && p.Done >= 20 && !stop.IsCancellationRequested)
            {
                var recorded = RecordedForRunningRun(sync);
                unrecorded.AddRange(InApplication(sync).Where(w => !recorded.Contains(w)));
                stop.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync.Sync(progress: progress, cancellationToken: stop.Token));
        sync.Clock.Advance(TimeSpan.FromMinutes(5));

        var resumed = await sync.Sync();

        Assert.Empty(unrecorded);
        Assert.Equal(SyncRunStatus.Succeeded, resumed.Run.Status);
        Assert.NotNull(resumed.Recovered);
        var accounts = await sync.Accounts();
        Assert.Equal(sync.Scim.UserCount, accounts.Count);
        Assert.Equal(accounts.Count, accounts.Select(a => a.WorkerId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        sync.Clock.Advance(TimeSpan.FromHours(1));
        Assert.False((await sync.Plan()).Plan.HasChanges);
    }
}
