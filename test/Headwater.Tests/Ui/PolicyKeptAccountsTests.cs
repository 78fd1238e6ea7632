using Headwater.Configuration;
using Headwater.Core.Scoping;
using Headwater.Data;
using Headwater.Simulator.Tenants;
using Headwater.Tests.Support;
using Headwater.Ui;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Tests.Ui;

/// <summary>The accounts the Policy page keeps for Save… are read again whenever they may have changed: after a run, while
/// one may be writing them, and when their number changed without a run; on both providers.</summary>
public abstract class PolicyKeptAccountsTests
{
    protected abstract StateStore CreateStore();

    [Fact]
    public Task Save_follows_a_run_that_deactivated_a_kept_account() => FollowsAsync(async (sync, leaver) =>
    {
        sync.Ukg.Tenant.Terminate(leaver, sync.Ukg.Tenant.Today().AddDays(-1));
        sync.Clock.Advance(TimeSpan.FromMinutes(10));
        await sync.Sync();
    });

    [Fact]
    public Task Save_reads_the_accounts_again_while_a_run_may_be_writing_them() => FollowsAsync(
        // The run deactivates the account and has not finished.
        (sync, leaver) => sync.Query(db => db.Accounts.Where(a => a.WorkerId == leaver)
            .ExecuteUpdateAsync(a => a.SetProperty(r => r.Active, false))),
        first: sync => sync.Query(db =>
        {
            var now = sync.Clock.GetUtcNow();
            db.SyncRuns.Add(new SyncRun { Destination = sync.Destination.Name, Status = SyncRunStatus.Running, StartedAt = now });
            return db.SaveChangesAsync();
        }));

    [Fact]
    public Task Save_reads_the_accounts_again_when_one_was_forgotten_without_a_run_recorded() => FollowsAsync(
        // As a destination read forgets an account deleted by hand, in a command line run that stops before its row is added.
        (sync, leaver) => sync.Query(db => db.Accounts.Where(a => a.WorkerId == leaver).ExecuteDeleteAsync()));

    /// <summary>Save… deactivates a leaver while their account is active, and no one once <paramref name="change"/> has
    /// deactivated or forgotten it (after <paramref name="first"/>, before the first Save…).</summary>
    private async Task FollowsAsync(Func<SyncHarness, string, Task> change, Func<SyncHarness, Task>? first = null)
    {
        await using var sync = await PolicyPreviewTests.VariedAsync(CreateStore());
        using var cache = new WorkerColumnsCache();
        var (leaver, save) = await LeavingAsync(sync, cache);
        if (first is not null)
        {
            await first(sync);
        }
        Assert.Equal([leaver], await save());

        await change(sync, leaver);

        Assert.Empty(await save());
    }

    /// <summary>An active worker with an active account, and Save… of a scope that leaves out only them, checked against
    /// planning everyone each time.</summary>
    private static async Task<(string Leaver, Func<Task<IReadOnlyList<string>>> Save)> LeavingAsync(SyncHarness sync,
        WorkerColumnsCache cache)
    {
        var active = sync.Ukg.Tenant.Snapshot().ToArray().Where(r => r.StatusCode == EmployeeStatus.Active).Select(r => r.EmployeeId)
            .ToHashSet(StringComparer.Ordinal);
        var leaver = (await sync.Accounts()).First(a => a.Active && a.WorkerId is { } id && active.Contains(id)).WorkerId!;
        var scope = new WorkerScope([PolicyPreviewTests.Rule("id", ScopeTest.NotIn, [leaver])]);
        Integration current = sync.Integration;
        var proposed = sync.Integration with { Destinations = [sync.Destination with { Scope = scope }] };
        return (leaver, async () =>
        {
            var expected = await sync.Query(db => PolicyPreviewTests.EveryoneAsync(db, current, proposed, sync.Clock));
            var actual = await sync.Query(db => PolicyPreview.NewlyDeactivatedAsync(db, cache, current, proposed, 0, sync.Clock,
                CancellationToken.None));
            Assert.Equal(expected, actual);
            return actual;
        });
    }
}

public sealed class SqlitePolicyKeptAccountsTests : PolicyKeptAccountsTests
{
    protected override StateStore CreateStore() => StateStore.Sqlite();
}

public sealed class PostgresPolicyKeptAccountsTests : PolicyKeptAccountsTests
{
    protected override StateStore CreateStore() => StateStore.Postgres();
}
