using System.Diagnostics;
using System.Text.Json.Nodes;
using Headwater.Cli;
using Headwater.Simulator.Scim;
using Headwater.Simulator.Tenants;
using Headwater.Tests.Support;

namespace Headwater.Tests.Cli;

/// <summary>
/// The crash tests: <c>headwater sync</c> as its own process, killed outright (SIGKILL) midway through applying
/// creates, deactivations, reactivations or updates; the next sync converges, the destination holds what UKG says and
/// the plan after is in step. The SCIM application answers each request 40 ms late, so the kill lands mid-apply.
/// </summary>
public sealed class KilledSyncTests
{
    private const int Changed = 300;

    private static Task<SyncCli> Start(int employees, string extras = "") =>
        SyncCli.StartAsync(employees, extras, new ScimSimulatorOptions { Latency = TimeSpan.FromMilliseconds(40) });

    /// <summary>Leave deactivates, and no safety limit holds a few hundred changes back.</summary>
    private static Task<SyncCli> StartWithLeave() => Start(800, """
            lifecycle: { leave: deactivate }
            safety: { maxDeactivations: none, maxDeactivationPercent: none }
        """);

    [Fact]
    public async Task A_sync_killed_midway_is_finished_by_the_next_with_no_duplicate_and_nothing_lost()
    {
        await using var env = await Start(400);

        await KillMidway(env, () => env.Scim.UserCount >= 60);
        var createdBeforeKill = env.Scim.UserCount;
        using var cli = new CliHarness(env.Environment());

        await Converges(cli);
        Assert.True(env.Scim.UserCount > createdBeforeKill);
        Assert.Equal(env.Scim.UserCount, UsersByWorker(env).Count); // one account per worker: no duplicate
    }

    [Fact]
    public async Task Deactivations_killed_midway_are_finished_by_the_next_sync_and_no_one_else_changes()
    {
        await using var env = await StartWithLeave();
        using var cli = new CliHarness(env.Environment());
        var (before, leavers) = await SyncedThenOnLeave(env, cli);

        await KillMidway(env, leavers.Count, () => Count(ActiveByWorker(env), leavers, active => !active));
        await Converges(cli);

        Assert.Equal(before.ToDictionary(p => p.Key, p => p.Value && !leavers.Contains(p.Key)), ActiveByWorker(env));
    }

    [Fact]
    public async Task Reactivations_killed_midway_are_finished_by_the_next_sync_and_no_one_else_changes()
    {
        await using var env = await StartWithLeave();
        using var cli = new CliHarness(env.Environment());
        var (before, returners) = await SyncedThenOnLeave(env, cli);
        await Synced(cli);
        Assert.Equal(0, Count(ActiveByWorker(env), returners, active => active));
        foreach (var id in returners)
        {
            env.Ukg.Tenant.EndLeave(id);
        }

        await KillMidway(env, returners.Count, () => Count(ActiveByWorker(env), returners, active => active));
        await Converges(cli);

        Assert.Equal(before, ActiveByWorker(env));
    }

