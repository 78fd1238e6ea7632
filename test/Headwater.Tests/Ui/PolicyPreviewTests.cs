using Headwater.Configuration;
using Headwater.Core.Planning;
using Headwater.Core.Scoping;
using Headwater.Core.Workers;
using Headwater.Data;
using Headwater.Simulator.Tenants;
using Headwater.Syncing;
using Headwater.Tests.Support;
using Headwater.Ui;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Tests.Ui;

/// <summary>The Policy page's count and Save… from the stored workers' columns say what the planner says: the same scope
/// verdicts, with the same words, and the same newly deactivated workers as planning everyone; on both providers.</summary>
public abstract class PolicyPreviewTests
{
    private static readonly (string Attribute, ScopeTest Test, string[] Values)[] Rules =
    [
        ("primary.companyCode", ScopeTest.In, ["ACME"]),
        ("primary.companyCode", ScopeTest.NotIn, ["acmew", "ACMEC"]),
        ("lifecycle.state", ScopeTest.NotIn, ["Terminated"]),
        ("lifecycle.state", ScopeTest.In, ["Active", "Rehired"]),
        ("middleName", ScopeTest.Present, []),
        ("preferredName", ScopeTest.Absent, []),
        ("primary.lastHireDate", ScopeTest.OnOrAfter, ["2015-01-01"]),
        ("primary.lastHireDate", ScopeTest.OnOrBefore, ["2020-06-30"]),
        ("email", ScopeTest.Matches, ["[a-m].*"]),
        ("primary.fullTimeOrPartTime", ScopeTest.In, ["F"]),
        ("nobody.hasThis", ScopeTest.Absent, []),
        ("nobody.hasThis", ScopeTest.Present, []),
    ];

    protected abstract StateStore CreateStore();

    [Fact]
    public async Task Scope_verdicts_from_the_columns_are_the_planners_for_every_worker_and_rule_combination()
    {
        await using var sync = await VariedAsync(CreateStore());
        var random = new Random(20261203);
        using var cache = new WorkerColumnsCache();
        foreach (var scope in Scopes(random, 40))
        {
            await sync.Query(async db =>
            {
                var workers = await StoredState.Workers(db, CancellationToken.None);
                var expected = workers.ToDictionary(w => w.Id, w => scope.Excludes(WorkerAttributes.ForLookup(w)), StringComparer.Ordinal);
                var columns = await cache.GetAsync(db, CancellationToken.None);
                var verdicts = columns.Verdicts(scope);
                var actual = Enumerable.Range(0, columns.Count).ToDictionary(i => columns.Ids[i], verdicts.Why, StringComparer.Ordinal);
                Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
                Assert.All(Enumerable.Range(0, columns.Count), i => Assert.Equal(verdicts.In[i], actual[columns.Ids[i]] is null));
                var count = await PolicyPreview.CountAsync(db, cache, scope, CancellationToken.None);
                Assert.Equal(expected.Count(p => p.Value is null), count.In);
                Assert.Equal(expected.Count(p => p.Value is not null), count.Out);
                return 0;
            });
        }
        // With no rules, the kept columns count as SQL does, in the same order.
        using var empty = new WorkerColumnsCache();
        var fromColumns = await sync.Query(db => PolicyPreview.CountAsync(db, cache, WorkerScope.Everyone, CancellationToken.None));
        var fromSql = await sync.Query(db => PolicyPreview.CountAsync(db, empty, WorkerScope.Everyone, CancellationToken.None));
        Assert.Equal((fromSql.In, fromSql.Out), (fromColumns.In, fromColumns.Out));
        Assert.Equal(fromSql.InNames, fromColumns.InNames);
    }

    [Fact]
    public async Task Save_finds_the_same_newly_deactivated_workers_as_planning_everyone_under_both_settings()
    {
        await using var sync = await VariedAsync(CreateStore());

        await SaveIsPlanningEveryoneAsync(sync, new Random(20261204));
    }

    [Fact]
    public async Task Save_finds_the_same_newly_deactivated_workers_when_an_account_no_one_holds_may_be_adopted()
    {
        await using var sync = await VariedAsync(CreateStore());
        // Leavers' deactivated accounts, as if found active in the destination and held by no one: each leaver matches
        // theirs by its keys, so a plan that takes them in scope adopts it and deactivates it.
        var leavers = await sync.Query(async db =>
        {
            var accounts = await db.Accounts.Where(a => a.WorkerId != null && !a.Active).OrderBy(a => a.WorkerId).Take(3).ToListAsync();
            var holders = accounts.ConvertAll(a => a.WorkerId!);
            foreach (var account in accounts)
            {
                (account.WorkerId, account.Ownership, account.Active) = (null, nameof(Ownership.Unmanaged), true);
            }
            await db.SaveChangesAsync();
            return holders;
        });
        Assert.Equal(3, leavers.Count);

        var deactivated = await SaveIsPlanningEveryoneAsync(sync, new Random(20261205));

        Assert.Contains(deactivated, leavers.Contains);
    }

