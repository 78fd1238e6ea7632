using System.Globalization;
using BenchmarkDotNet.Attributes;
using Headwater.Connectors.Scim;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Scoping;
using Headwater.Core.Workers;

namespace Headwater.Benchmarks;

/// <summary>
/// Planning one SCIM destination over a whole workforce with 1% changed since the last sync: time and allocations
/// of <see cref="Planner.Create"/>, with mapping and scope as <c>DestinationSync</c> passes them (the read of
/// the stored workers is not included). The setup checks the plan holds exactly the changes made, so a benchmark
/// that plans nothing fails rather than reporting a fast time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class PlanningBenchmarks
{
    private PlanInput _input = null!;

    [Params(100_000)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = PlanningScenario.Create(Workers);
        _input = scenario.Input;
        scenario.Check(Planner.Create(_input));
    }

    [Benchmark]
    public Plan Plan() => Planner.Create(_input);
}

/// <summary>
/// A workforce and the accounts its last sync left in a SCIM destination (mapped values as they were, created
/// by Headwater, active unless terminated, linked to the manager), then 1% of the workers changed: a fifth each
/// new hires without an account, terminations, new job titles, moves to another team (department, division and
/// cost center), and new managers.
/// </summary>
internal sealed record PlanningScenario(PlanInput Input, int Creates, int Deactivations, int Updates, int Skips)
{
    public static PlanningScenario Create(int count)
    {
        var mapper = Mapper.Create(ScimMapping.Defaults);
        var scope = WorkerScope.Everyone;
        var workers = Workforce.Build(count);
        var random = new Random(Fixture.Seed + 1);
        var accounts = new List<KnownAccount>(count);
        var ids = new byte[16];
        var accountIds = workers.Select(_ =>
        {
            random.NextBytes(ids);
            return new Guid(ids).ToString();
        }).ToList();

        // Active workers below the top two levels, shuffled; new hires come from those who manage no one, so no
        // account links to them yet.
        var active = Enumerable.Range(1 + Workforce.ReportsPerManager, count - 1 - Workforce.ReportsPerManager)
            .Where(i => workers[i].Lifecycle.State == LifecycleState.Active).ToArray();
        random.Shuffle(active);
        var each = count / 100 / 5;
        var newHires = active.Where(i => i >= count / Workforce.ReportsPerManager).Take(each).ToHashSet();
        var rest = active.Where(i => !newHires.Contains(i)).ToArray();
        var terminations = rest[..each];
        var titles = rest[each..(2 * each)];
        var moves = rest[(2 * each)..(3 * each)];
        var managers = rest[(3 * each)..(4 * each)];

        for (var i = 0; i < count; i++)
        {
            if (Workforce.WantsAccount(workers[i]) && !newHires.Contains(i))
            {
                accounts.Add(Workforce.AccountOf(workers[i], mapper, accountIds[i]));
            }
        }
        // A previous sync links a manager only when the manager has an account (one not yet started has none).
        var withAccounts = accounts.Select(a => a.WorkerId!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < accounts.Count; i++)
        {
            if (accounts[i].ManagerWorkerId is { } manager && !withAccounts.Contains(manager))
            {
                accounts[i] = accounts[i] with { ManagerWorkerId = null };
            }
        }
        var jobs = workers.Select(w => w.Primary.JobTitle!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var units = workers.Select(w => w.Primary.OrgUnits).DistinctBy(u => u[3].Code).ToArray();
        foreach (var i in newHires)
        {
            var start = Workforce.Today.AddDays(-random.Next(0, 3));
            var employment = workers[i].Primary with { OriginalHireDate = start, LastHireDate = start, StatusStartDate = start };
            workers[i] = Workforce.WithEmployment(workers[i], employment) with
            {
                Lifecycle = new Lifecycle(LifecycleState.Active, start, null, $"Active since {start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}."),
            };
        }
        foreach (var i in terminations)
        {
            workers[i] = Workforce.Terminate(workers[i], Workforce.Today.AddDays(-random.Next(0, 3)));
        }
        foreach (var i in titles)
        {
            var title = jobs.Where(j => j != workers[i].Primary.JobTitle).ElementAt(random.Next(jobs.Length - 1));
            workers[i] = Workforce.WithEmployment(workers[i], workers[i].Primary with { JobTitle = title });
        }
        foreach (var i in moves)
        {
            var department = workers[i].Primary.OrgUnits[1].Code;
            var others = units.Where(u => u[1].Code != department).ToArray();
            workers[i] = Workforce.WithEmployment(workers[i], workers[i].Primary with { OrgUnits = others[random.Next(others.Length)] });
        }
        foreach (var i in managers)
        {
            // Another manager with an account, above the worker in the tree, so the chain stays free of cycles.
            var current = workers[i].ManagerId;
            var candidates = Math.Min(i, count / Workforce.ReportsPerManager);
            var manager = workers[random.Next(candidates)];
            for (var tries = 0; (manager.Id == current || !withAccounts.Contains(manager.Id)) && tries < 100; tries++)
            {
                manager = workers[random.Next(candidates)];
            }
            workers[i] = workers[i] with { ManagerId = manager.Id, ManagerEmail = manager.Email };
        }

        var input = new PlanInput("scim", workers, accounts, new SyncPolicy(), mapper, scope, Workforce.Today, Workforce.Now);
        var pending = workers.Count(w => w.Lifecycle.State == LifecycleState.PendingStart);
        return new PlanningScenario(input, newHires.Count, terminations.Length, titles.Length + moves.Length + managers.Length, pending);
    }

    /// <summary>Throws unless the plan holds exactly the changes the scenario made (and a skip per worker yet to start).</summary>
    public void Check(Plan plan)
    {
        var expected = new Dictionary<ChangeKind, int>
        {
            [ChangeKind.Create] = Creates,
            [ChangeKind.Update] = Updates,
            [ChangeKind.Deactivate] = Deactivations,
            [ChangeKind.Reactivate] = 0,
            [ChangeKind.Delete] = 0,
            [ChangeKind.Skip] = Skips,
        };
        var wrong = expected.Where(e => plan.Count(e.Key) != e.Value).Select(e => $"{e.Key}: {plan.Count(e.Key)} planned, {e.Value} expected").ToList();
        if (wrong.Count > 0)
        {
            throw new InvalidOperationException("The planning benchmark's plan is not the expected one. " + string.Join("; ", wrong));
        }
    }
}
