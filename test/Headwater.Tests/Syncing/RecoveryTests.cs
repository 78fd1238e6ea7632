using Headwater.Core.Planning;
using Headwater.Data;
using Headwater.Simulator.Scim;
using Headwater.Syncing;
using Headwater.Tests.Support;

namespace Headwater.Tests.Syncing;

/// <summary>Losing nothing after a crash, and after an account is deleted by hand in the application.</summary>
public sealed class RecoveryTests
{
    /// <summary>Each SCIM request takes 10 ms, so a stop after some changes comes while others are still to go, however
    /// fast the machine.</summary>
    private static Task<SyncHarness> Start(int employees = 80) =>
        SyncHarness.StartAsync(StateStore.Sqlite(), employees, d => d with { Policy = d.Policy with { Leave = LeavePolicy.Deactivate } },
            new ScimSimulatorOptions { Latency = TimeSpan.FromMilliseconds(10) });

    /// <summary>Syncs, stopping as if killed once <paramref name="after"/> changes have been applied.</summary>
    private static async Task Interrupted(SyncHarness sync, int after)
    {
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress<SyncProgress>(p =>
        {
            if (p.Phase == SyncPhase.Applying && p.Done >= after)
            {
                stop.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync.Sync(progress: progress, cancellationToken: stop.Token));
        sync.Clock.Advance(TimeSpan.FromMinutes(5));
    }

    private static async Task<List<string>> ActiveWorkers(SyncHarness sync) =>
        (await sync.Accounts()).Where(a => a.WorkerId is not null).Select(a => a.WorkerId!).ToList();

    /// <summary>Starts (or ends) a leave in UKG for each worker, an hour later.</summary>
    private static void Leave(SyncHarness sync, IEnumerable<string> workers, bool starts = true)
    {
        foreach (var id in workers)
        {
            _ = starts ? sync.Ukg.Tenant.StartLeave(id, "MED") : sync.Ukg.Tenant.EndLeave(id);
        }
        sync.Clock.Advance(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Deactivations_applied_but_not_recorded_before_a_stop_are_read_back_so_no_one_keeps_the_wrong_access()
    {
        await using var sync = await Start();
        await sync.Sync();
        var leavers = (await ActiveWorkers(sync)).Take(30).ToList();
        Leave(sync, leavers);
        await Interrupted(sync, after: 10);
        Leave(sync, leavers, starts: false);

        var resumed = await sync.Sync();

        Assert.Equal(SyncRunStatus.Succeeded, resumed.Run.Status);
        Assert.All(leavers, id => Assert.True(SyncHarness.Active(sync.User(sync.AccountOf(id).Result.AccountId)), $"{id} is still inactive"));
        sync.Clock.Advance(TimeSpan.FromHours(1));
        Assert.False((await sync.Plan()).Plan.HasChanges);
    }

    [Fact]
    public async Task Reactivations_applied_but_not_recorded_before_a_stop_are_read_back_so_a_second_leave_deactivates_everyone()
    {
        await using var sync = await Start();
        await sync.Sync();
        var leavers = (await ActiveWorkers(sync)).Take(30).ToList();
        Leave(sync, leavers);
        await sync.Sync();
        Leave(sync, leavers, starts: false);
        await Interrupted(sync, after: 10);
        Leave(sync, leavers);

        await sync.Sync();

        Assert.All(leavers, id => Assert.False(SyncHarness.Active(sync.User(sync.AccountOf(id).Result.AccountId)), $"{id} is still active"));
        sync.Clock.Advance(TimeSpan.FromHours(1));
        Assert.False((await sync.Plan()).Plan.HasChanges);
    }

    [Fact]
    public async Task An_account_deleted_by_hand_is_forgotten_when_the_destination_says_it_is_gone_and_the_worker_gets_one_again()
    {
        await using var sync = await Start(employees: 30);
        await sync.Sync();
        var worker = (await ActiveWorkers(sync))[0];
        var deleted = (await sync.AccountOf(worker)).AccountId;
        await sync.DeleteUser(deleted);
        sync.Ukg.Tenant.Rename(worker, "Renamed", "Person");
        sync.Clock.Advance(TimeSpan.FromHours(1));

        var failed = await sync.Sync();
        sync.Clock.Advance(TimeSpan.FromHours(1));
        var again = await sync.Sync();

        Assert.Contains(failed.FailedChanges, c => c.WorkerId == worker && c.Error!.Contains("forgotten", StringComparison.Ordinal));
        Assert.Equal(SyncRunStatus.Succeeded, again.Run.Status);
        var account = await sync.AccountOf(worker);
        Assert.NotEqual(deleted, account.AccountId);
        Assert.True(SyncHarness.Active(sync.User(account.AccountId)));
    }

    [Fact]
    public async Task A_reconcile_recreates_an_account_deleted_by_hand_in_the_same_run()
    {
        await using var sync = await Start(employees: 30);
        await sync.Sync();
        var worker = (await ActiveWorkers(sync))[0];
        await sync.DeleteUser((await sync.AccountOf(worker)).AccountId);
        sync.Clock.Advance(TimeSpan.FromHours(1));

        var reconciled = await sync.Sync(reconcile: true);

        Assert.Contains(reconciled.Plan.Changes, c => c.WorkerId == worker && c.Kind == ChangeKind.Create);
        Assert.True(SyncHarness.Active(sync.User((await sync.AccountOf(worker)).AccountId)));
    }

    [Fact]
    public async Task Reports_created_in_the_run_that_adopts_their_manager_are_linked_to_them_and_the_next_plan_is_empty()
    {
        await using var sync = await Start(employees: 40);
        var plan = await sync.Plan();
        var report = plan.Plan.Changes.First(c => c.Kind == ChangeKind.Create && c.ManagerWorkerId is not null);
        var manager = report.ManagerWorkerId!;
        var managerId = await sync.SeedUser($"seeded-{manager.ToLowerInvariant()}@example.com", externalId: manager);
        sync.Clock.Advance(TimeSpan.FromMinutes(5));

        await sync.Sync();

        Assert.Equal(managerId, (await sync.AccountOf(manager)).AccountId);
        Assert.Equal(managerId, SyncHarness.ManagerOf(sync.User((await sync.AccountOf(report.WorkerId)).AccountId)));
        sync.Clock.Advance(TimeSpan.FromHours(1));
        var next = await sync.Plan();
        Assert.False(next.Plan.HasChanges, string.Join("; ", next.Plan.Changes.Where(c => c.IsChange).Take(5).Select(c => $"{c.Kind} {c.WorkerId}: {c.Reason}")));
    }
}
