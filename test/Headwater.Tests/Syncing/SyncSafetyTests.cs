using Headwater.Connectors.Scim;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Data;
using Headwater.Simulator.Scim;
using Headwater.Simulator.Tenants;
using Headwater.Syncing;
using Headwater.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Tests.Syncing;

/// <summary>Safety limits and approval, failures recorded and retried, an interrupted run recovered, and groups.</summary>
public sealed class SyncSafetyTests
{
    [Fact]
    public async Task A_plan_over_the_deactivation_limit_stops_before_any_change_until_that_run_is_approved()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), configure: d => d with { Limits = new SafetyLimits(MaxDeactivations: 3, MaxDeactivationPercent: null) });
        await sync.Sync();
        var leavers = (await sync.Accounts()).Where(a => a.Active).Take(5).Select(a => a.WorkerId!).ToList();
        foreach (var leaver in leavers)
        {
            sync.Ukg.Tenant.Terminate(leaver, sync.Ukg.Tenant.Today().AddDays(-1));
        }
        sync.Clock.Advance(TimeSpan.FromHours(1));

        var blocked = await sync.Sync();

        Assert.Equal(SyncRunStatus.Blocked, blocked.Run.Status);
        Assert.Contains("5 deactivations planned; the limit is 3 per run.", blocked.Breaches);
        Assert.All(leavers, l => Assert.True(SyncHarness.Active(sync.User(sync.AccountOf(l).Result.AccountId))));
        Assert.All((await sync.Changes(blocked.Run.Id)).Where(c => c.Kind == "Deactivate"), c => Assert.Equal(ChangeStatus.Blocked, c.Status));
        Assert.Equal(FailureCause.Configuration, Assert.Single((await sync.Run(approve: blocked.Run.Id + 100)).Failures).Cause);

        var approved = await sync.Sync(approve: blocked.Run.Id);

        Assert.Equal(SyncRunStatus.Succeeded, approved.Run.Status);
        Assert.Equal(blocked.Run.Id, approved.Run.ApprovesRunId);
        Assert.All(leavers, l => Assert.False(SyncHarness.Active(sync.User(sync.AccountOf(l).Result.AccountId))));
    }

    [Fact]
    public async Task Over_the_deactivation_limit_the_deactivations_wait_while_hires_and_updates_go_ahead()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), configure: d => d with { Limits = new SafetyLimits(MaxDeactivations: 1, MaxDeactivationPercent: null) });
        await sync.Sync();
        var active = (await sync.Accounts()).Where(a => a.Active).Select(a => a.WorkerId!).ToList();
        sync.Ukg.Tenant.Terminate(active[0], sync.Ukg.Tenant.Today().AddDays(-1));
        sync.Ukg.Tenant.Terminate(active[1], sync.Ukg.Tenant.Today().AddDays(-1));
        sync.Ukg.Tenant.Rename(active[2], "Renamed", "Person");
        var hire = sync.Ukg.Tenant.Hire(new NewHire("Nia", "Newcomer", "nia.newcomer@headwater.example"));
        sync.Clock.Advance(TimeSpan.FromHours(1));

        var held = await sync.Sync();

        Assert.Equal(SyncRunStatus.Blocked, held.Run.Status);
        Assert.Equal(2, held.Run.Applied);
        Assert.Equal("Renamed", sync.User((await sync.AccountOf(active[2])).AccountId)["name"]!["givenName"]!.ToString());
        Assert.True(SyncHarness.Active(sync.User((await sync.AccountOf(hire.EmployeeId)).AccountId)));
        Assert.True(SyncHarness.Active(sync.User((await sync.AccountOf(active[0])).AccountId)));
        Assert.Equal(2, (await sync.Changes(held.Run.Id)).Count(c => c.Status == ChangeStatus.Blocked));

        var approved = await sync.Sync(approve: held.Run.Id);

        Assert.Equal(SyncRunStatus.Succeeded, approved.Run.Status);
        Assert.False(SyncHarness.Active(sync.User((await sync.AccountOf(active[0])).AccountId)));
    }

    [Fact]
    public async Task A_first_sync_into_an_application_holding_one_leaver_is_not_stopped_by_a_share_of_no_managed_accounts()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 40, configure: d => d with { Limits = new SafetyLimits() });
        var leaver = (await sync.Plan()).Plan.Changes.First(c => c.Kind == ChangeKind.Create).WorkerId;
        sync.Ukg.Tenant.Terminate(leaver, sync.Ukg.Tenant.Today().AddDays(-1));
        await sync.SeedUser($"{leaver.ToLowerInvariant()}@old.example", externalId: leaver);
        sync.Clock.Advance(TimeSpan.FromHours(1));

        var first = await sync.Sync();

        Assert.Equal(SyncRunStatus.Succeeded, first.Run.Status);
        Assert.Null(first.Run.Breaches);
        Assert.True(first.Run.Creates > 30);
        Assert.False(SyncHarness.Active(sync.User((await sync.AccountOf(leaver)).AccountId)));
    }

    [Fact]
    public async Task When_UKG_returns_far_fewer_people_than_at_the_last_applied_run_nothing_changes_until_the_run_is_approved()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 40, configure: d => d with { Limits = new SafetyLimits() });
        var first = await sync.Sync();
        // As if the last applied run had planned over twice the people UKG returns now.
        await sync.Query(db => db.SyncRuns.Where(r => r.Id == first.Run.Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.Workers, first.Run.Workers * 2)));
        var renamed = (await sync.Accounts()).First(a => a.Active).WorkerId!;
        sync.Ukg.Tenant.Rename(renamed, "Renamed", "Person");
        sync.Clock.Advance(TimeSpan.FromHours(1));

        var held = await sync.Sync();

        Assert.Equal(SyncRunStatus.Blocked, held.Run.Status);
        Assert.Equal(0, held.Run.Applied);
        Assert.Contains("50% fewer than the", Assert.Single(held.Breaches), StringComparison.Ordinal);
        Assert.NotEqual("Renamed", sync.User((await sync.AccountOf(renamed)).AccountId)["name"]!["givenName"]!.ToString());

        var approved = await sync.Sync(approve: held.Run.Id);

        Assert.Equal(SyncRunStatus.Succeeded, approved.Run.Status);
        Assert.Equal("Renamed", sync.User((await sync.AccountOf(renamed)).AccountId)["name"]!["givenName"]!.ToString());
        sync.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Null((await sync.Sync()).Run.Breaches);
    }

    [Fact]
    public async Task An_approval_does_not_cover_deactivations_the_approved_plan_did_not_hold()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), configure: d => d with { Limits = new SafetyLimits(MaxDeactivations: 1, MaxDeactivationPercent: null) });
        await sync.Sync();
        var active = (await sync.Accounts()).Where(a => a.Active).Select(a => a.WorkerId!).ToList();
        sync.Ukg.Tenant.Terminate(active[0], sync.Ukg.Tenant.Today().AddDays(-1));
        sync.Ukg.Tenant.Terminate(active[1], sync.Ukg.Tenant.Today().AddDays(-1));
        sync.Clock.Advance(TimeSpan.FromHours(1));
        var blocked = await sync.Sync();
        sync.Ukg.Tenant.Terminate(active[2], sync.Ukg.Tenant.Today().AddDays(-1));
        sync.Clock.Advance(TimeSpan.FromHours(1));

        var e = Assert.Single((await sync.Run(approve: blocked.Run.Id)).Failures);

        Assert.Equal(FailureCause.SafetyLimit, e.Cause);
        Assert.Contains($"that run {blocked.Run.Id} did not", e.Message, StringComparison.Ordinal);
        Assert.True(SyncHarness.Active(sync.User((await sync.AccountOf(active[0])).AccountId)));
    }

    [Fact]
    public async Task A_record_the_destination_rejects_is_recorded_against_the_worker_the_rest_are_applied_and_the_next_run_retries_it()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(),
            configure: d => d with { Options = (ScimOptions)d.Options with { Compatibility = new ScimCompatibility { AdoptOnConflict = false } } });
        await sync.Sync();
        var newcomer = sync.Ukg.Tenant.Hire(new NewHire("Cora", "Clash", "cora.clash@headwater.example"));
        var other = sync.Ukg.Tenant.Hire(new NewHire("Otto", "Fine", "otto.fine@headwater.example"));
        var squatter = await sync.SeedUser("cora.clash@headwater.example", externalId: "someone-else");
        sync.Clock.Advance(TimeSpan.FromHours(1));

        var failed = await sync.Sync();

        Assert.Equal(SyncRunStatus.CompletedWithFailures, failed.Run.Status);
        var failure = Assert.Single(failed.FailedChanges);
        Assert.Equal(newcomer.EmployeeId, failure.WorkerId);
        Assert.Contains("409", failure.Error, StringComparison.Ordinal);
        Assert.Equal(other.EmployeeId, (await sync.AccountOf(other.EmployeeId)).WorkerId);

        await sync.DeleteUser(squatter);
        sync.Clock.Advance(TimeSpan.FromHours(1));
        var retried = await sync.Sync();

        Assert.Equal(SyncRunStatus.Succeeded, retried.Run.Status);
        Assert.Equal(ChangeKind.Create, Assert.Single(retried.Plan.Changes, c => c.IsChange).Kind);
        Assert.Equal(newcomer.EmployeeId, sync.User((await sync.AccountOf(newcomer.EmployeeId)).AccountId)["externalId"]!.ToString());
    }

    [Fact]
    public async Task A_sync_stopped_midway_is_recovered_by_the_next_with_no_duplicate_and_no_lost_account()
    {
        // Each request takes 20 ms, so the stop after 40 comes while creates are still to go, however fast the machine.
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 150,
            scimOptions: new ScimSimulatorOptions { Latency = TimeSpan.FromMilliseconds(20) });
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress<SyncProgress>(p =>
        {
            if (p.Done >= 40)
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sync.Sync(progress: progress, cancellationToken: stop.Token));
        var createdBeforeStop = sync.Scim.UserCount;
        var planned = (await sync.Query(db => db.SyncRuns.AsNoTracking().SingleAsync())).Creates;
        // Stopped midway: some creates reached the application, not all (how many more than 40 depends on the machine).
        Assert.InRange(createdBeforeStop, 40, planned - 1);
        sync.Clock.Advance(TimeSpan.FromMinutes(5));

        var resumed = await sync.Sync();

        Assert.True(resumed.Recovered?.CreatesFound >= 40, $"{resumed.Recovered} accounts recovered");
        Assert.Equal(SyncRunStatus.Succeeded, resumed.Run.Status);
        var accounts = await sync.Accounts();
        Assert.Equal(sync.Scim.UserCount, accounts.Count);
        Assert.Equal(sync.Scim.UserCount, sync.Scim.Users.Select(u => u["externalId"]!.ToString()).Distinct().Count());
        var runs = await sync.Query(db => Task.FromResult(db.SyncRuns.ToList()));
        Assert.Equal(SyncRunStatus.Interrupted, runs[0].Status);
        sync.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False((await sync.Plan()).Plan.HasChanges);
    }

    [Fact]
    public async Task Groups_follow_the_department_and_members_move_when_a_worker_transfers()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(),
            configure: d => d with { Groups = GroupRules.Create([new GroupRule("primary.orgLevel2.name", "Department: {}")]) });

        var first = await sync.Sync();

        Assert.NotNull(first.Groups);
        Assert.Empty(first.Groups.Errors);
        var mover = (await sync.Accounts()).First(a => a.Active);
        var from = sync.Ukg.Tenant.HomeRowOf(mover.WorkerId)!;
        var to = sync.Ukg.Tenant.OrgLevels.First(o => o.Level == 2 && o.Code != from.OrgLevel2Code);
        Assert.Contains(mover.AccountId, Members($"Department: {sync.Ukg.Tenant.OrgLevels.First(o => o.Level == 2 && o.Code == from.OrgLevel2Code).Description}"));

        sync.Ukg.Tenant.Transfer(mover.WorkerId!, new Transfer(OrgLevel2Code: to.Code));
        sync.Clock.Advance(TimeSpan.FromHours(1));
        await sync.Sync();

        Assert.Contains(mover.AccountId, Members($"Department: {to.Description}"));
        Assert.DoesNotContain(sync.Scim.Groups.Where(g => g["displayName"]!.ToString() != $"Department: {to.Description}"),
            g => g["members"]?.AsArray().Any(m => m!["value"]!.ToString() == mover.AccountId) == true);

        IEnumerable<string> Members(string group) =>
            sync.Scim.Groups.Single(g => g["displayName"]!.ToString() == group)["members"]!.AsArray().Select(m => m!["value"]!.ToString());
    }

    /// <summary>A larger tenant has what a small one may not: shared emails, managers who left, people on leave. None
    /// of it may leave a change that is planned again on every run.</summary>
    [Fact]
    public async Task After_a_sync_of_a_2000_person_tenant_the_next_plan_is_empty()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 2_000);
        var first = await sync.Sync();
        Assert.Equal(SyncRunStatus.Succeeded, first.Run.Status);
        Assert.Contains(first.Plan.Changes, c => c.Reason.Contains("is shared with", StringComparison.Ordinal));
        sync.Clock.Advance(TimeSpan.FromHours(1));

        var next = await sync.Plan();

        Assert.False(next.Plan.HasChanges, string.Join(Environment.NewLine, next.Plan.Changes.Where(c => c.IsChange).Take(10).Select(c => $"{c.Kind} {c.WorkerId}: {c.Reason}")));
    }
}
