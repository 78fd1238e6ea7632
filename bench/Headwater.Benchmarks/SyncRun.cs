using System.Globalization;
using Headwater.Configuration;
using Headwater.Connectors.Scim;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Scoping;
using Headwater.Data;
using Headwater.Syncing;
using Microsoft.Data.Sqlite;

namespace Headwater.Benchmarks;

/// <summary>
/// <c>sync [--employees 100000,20000] [--incrementals 3] [--changed-per-mille 5] [--concurrency 16] [--latency-ms 150]
/// [--row-latency-ms 0.01] [--scim scimmy|in-process]</c>: for each size, the UKG simulator in its own process (with that latency) and
/// test/scim-server (or the simulator's SCIM application in this process), one SCIM destination with a department and
/// a location group rule, and a fresh SQLite state store. Then a first sync through <see cref="SyncEngine"/> (a full
/// read, every account and group created), checked, and incremental syncs with nothing changed in UKG, each of which
/// must plan nothing; one after renaming 0.5% of the workers in UKG, which must update exactly those; and one more taken
/// apart step by step (<see cref="IncrementalSteps"/>). Prints time, SCIM
/// requests and UKG calls of each.
/// </summary>
internal static class SyncRun
{
    private const string Destination = "scim";
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = new List<int>();
        var incrementals = 3;
        var changedPerMille = 5;
        var concurrency = 16;
        var latency = "150";
        var rowLatency = "0.01";
        var inProcessScim = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--employees": sizes.AddRange(args[++i].Split(',').Select(Count)); break;
                case "--incrementals": incrementals = int.Parse(args[++i], Inv); break;
                case "--changed-per-mille": changedPerMille = int.Parse(args[++i], Inv); break;
                case "--concurrency": concurrency = int.Parse(args[++i], Inv); break;
                case "--latency-ms": latency = args[++i]; break;
                case "--row-latency-ms": rowLatency = args[++i]; break;
                case "--scim": inProcessScim = args[++i] == "in-process"; break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument {args[i]}");
                    return 2;
            }
        }
        if (sizes.Count == 0)
        {
            sizes.AddRange([100_000, 20_000]);
        }
        Console.WriteLine($"{Machine.Describe()}. UKG simulator latency: {latency} ms per request + {rowLatency} ms per row; " +
            $"SCIM concurrency {concurrency}; SCIM server: {(inProcessScim ? "the simulator's, in process" : "scimmy")}.");
        var tenants = new List<TenantFigures>();
        var steps = new List<(int, IncrementalSteps)>();
        foreach (var size in sizes)
        {
            var loadBefore = Machine.LoadAverage();
            await using var simulator = await SimulatorProcess.StartAsync("--port", "0", "--employees", size.ToString(Inv), "--seed", "42",
                "--latency-ms", latency, "--row-latency-ms", rowLatency);
            await using IScimTestServer scim = inProcessScim
                ? await InProcessScimServer.StartAsync() : await ScimServerProcess.StartAsync();
            var (figures, stepped) = await MeasureTenant(size, simulator, scim, concurrency, incrementals, size * changedPerMille / 1000);
            tenants.Add(figures with { Load = $"{loadBefore} → {Machine.LoadAverage()}" });
            steps.Add((size, stepped));
        }
        TenantFigures.Print(tenants);
        foreach (var (size, stepped) in steps)
        {
            stepped.Print(size);
        }
        return 0;
    }

    private static int Count(string text) => int.Parse(text.Replace("_", "", StringComparison.Ordinal), Inv);

    private static async Task<(TenantFigures, IncrementalSteps)> MeasureTenant(int size, SimulatorProcess simulator, IScimTestServer scim,
        int concurrency, int incrementals, int changed)
    {
        var directory = Directory.CreateTempSubdirectory("headwater-sync-").FullName;
        try
        {
            var counter = new ScimCallCounter(scim.BaseUrl);
            var integration = Integration(simulator, scim, directory, counter, concurrency);
            await using var services = SyncServices.Build(integration);
            await Console.Error.WriteLineAsync($"# {size:N0} employees: first sync");
            var first = await SyncFigures.Measure(services, integration, counter);
            var groups = await CheckFirst(first, scim);
            var again = new List<SyncFigures>();
            for (var i = 1; i <= incrementals; i++)
            {
                await Console.Error.WriteLineAsync($"# {size:N0} employees: incremental sync {i}");
                again.Add(CheckIncremental(await SyncFigures.Measure(services, integration, counter)));
            }
            await Console.Error.WriteLineAsync($"# {size:N0} employees: incremental sync after renaming {changed:N0}");
            var renamed = await Renames.Apply(simulator, services, Destination, changed);
            var afterRenames = CheckRenamed(await SyncFigures.Measure(services, integration, counter), renamed);
            await Console.Error.WriteLineAsync($"# {size:N0} employees: incremental sync step by step");
            var steps = await IncrementalSteps.Measure(services, integration);
            return (new TenantFigures(size, groups, first, again, "") { Renamed = afterRenames }, steps);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Integration Integration(SimulatorProcess simulator, IScimTestServer scim, string directory, ScimCallCounter counter,
        int concurrency)
    {
        var ukg = Settings.Load(simulator.Environment.GetValueOrDefault) with { Data = new DataOptions(directory, null) };
        var kind = new CountedScimKind(counter);
        var groups = GroupRules.Create([
            new GroupRule("primary.orgLevel2.name", "Department: {}"),
            new GroupRule("primary.locationName", "Location: {}"),
        ]);
        var destination = new DestinationSettings(Destination, kind, new ScimOptions { BaseUrl = scim.BaseUrl, BearerToken = scim.Token },
            Mapper.Create(kind.DefaultMapping), new SyncPolicy { MatchBy = kind.MatchBy }, SafetyLimits.None, WorkerScope.Everyone, groups,
            concurrency)
        {
            // The same settings on every run, as a file's would be: a sync after an applied one plans only who changed.
            Fingerprint = "benchmark",
        };
        return new Integration(ukg, [destination]);
    }

    /// <summary>A full read, every planned create and group applied, no failures, and the server holding them;
    /// returns the number of groups.</summary>
    private static async Task<int> CheckFirst(SyncFigures first, IScimTestServer scim)
    {
        var run = first.Outcome.Run;
        var groups = first.Outcome.Groups;
        var groupCreates = first.Outcome.Plan.Groups.Count(g => g.Kind == GroupChangeKind.Create);
        var problems = new List<string>();
        Require(problems, first.Result.Succeeded, "it failed: " + FirstFailures(first));
        Require(problems, first.Read.Mode == "Full", $"its read was {first.Read.Mode}, not Full");
        Require(problems, run.Status == SyncRunStatus.Succeeded, $"its status is {run.Status}");
        Require(problems, run.Creates > 0 && run.Applied == run.Creates && run.Failed == 0,
            $"{run.Applied} of {run.Creates} creates were applied, {run.Failed} failed");
        Require(problems, run.Updates + run.Deactivations + run.Reactivations + run.Deletions == 0, "it planned more than creates");
        Require(problems, groups is { Errors.Count: 0 } && groups.Created == groupCreates && groupCreates > 0,
            $"{groups?.Created} of {groupCreates} groups were created: {string.Join(" ", groups?.Errors.Take(3) ?? [])}");
        Require(problems, await scim.Users() == run.Creates, $"the server holds {await scim.Users()} users, not {run.Creates}");
        Require(problems, await scim.Groups() == groupCreates, $"the server holds {await scim.Groups()} groups, not {groupCreates}");
        return problems.Count == 0 ? groupCreates
            : throw new InvalidOperationException("The first sync is not what was expected: " + string.Join("; ", problems) + ".");
    }

    /// <summary>An incremental read and an empty plan: no account changes and no group changes.</summary>
    private static SyncFigures CheckIncremental(SyncFigures incremental)
    {
        var plan = incremental.Outcome.Plan;
        var problems = new List<string>();
        Require(problems, incremental.Result.Succeeded, "it failed: " + FirstFailures(incremental));
        Require(problems, incremental.Read.Mode == "Incremental", $"its read was {incremental.Read.Mode}, not Incremental");
        Require(problems, incremental.Outcome.Run.Planning == PlanScope.Changed, $"it planned {incremental.Outcome.Run.Planning}, not the changed");
        var example = plan.Changes.FirstOrDefault(c => c.IsChange)?.Reason ?? (plan.Groups.Count > 0 ? plan.Groups[0].ToString() : null);
        Require(problems, !plan.HasChanges,
            $"it planned {plan.Changes.Count(c => c.IsChange)} account changes and {plan.Groups.Count} group changes, e.g. {example}");
        return problems.Count == 0 ? incremental
            : throw new InvalidOperationException(
                "The incremental sync with nothing changed is not what was expected: " + string.Join("; ", problems) + ".");
    }

    /// <summary>An incremental plan of the renamed workers: exactly one update each, applied, and nothing else.</summary>
    private static SyncFigures CheckRenamed(SyncFigures sync, IReadOnlyList<string> renamed)
    {
        var run = sync.Outcome.Run;
        var updated = sync.Outcome.Plan.Changes.Where(c => c.IsChange).Select(c => c.WorkerId).Order(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        Require(problems, sync.Result.Succeeded, "it failed: " + FirstFailures(sync));
        Require(problems, run.Planning == PlanScope.Changed, $"it planned {run.Planning}, not the changed");
        Require(problems, run.Updates == renamed.Count && run.Applied == renamed.Count, $"it applied {run.Applied} of {run.Updates} updates");
        Require(problems, updated.SequenceEqual(renamed.Order(StringComparer.Ordinal)), "it changed other workers than those renamed");
        return problems.Count == 0 ? sync
            : throw new InvalidOperationException("The incremental sync after the renames is not what was expected: " + string.Join("; ", problems) + ".");
    }

    private static string FirstFailures(SyncFigures sync) => string.Join(" ", sync.Result.Failures.Select(f => f.Message).Take(3));

    private static void Require(List<string> problems, bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