    /// <summary>The first sync, then a leave in UKG for <see cref="Changed"/> workers whose accounts are active: who
    /// was active before, and who is on leave.</summary>
    private static async Task<(Dictionary<string, bool> Before, HashSet<string> OnLeave)> SyncedThenOnLeave(SyncCli env, CliHarness cli)
    {
        await Synced(cli);
        var before = ActiveByWorker(env);
        var onLeave = before.Where(p => p.Value).Select(p => p.Key).Take(Changed).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var id in onLeave)
        {
            env.Ukg.Tenant.StartLeave(id, "MED");
        }
        return (before, onLeave);
    }

    [Fact]
    public async Task Updates_killed_midway_are_finished_by_the_next_sync_and_the_destination_matches_UKG()
    {
        await using var env = await Start(800);
        using var cli = new CliHarness(env.Environment());
        await Synced(cli);
        // Everyone moved takes the job and department of one colleague in the same company, the largest.
        var model = env.Scim.Users.Select(u => env.Ukg.Tenant.HomeRowOf(u["externalId"]!.ToString())!)
            .GroupBy(row => row.CompanyId).MaxBy(company => company.Count())!.First();
        var target = TitleAndDepartment(UsersByWorker(env)[model.EmployeeId]);
        var movers = env.Scim.Users.Select(u => (Id: u["externalId"]!.ToString(), Now: TitleAndDepartment(u)))
            .Where(u => u.Now != target && env.Ukg.Tenant.HomeRowOf(u.Id)?.CompanyId == model.CompanyId)
            .Select(u => u.Id).Take(Changed).ToList();
        Assert.True(movers.Count > Changed / 2, $"only {movers.Count} workers to move");
        foreach (var id in movers)
        {
            env.Ukg.Tenant.Transfer(id, new Transfer(OrgLevel2Code: model.OrgLevel2Code, JobCode: model.JobCode));
        }

        await KillMidway(env, movers.Count, () => Count(UsersByWorker(env), movers, user => TitleAndDepartment(user) == target));
        await Converges(cli);

        var users = UsersByWorker(env);
        Assert.All(movers, id => Assert.Equal(target, TitleAndDepartment(users[id])));
    }

    /// <summary>Kills the sync once <paramref name="done"/> of <paramref name="total"/> changes are in the
    /// destination (counted every 40 requests), and checks that it was midway: some, not all.</summary>
    private static async Task KillMidway(SyncCli env, int total, Func<int> done)
    {
        var start = env.Scim.Requests;
        await KillMidway(env, () => env.Scim.Requests >= start + 40 && done() > 0);
        var applied = done();
        Assert.True(applied > 0 && applied < total, $"the kill came after {applied} of {total} changes, not midway");
    }

    /// <summary>Runs <c>headwater sync</c> as its own process and kills it once <paramref name="midway"/> holds.</summary>
    private static async Task KillMidway(SyncCli env, Func<bool> midway)
    {
        var start = new ProcessStartInfo(ExecutableTests.DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ExecutableTests.HeadwaterDll());
        start.ArgumentList.Add("sync");
        foreach (var (name, value) in env.Environment())
        {
            start.Environment[name] = value;
        }
        start.Environment.Remove("HEADWATER_POSTGRES");
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var waited = Stopwatch.StartNew();
        while (!process.HasExited && !midway() && waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(20);
        }
        Assert.False(process.HasExited, "headwater sync finished before it could be killed midway.");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    private static async Task Synced(CliHarness cli)
    {
        var sync = await cli.Run("sync");
        Assert.True(sync.Exit == ExitCodes.Ok, sync.Output);
    }

    /// <summary>The next sync finishes the killed one's work, and the plan after is in step.</summary>
    private static async Task Converges(CliHarness cli)
    {
        var resumed = await cli.Run("sync");
        Assert.True(resumed.Exit == ExitCodes.Ok, resumed.Output);
        Assert.Matches(@"An earlier run was interrupted: [\d,]+ changes? it had not recorded as done (was|were) read back", resumed.Output);
        var runs = await cli.Run("runs");
        Assert.Contains("interrupted", runs.Output, StringComparison.Ordinal);
        var plan = await cli.Run("plan");
        Assert.True(plan.Exit == ExitCodes.Ok, plan.Output);
        Assert.Contains("In step: nothing to change.", plan.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonObject> UsersByWorker(SyncCli env) =>
        env.Scim.Users.ToDictionary(u => u["externalId"]!.ToString(), StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, bool> ActiveByWorker(SyncCli env) =>
        UsersByWorker(env).ToDictionary(p => p.Key, p => SyncHarness.Active(p.Value), StringComparer.OrdinalIgnoreCase);

    private static int Count<T>(Dictionary<string, T> byWorker, IEnumerable<string> workers, Func<T, bool> done) =>
        workers.Count(id => done(byWorker[id]));

    private static (string?, string?) TitleAndDepartment(JsonObject user) => (user["title"]?.ToString(), SyncHarness.Department(user));
}