    [Fact]
    public async Task Save_finds_the_same_newly_deactivated_workers_when_accounts_no_one_holds_are_active_and_everyone_holds_one()
    {
        await using var sync = await VariedAsync(CreateStore());
        // Every worker holds an account (an inactive one for those who had none), so none is matched by keys, and two
        // active accounts no one holds sit beside them: one matching no one, one with a leaver's keys.
        await sync.Query(async db =>
        {
            var holders = await db.Accounts.Where(a => a.WorkerId != null).Select(a => a.WorkerId!).ToListAsync();
            var now = sync.Clock.GetUtcNow();
            var without = await db.Workers.Where(w => !holders.Contains(w.Id)).Select(w => w.Id).ToListAsync();
            db.Accounts.AddRange(without.Select(id => new AccountRecord
            {
                Destination = sync.Destination.Name, AccountId = $"held-{id}", WorkerId = id, Ownership = nameof(Ownership.Created),
                Values = "{}", CreatedAt = now, UpdatedAt = now,
            }));
            var leaver = await db.Accounts.Where(a => a.WorkerId != null && !a.Active).OrderBy(a => a.WorkerId).FirstAsync();
            db.Accounts.AddRange(
                new AccountRecord
                {
                    Destination = sync.Destination.Name, AccountId = "service", Ownership = nameof(Ownership.Unmanaged), Active = true,
                    UserName = "service", Email = "service@example.invalid", Values = "{}", CreatedAt = now, UpdatedAt = now,
                },
                new AccountRecord
                {
                    Destination = sync.Destination.Name, AccountId = "leaver-twin", Ownership = nameof(Ownership.Unmanaged), Active = true,
                    ExternalId = leaver.ExternalId, UserName = leaver.UserName, Email = leaver.Email, Values = "{}", CreatedAt = now,
                    UpdatedAt = now,
                });
            await db.SaveChangesAsync();
            Assert.NotEmpty(without);
            return without.Count;
        });

        await SaveIsPlanningEveryoneAsync(sync, new Random(20261203));
    }

    [Fact]
    public async Task Save_finds_the_same_newly_deactivated_workers_when_people_leaving_today_still_have_active_accounts()
    {
        await using var sync = await VariedAsync(CreateStore());
        // As if synced with access ending at the end of the termination day: those leaving today keep their accounts active.
        var leaving = await sync.Query(async db =>
        {
            var ids = await db.Workers.Where(w => w.State == nameof(LifecycleState.TerminationScheduled)).Select(w => w.Id).ToListAsync();
            var accounts = await db.Accounts.Where(a => a.WorkerId != null && ids.Contains(a.WorkerId) && !a.Active).ToListAsync();
            accounts.ForEach(a => a.Active = true);
            await db.SaveChangesAsync();
            return accounts.ConvertAll(a => a.WorkerId!);
        });
        Assert.NotEmpty(leaving);

        var deactivated = await SaveIsPlanningEveryoneAsync(sync, new Random(20261206));

        Assert.Contains(deactivated, leaving.Contains);
    }

