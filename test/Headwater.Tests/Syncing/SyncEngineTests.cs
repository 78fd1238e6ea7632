using Headwater.Core.Planning;
using Headwater.Data;
using Headwater.Simulator.Tenants;
using Headwater.Syncing;
using Headwater.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Tests.Syncing;

/// <summary>
/// Syncs from a simulated UKG tenant to a simulated SCIM application through the engine as the CLI runs it: the
/// first sync, idempotent re-runs, HR events, plans that change nothing, recorded changes. Against SQLite and
/// PostgreSQL.
/// </summary>
public abstract class SyncEngineTests
{
    protected abstract StateStore CreateStore();

    [Fact]
    public async Task The_first_sync_creates_an_account_for_every_worker_who_should_have_one_and_links_their_managers()
    {
        await using var sync = await SyncHarness.StartAsync(CreateStore());

        var outcome = await sync.Sync();

        Assert.Equal(SyncRunStatus.Succeeded, outcome.Run.Status);
        Assert.True(outcome.Run.Creates > 50, $"{outcome.Run.Creates} creates");
        Assert.Equal(outcome.Run.Creates, outcome.Run.Applied);
        Assert.Equal(outcome.Run.Creates, sync.Scim.UserCount);
        var accounts = await sync.Accounts();
        Assert.Equal(sync.Scim.UserCount, accounts.Count);
        Assert.All(accounts, a => Assert.Equal("Created", a.Ownership));
        var byWorker = accounts.ToDictionary(a => a.WorkerId!, StringComparer.OrdinalIgnoreCase);
        var linked = accounts.Where(a => a.ManagerWorkerId is not null).ToList();
        Assert.True(linked.Count > accounts.Count / 2, $"{linked.Count} of {accounts.Count} accounts have a manager linked");
        Assert.All(linked, a => Assert.Equal(byWorker[a.ManagerWorkerId!].AccountId, SyncHarness.ManagerOf(sync.User(a.AccountId))));
        Assert.Equal(sync.Scim.UserCount, sync.Scim.Users.Select(u => u["userName"]!.ToString().ToUpperInvariant()).Distinct().Count());
    }

    [Fact]
    public async Task A_second_sync_with_nothing_changed_changes_nothing()
    {
        await using var sync = await SyncHarness.StartAsync(CreateStore());
        await sync.Sync();
        var before = sync.Scim.Users.Select(u => u.ToJsonString()).ToList();
        sync.Clock.Advance(TimeSpan.FromHours(1));

        var again = await sync.Sync();

        Assert.False(again.Plan.HasChanges, string.Join(Environment.NewLine, again.Plan.Changes.Where(c => c.IsChange).Select(c => $"{c.Kind} {c.WorkerId}: {c.Reason}")));
        Assert.Equal(0, again.Run.Applied);
        Assert.Equal(before, sync.Scim.Users.Select(u => u.ToJsonString()).ToList());
    }

