using Headwater.Connectors.Scim;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Data;
using Headwater.Simulator.Tenants;
using Headwater.Tests.Support;

namespace Headwater.Tests.Syncing;

/// <summary>
/// After a sync that applied everything, the next plans only the workers that changed (and those their decisions
/// depend on): it must plan exactly what planning everyone would, and fall back to everyone whenever that cannot be
/// trusted.
/// </summary>
public sealed class IncrementalPlanTests
{
    private static readonly GroupRules Departments = GroupRules.Create([new GroupRule("primary.orgLevel2.name", "Department: {}")]);

    [Fact]
    public async Task A_plan_after_an_applied_sync_considers_who_changed_accounts_due_for_deletion_and_their_reports()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 200,
            configure: d => d with { Policy = d.Policy with { DeleteAfter = TimeSpan.FromHours(1) } });
        Assert.Equal(PlanScope.Everyone, (await sync.Sync()).Run.Planning);
        var quiet = await sync.Plan();
        Assert.Equal(PlanScope.Changed, quiet.Run.Planning);
        Assert.DoesNotContain(quiet.Plan.Changes, c => c.IsChange);
        var tenant = sync.Ukg.Tenant;
        var accounts = await sync.Accounts();
        var manager = accounts.First(a => a.Active && accounts.Count(r => r.ManagerWorkerId == a.WorkerId) >= 2).WorkerId!;
        var reports = accounts.Where(a => a.ManagerWorkerId == manager).Select(a => a.WorkerId!).ToList();
        tenant.Terminate(manager, tenant.Today().AddDays(-1));
        sync.Clock.Advance(TimeSpan.FromMinutes(10));
        var deactivated = await sync.Sync();
        Assert.Equal(PlanScope.Changed, deactivated.Run.Planning);
        Assert.Equal(ChangeKind.Deactivate, Assert.Single(deactivated.Plan.Changes, c => c.IsChange).Kind);
        // Nothing changes in UKG now: the grace period running out is what makes the next plan.
        sync.Clock.Advance(TimeSpan.FromHours(2));

        var plan = await sync.Plan();
        var everyone = await sync.Plan(everyone: true);

        Assert.Equal(PlanScope.Changed, plan.Run.Planning);
        Assert.Equal(Shown(everyone.Plan), Shown(plan.Plan));
        Assert.Contains(plan.Plan.Changes, c => c.WorkerId == manager && c.Kind == ChangeKind.Delete);
        Assert.All(reports, r => Assert.Contains(plan.Plan.Changes, c => c.WorkerId == r && c.Code == ReasonCode.ManagerUnlinked));
        Assert.Equal(everyone.Run.Workers, plan.Run.Workers);
    }

    [Fact]
    public async Task Random_HR_events_plan_the_same_changes_incrementally_as_for_everyone_and_converge()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 300, configure: d => d with { Groups = Departments });
        await sync.Sync();
        var tenant = sync.Ukg.Tenant;
        var random = new Random(20261201);
        for (var round = 0; round < 6; round++)
        {
            for (var n = 0; n < 12; n++)
            {
                Event(tenant, random);
            }
            sync.Clock.Advance(TimeSpan.FromMinutes(20));

            var plan = await sync.Plan();
            var everyone = await sync.Plan(everyone: true);

            Assert.Equal(PlanScope.Changed, plan.Run.Planning);
            Assert.Equal(Shown(everyone.Plan), Shown(plan.Plan));
            Assert.Equal(Groups(everyone.Plan), Groups(plan.Plan));
            var applied = await sync.Sync();
            Assert.Equal(SyncRunStatus.Succeeded, applied.Run.Status);
            Assert.Equal(Shown(everyone.Plan), Shown(applied.Plan));
        }
        Assert.Empty(Shown((await sync.Plan(everyone: true)).Plan));
        Assert.Empty(Groups((await sync.Plan(everyone: true)).Plan));
    }

    [Fact]
    public async Task Everyone_is_planned_on_a_new_day_after_a_configuration_change_and_after_a_run_for_one_worker_only_the_run_before_counts()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 60);
        await sync.Sync();
        Assert.Equal(PlanScope.Changed, (await sync.Sync()).Run.Planning);

        sync.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(PlanScope.Everyone, (await sync.Sync()).Run.Planning);
        Assert.Equal(PlanScope.Changed, (await sync.Sync()).Run.Planning);

        await sync.Reconfigure(d => d with { Concurrency = 2 });
        Assert.Equal(PlanScope.Everyone, (await sync.Sync()).Run.Planning);
        Assert.Equal(PlanScope.Changed, (await sync.Sync()).Run.Planning);

        Assert.Equal(PlanScope.Everyone, (await sync.Sync(everyone: true)).Run.Planning);
        Assert.Equal(PlanScope.Everyone, (await sync.Sync(reconcile: true)).Run.Planning);
        Assert.Equal(PlanScope.Changed, (await sync.Sync()).Run.Planning);
    }

    [Fact]
    public async Task A_run_with_a_failed_change_is_followed_by_a_plan_for_everyone_which_retries_it()
    {
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 60,
            configure: d => d with { Options = (ScimOptions)d.Options with { Compatibility = new ScimCompatibility { AdoptOnConflict = false } } });
        await sync.Sync();
        var newcomer = sync.Ukg.Tenant.Hire(new NewHire("Cora", "Clash", "cora.clash@headwater.example"));
        var squatter = await sync.SeedUser("cora.clash@headwater.example", externalId: "someone-else");
        sync.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(SyncRunStatus.CompletedWithFailures, (await sync.Sync()).Run.Status);
        await sync.DeleteUser(squatter);

        var retried = await sync.Sync();

        Assert.Equal(PlanScope.Everyone, retried.Run.Planning);
        Assert.Equal(newcomer.EmployeeId, Assert.Single(retried.Plan.Changes, c => c.IsChange).WorkerId);
        Assert.Equal(PlanScope.Changed, (await sync.Sync()).Run.Planning);
    }

    /// <summary>A random HR event on a random worker; events that make no sense for the worker are skipped.</summary>
    private static void Event(Tenant tenant, Random random)
    {
        var rows = tenant.Snapshot().ToArray();
        var active = rows.Where(r => r.StatusCode == EmployeeStatus.Active).ToArray();
        var someone = active[random.Next(active.Length)];
        var other = active[random.Next(active.Length)];
        try
        {
            switch (random.Next(9))
            {
                case 0: tenant.Terminate(someone.EmployeeId, tenant.Today().AddDays(-random.Next(2))); break;
                case 1: tenant.StartLeave(someone.EmployeeId, "FMLA"); break;
                case 2 when rows.FirstOrDefault(r => r.StatusCode == EmployeeStatus.Leave) is { } away: tenant.EndLeave(away.EmployeeId); break;
                case 3 when other.EmployeeId != someone.EmployeeId: tenant.ChangeManager(someone.EmployeeId, other.EmployeeId); break;
                case 4: tenant.ChangeEmail(someone.EmployeeId, random.Next(3) == 0 ? other.EmailAddress : $"moved{random.Next(1_000_000)}@headwater.example"); break;
                case 5: tenant.Transfer(someone.EmployeeId, new Transfer(OrgLevel2Code: tenant.OrgLevels.Where(o => o.Level == 2).ElementAt(random.Next(3)).Code)); break;
                case 6: tenant.Hire(new NewHire("New", $"Hire{random.Next(1_000_000)}", $"hire{random.Next(1_000_000)}@headwater.example", SupervisorId: other.EmployeeId)); break;
                case 7 when rows.FirstOrDefault(r => r.StatusCode == EmployeeStatus.Terminated) is { } leaver: tenant.Rehire(leaver.EmployeeId, tenant.Today()); break;
                default: tenant.ChangeManager(someone.EmployeeId, null); break;
            }
        }
        catch (HrEventException)
        {
            // Not an event this worker can have today (e.g. a leave while on leave).
        }
    }

    /// <summary>The changes a plan would make, in a comparable form (skips left out: an incremental plan repeats only those considered).</summary>
    private static List<string> Shown(Plan plan) =>
    [
        .. plan.Changes.Where(c => c.IsChange).Select(c => string.Join(" | ", c.Kind, c.WorkerId, c.AccountId, c.Code, c.Reason, c.ManagerWorkerId, c.Active,
            string.Join(", ", c.Attributes.Select(a => $"{a.Name}: {a.Old} -> {a.New}")))).Order(StringComparer.Ordinal),
    ];

    private static List<string> Groups(Plan plan) =>
        [.. plan.Groups.Select(g => $"{g.Kind} {g.Group}: {string.Join(",", g.WorkerIds)} {string.Join(",", g.AccountIds)}").Order(StringComparer.Ordinal)];
}