    /// <summary>Save… under random settings before and after finds who planning every worker under both finds.</summary>
    private static async Task<HashSet<string>> SaveIsPlanningEveryoneAsync(SyncHarness sync, Random random)
    {
        using var cache = new WorkerColumnsCache();
        var policies = new[]
        {
            sync.Destination.Policy,
            sync.Destination.Policy with { Leave = LeavePolicy.Deactivate, Suspension = LeavePolicy.Deactivate },
            sync.Destination.Policy with { OutOfScope = OutOfScopePolicy.Ignore },
            sync.Destination.Policy with { TerminationToday = TerminationToday.EndOfDay, NewAccounts = NewAccountState.PendingUntilStart },
            // Each alone, so that Save… decides only whom that one rule reaches.
            sync.Destination.Policy with { TerminationToday = TerminationToday.EndOfDay },
            sync.Destination.Policy with { Suspension = LeavePolicy.Deactivate },
        };
        var scopes = Scopes(random, 12);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < 24; round++)
        {
            var before = sync.Destination with { Scope = scopes[random.Next(scopes.Count)], Policy = policies[random.Next(policies.Length)] };
            var after = sync.Destination with { Scope = scopes[random.Next(scopes.Count)], Policy = policies[random.Next(policies.Length)] };
            Integration? current = round % 6 == 0 ? null : sync.Integration with { Destinations = [before] };
            var proposed = sync.Integration with { Destinations = [after] };

            var expected = await sync.Query(db => EveryoneAsync(db, current, proposed, sync.Clock));
            var actual = await sync.Query(db => PolicyPreview.NewlyDeactivatedAsync(db, cache, current, proposed, 0, sync.Clock, CancellationToken.None));

            Assert.Equal(expected, actual);
            seen.UnionWith(actual);
        }
        Assert.True(seen.Count > 0, "No setting deactivated anyone: the comparison proved nothing.");
        return seen;
    }

    [Fact]
    public async Task A_worker_rebuilt_from_the_columns_is_the_worker_decoded_from_the_database()
    {
        await using var sync = await VariedAsync(CreateStore());
        using var cache = new WorkerColumnsCache();

        var (decoded, rebuilt) = await sync.Query(async db =>
        {
            var columns = await cache.GetAsync(db, CancellationToken.None);
            var rebuilt = Enumerable.Range(0, columns.Count).Select(columns.WorkerAt).ToList();
            return (await StoredState.Workers(db, CancellationToken.None), rebuilt);
        });

        Assert.Equal(decoded.Count, rebuilt.Count);
        var byId = rebuilt.ToDictionary(w => w.Id, StringComparer.Ordinal);
        Assert.All(decoded, worker =>
        {
            Assert.Equal(WorkerAttributes.Of(worker).OrderBy(p => p.Key, StringComparer.Ordinal),
                WorkerAttributes.Of(byId[worker.Id]).OrderBy(p => p.Key, StringComparer.Ordinal));
            Assert.Equal(worker.Issues, byId[worker.Id].Issues);
        });
        Assert.Contains(decoded, w => w.Issues.Count > 0);
    }

    [Fact]
    public async Task The_count_follows_a_read_that_changed_the_stored_workers()
    {
        await using var sync = await VariedAsync(CreateStore());
        using var cache = new WorkerColumnsCache();
        var scope = new WorkerScope([Rule("lifecycle.state", ScopeTest.NotIn, ["Terminated"])]);
        var first = await sync.Query(db => PolicyPreview.CountAsync(db, cache, scope, CancellationToken.None));
        var tenant = sync.Ukg.Tenant;
        var leaver = tenant.Snapshot().ToArray().First(r => r.StatusCode == EmployeeStatus.Active).EmployeeId;
        tenant.Terminate(leaver, tenant.Today().AddDays(-1));
        sync.Clock.Advance(TimeSpan.FromMinutes(10));
        await sync.Sync();

        var second = await sync.Query(db => PolicyPreview.CountAsync(db, cache, scope, CancellationToken.None));

        Assert.Equal(first.In - 1, second.In);
        Assert.Equal(first.Out + 1, second.Out);
    }

    /// <summary>A synced tenant with leavers, people on leave and a rehire, read again, so states and values vary.</summary>
    internal static async Task<SyncHarness> VariedAsync(StateStore store)
    {
        var sync = await SyncHarness.StartAsync(store, employees: 250);
        await sync.Sync();
        var tenant = sync.Ukg.Tenant;
        var active = tenant.Snapshot().ToArray().Where(r => r.StatusCode == EmployeeStatus.Active).Select(r => r.EmployeeId).ToList();
        for (var i = 0; i < 40; i++)
        {
            var someone = active[i * 5];
            _ = (i % 5) switch
            {
                0 => tenant.Terminate(someone, tenant.Today().AddDays(-1)),
                1 => tenant.Terminate(someone, tenant.Today().AddDays(3)),
                2 => tenant.StartLeave(someone, "FMLA"),
                3 => tenant.Terminate(someone, tenant.Today()),
                _ => tenant.ChangeEmail(someone, null),
            };
        }
        sync.Clock.Advance(TimeSpan.FromMinutes(10));
        await sync.Sync();
        return sync;
    }

    private static List<WorkerScope> Scopes(Random random, int count) =>
    [
        WorkerScope.Everyone,
        .. Enumerable.Range(0, count).Select(_ => new WorkerScope(
            [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Rules[random.Next(Rules.Length)]).Select(r => Rule(r.Attribute, r.Test, r.Values))])),
    ];

    internal static ScopeRule Rule(string attribute, ScopeTest test, string[] values) =>
        ScopeRule.Create(attribute, test, values, out _) ?? throw new InvalidOperationException($"{attribute} {test}");

    /// <summary>What saving deactivates by planning every current worker under both settings.</summary>
    internal static async Task<IReadOnlyList<string>> EveryoneAsync(HeadwaterDb db, Integration? current, Integration proposed, TimeProvider time)
    {
        var settings = proposed.Destinations[0];
        var workers = await StoredState.Workers(db, CancellationToken.None);
        var accounts = (await StoredState.Accounts(db, settings.Name, CancellationToken.None)).Select(StoredState.Known).ToList();
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now.UtcDateTime, proposed.Ukg.Connection.Zone));
        HashSet<string> Deactivated(DestinationSettings? s) => s is null ? [] : [.. Planner.Create(new PlanInput(s.Name, workers, accounts,
            s.Policy, s.Mapper, s.Scope, today, now)).Changes.Where(c => c.Kind == ChangeKind.Deactivate).Select(c => c.WorkerId)];
        var before = Deactivated(current?.Destination(settings.Name));
        return [.. Deactivated(settings).Where(id => !before.Contains(id)).Order(StringComparer.Ordinal)];
    }
}

public sealed class SqlitePolicyPreviewTests : PolicyPreviewTests
{
    protected override StateStore CreateStore() => StateStore.Sqlite();
}

public sealed class PostgresPolicyPreviewTests : PolicyPreviewTests
{
    protected override StateStore CreateStore() => StateStore.Postgres();
}