    [Fact]
    public async Task A_plan_changes_nothing_in_the_destination_and_records_what_it_would_do()
    {
        await using var sync = await SyncHarness.StartAsync(CreateStore());

        var plan = await sync.Plan();

        Assert.Equal(SyncRunStatus.Planned, plan.Run.Status);
        Assert.True(plan.Plan.HasChanges);
        Assert.Equal(0, sync.Scim.UserCount);
        Assert.Empty(await sync.Accounts());
        var recorded = await sync.Changes(plan.Run.Id);
        Assert.Equal(plan.Plan.Changes.Count, recorded.Count);
        Assert.All(recorded, c => Assert.Equal(ChangeStatus.Planned, c.Status));
        Assert.All(recorded.Where(c => c.Kind == "Create"), c => Assert.Contains("lifecycle.state", c.Drivers, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HR_events_flow_through_termination_transfer_manager_change_new_hires_and_rehire()
    {
        await using var sync = await SyncHarness.StartAsync(CreateStore());
        await sync.Sync();
        var tenant = sync.Ukg.Tenant;
        var today = tenant.Today();
        var accounts = await sync.Accounts();
        var active = accounts.Where(a => a.Active).Select(a => a.WorkerId!).ToList();
        var (leaver, mover, report) = (active[3], active[5], accounts.First(a => a.Active && a.ManagerWorkerId is not null && a.WorkerId != active[3] && a.WorkerId != active[5]).WorkerId!);
        var newManagerFor = active[7];
        var otherDepartment = tenant.OrgLevels.First(o => o.Level == 2 && o.Code != tenant.HomeRowOf(mover)!.OrgLevel2Code);
        tenant.Terminate(leaver, today.AddDays(-1));
        tenant.Transfer(mover, new Transfer(OrgLevel2Code: otherDepartment.Code));
        tenant.ChangeManager(report, newManagerFor);
        var boss = tenant.Hire(new NewHire("Nia", "Boss", "nia.boss@headwater.example"));
        var hire = tenant.Hire(new NewHire("Ned", "Hire", "ned.hire@headwater.example", SupervisorId: boss.EmployeeId));
        sync.Clock.Advance(TimeSpan.FromHours(1));

        var outcome = await sync.Sync();

        Assert.Equal(SyncRunStatus.Succeeded, outcome.Run.Status);
        Assert.False(SyncHarness.Active(sync.User((await sync.AccountOf(leaver)).AccountId)));
        Assert.Equal(otherDepartment.Description, SyncHarness.Department(sync.User((await sync.AccountOf(mover)).AccountId)));
        Assert.Equal((await sync.AccountOf(newManagerFor)).AccountId, SyncHarness.ManagerOf(sync.User((await sync.AccountOf(report)).AccountId)));
        var bossAccount = await sync.AccountOf(boss.EmployeeId);
        Assert.Equal(bossAccount.AccountId, SyncHarness.ManagerOf(sync.User((await sync.AccountOf(hire.EmployeeId)).AccountId)));
        var leaverAccount = (await sync.AccountOf(leaver)).AccountId;

        tenant.Rehire(leaver, today);
        sync.Clock.Advance(TimeSpan.FromHours(1));
        var rehired = await sync.Sync();

        var change = Assert.Single(rehired.Plan.Changes, c => c.WorkerId == leaver);
        Assert.Equal(ChangeKind.Reactivate, change.Kind);
        Assert.Equal(leaverAccount, (await sync.AccountOf(leaver)).AccountId);
        Assert.True(SyncHarness.Active(sync.User(leaverAccount)));
    }

    [Fact]
    public async Task A_sync_is_refused_while_another_sync_of_the_same_destination_holds_it_and_runs_once_it_is_released()
    {
        await using var sync = await SyncHarness.StartAsync(CreateStore(), employees: 40);
        await using (var scope = sync.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
            await db.PrepareAsync();
            await using var held = await DestinationLock.Acquire(db, SyncHarness.Name, CancellationToken.None);
            if (db.Database.IsSqlite() && !OperatingSystem.IsWindows())
            {
                var lockFile = Assert.Single(Directory.GetFiles(sync.Store.Options.DataDirectory, "sync-*.lock"));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(lockFile));
            }

            var refused = Assert.Single((await sync.Run()).Failures);

            Assert.Equal(FailureCause.Busy, refused.Cause);
            Assert.Contains("Another sync of 'app' is running", refused.Message, StringComparison.Ordinal);
            Assert.Equal(0, sync.Scim.UserCount);
            Assert.Equal(SyncRunStatus.Planned, (await sync.Plan()).Run.Status);
        }

        Assert.Equal(SyncRunStatus.Succeeded, (await sync.Sync()).Run.Status);
    }

    [Fact]
    public async Task An_existing_account_with_the_same_userName_is_adopted_not_duplicated()
    {
        await using var sync = await SyncHarness.StartAsync(CreateStore());
        var worker = sync.Ukg.Tenant.Snapshot().ToArray().First(r => r.StatusCode == EmployeeStatus.Active && r.EmailAddress is { Length: > 0 });
        var existing = await sync.SeedUser(worker.EmailAddress!.ToUpperInvariant());

        await sync.Sync();

        var account = await sync.AccountOf(worker.EmployeeId);
        Assert.Equal(existing, account.AccountId);
        Assert.Equal("Adopted", account.Ownership);
        Assert.Single(sync.Scim.Users, u => string.Equals(u["userName"]!.ToString(), worker.EmailAddress, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(worker.EmployeeId, sync.User(existing)["externalId"]!.ToString());
    }
}

public sealed class SqliteSyncEngineTests : SyncEngineTests
{
    protected override StateStore CreateStore() => StateStore.Sqlite();
}

public sealed class PostgresSyncEngineTests : SyncEngineTests
{
    protected override StateStore CreateStore() => StateStore.Postgres();
}
