using System.Diagnostics;
using Headwater.Configuration;
using Headwater.Core.Planning;
using Headwater.Data;
using Headwater.Reading;
using Headwater.Syncing;
using Microsoft.Extensions.DependencyInjection;
using static System.FormattableString;

namespace Headwater.Benchmarks;

/// <summary>
/// Where an incremental sync with nothing changed spends its time, step by step against the state the syncs left:
/// the incremental read, finding and loading the workers changed since the last run with the destination's accounts,
/// decoding the accounts' values, loading Headwater's record of the groups, and planning. The steps repeat, in order, what
/// <see cref="DestinationSync"/> does before it records the run, so each can be timed on its own.
/// </summary>
internal sealed record IncrementalSteps(IReadOnlyList<(string Step, TimeSpan Time)> Steps)
{
    public static async Task<IncrementalSteps> Measure(IServiceProvider services, Integration integration)
    {
        var settings = integration.Destinations.Single();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        var steps = new List<(string, TimeSpan)>();
        var lap = Stopwatch.StartNew();
        void Done(string step)
        {
            steps.Add((step, lap.Elapsed));
            lap.Restart();
        }
        await scope.ServiceProvider.GetRequiredService<WorkerRead>().Run(ReadMode.Incremental);
        Done("Incremental read (WorkerRead.Run)");
        var now = TimeProvider.System.GetUtcNow();
        var zone = integration.Ukg.Connection.Zone;
        DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(at.UtcDateTime, zone));
        var basis = await PlanBasis.Load(db, settings, new SyncRequest(Apply: false), wholeRuns: false, Day, now, CancellationToken.None);
        Done(Invariant($"Workers changed since the last run, and accounts (PlanBasis.Load: {basis.Scope}, {basis.Workers.Count:N0} workers)"));
        var known = basis.Accounts.Select(StoredState.Known).ToList();
        Done("Decode account values (StoredState.Known)");
        var considered = basis.Only is null ? null : basis.Workers.Select(w => w.Id).ToList();
        var groups = await GroupSync.Recorded(db, settings.Name, CancellationToken.None, considered);
        Done("Load recorded groups and members (GroupSync.Recorded)");
        var input = new PlanInput(settings.Name, basis.Workers, known, settings.Policy, settings.Mapper, settings.Scope, Day(now), now)
        {
            Groups = settings.Groups,
            KnownGroups = groups,
            Only = basis.Only,
        };
        var plan = Planner.Create(input);
        Done("Plan (Planner.Create)");
        return plan.HasChanges ? throw new InvalidOperationException("The step-by-step plan holds changes.") : new IncrementalSteps(steps);
    }

    public void Print(int employees)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant($"Incremental sync step by step, {employees:N0} employees:"));
        Console.WriteLine();
        Console.WriteLine("| Step | Time |");
        Console.WriteLine("|---|---:|");
        foreach (var (step, time) in Steps)
        {
            Console.WriteLine(Invariant($"| {step} | {time.TotalSeconds:N2} s |"));
        }
        Console.WriteLine(Invariant($"| All of these | {Steps.Sum(s => s.Time.TotalSeconds):N2} s |"));
    }
}
