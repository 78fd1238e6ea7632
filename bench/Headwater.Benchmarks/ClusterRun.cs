using System.Globalization;
using Headwater.Data;
using Headwater.Simulator;
using Headwater.Simulator.Scim;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static System.FormattableString;

namespace Headwater.Benchmarks;

/// <summary>
/// <c>cluster [--integrations 200] [--employees 20] [--warmup-seconds 20] [--seconds 60]</c>: scale-out on PostgreSQL.
/// The same integrations, on a cron schedule of every second (so each runs again as soon as it can: the cluster is
/// always busy), first on one <c>headwater serve</c> process and then on two sharing the database; the runs completed
/// per minute over the measured window (after every integration's first run and a warm-up), from the runs' finish
/// times in the database, the runs each node did, and the ratio two/one. Each
/// configuration gets a fresh database (HEADWATER_TEST_POSTGRES names the server); the simulated UKG tenant and SCIM
/// application run in this process.
/// </summary>
internal static class ClusterRun
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private sealed record Settings(int Integrations = 200, int Employees = 20, int WarmupSeconds = 20, int Seconds = 60);

    private sealed record Figures(int Nodes, int Runs, double PerMinute, double SecondsPerRun, Dictionary<string, int> ByNode, string Load);

    public static async Task<int> RunAsync(string[] args)
    {
        var o = new Settings();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? int.Parse(args[i + 1], Inv) : 0;
            switch (args[i++])
            {
                case "--integrations": o = o with { Integrations = value }; break;
                case "--employees": o = o with { Employees = value }; break;
                case "--warmup-seconds": o = o with { WarmupSeconds = value }; break;
                case "--seconds": o = o with { Seconds = value }; break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument {args[i - 1]}");
                    return 2;
            }
        }
        var server = Environment.GetEnvironmentVariable("HEADWATER_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            await Console.Error.WriteLineAsync(
                "HEADWATER_TEST_POSTGRES is not set: export HEADWATER_TEST_POSTGRES=$(eng/postgres.sh 55432)");
            return 2;
        }
        Console.WriteLine($"{Machine.Describe()}. /proc/loadavg at start: {Load()}.");
        await using var ukg = await UkgSimulator.StartAsync(new SimulatorOptions { Employees = o.Employees });
        await using var scim = await ScimSimulator.StartAsync(new ScimSimulatorOptions());
        var one = await MeasureAsync(server, 1, o, ukg, scim);
        var two = await MeasureAsync(server, 2, o, ukg, scim);
        Console.WriteLine();
        Console.WriteLine(Invariant(
            $"| Nodes | Runs in {o.Seconds} s | Runs per minute | Wall seconds per run | Runs by node | /proc/loadavg after |"));
        Console.WriteLine("|---:|---:|---:|---:|---|---|");
        foreach (var f in new[] { one, two })
        {
            Console.WriteLine(Invariant($"| {f.Nodes} | {f.Runs:N0} | {f.PerMinute:N0} | {f.SecondsPerRun:0.00} | ")
                + string.Join(", ", f.ByNode.Values.Order()) + $" | {f.Load} |");
        }
        Console.WriteLine(Invariant($"\nTwo nodes / one node: {two.PerMinute / one.PerMinute:0.00}"));
        return 0;
    }

    private static async Task<Figures> MeasureAsync(string server, int count, Settings o, UkgSimulator ukg, ScimSimulator scim)
    {
        var database = Invariant($"headwater_bench_{Guid.NewGuid():N}");
        var connection = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        var options = new DbContextOptionsBuilder<PostgresHeadwaterDb>().UseNpgsql(connection).Options;
        await using (var db = new PostgresHeadwaterDb(options))
        {
            await db.MigrateAsync();
        }
        var shared = Directory.CreateTempSubdirectory("headwater-cluster-").FullName;
        var nodes = new List<ServeProcess>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                nodes.Add(await ServeProcess.StartAsync(new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["HEADWATER_POSTGRES"] = connection,
                    ["HEADWATER_DATA_DIR"] = Path.Combine(shared, Invariant($"node{i}")),
                    ["HEADWATER_KEYS"] = Path.Combine(shared, "keys"),
                    ["HEADWATER_Service__PermitLimit"] = "1000000",
                    ["HEADWATER_Logging__LogLevel__Default"] = "Warning",
                }, first: i == 0));
            }
            await Console.Error.WriteLineAsync($"# {count} node(s): storing {o.Integrations} integrations");
            using var admin = nodes[0].Admin();
            var names = Enumerable.Range(1, o.Integrations).Select(i => Invariant($"tenant-{i:D4}")).ToList();
            await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (name, _) => await BenchService.PutAsync(admin, name, ukg, scim, "schedule:\n  cron: \"* * * * * ?\""));
            await Console.Error.WriteLineAsync($"# waiting for every first run, then warming up {o.WarmupSeconds} s");
            await FirstRunsAsync(options, o.Integrations);
            await Task.Delay(TimeSpan.FromSeconds(o.WarmupSeconds));
            var from = TimeProvider.System.GetUtcNow();
            await Console.Error.WriteLineAsync($"# measuring {o.Seconds} s");
            await Task.Delay(TimeSpan.FromSeconds(o.Seconds));
            var to = TimeProvider.System.GetUtcNow();
            var load = Load();
            await using var db = new PostgresHeadwaterDb(options);
            var finished = await db.IntegrationRuns.AsNoTracking().Where(r => r.FinishedAt >= from && r.FinishedAt < to)
                .Select(r => new { r.Node, r.StartedAt, r.FinishedAt, r.Status }).ToListAsync();
            var failed = finished.Count(r => r.Status != SyncRunStatus.Succeeded);
            if (failed > 0)
            {
                await Console.Error.WriteLineAsync($"# {failed} of the runs did not succeed");
            }
            var seconds = finished.Count == 0 ? 0 : finished.Average(r => (r.FinishedAt!.Value - r.StartedAt!.Value).TotalSeconds);
            return new Figures(count, finished.Count, finished.Count / (to - from).TotalMinutes, seconds,
                finished.GroupBy(r => r.Node ?? "").ToDictionary(g => g.Key, g => g.Count()), load);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
            NpgsqlConnection.ClearAllPools();
            await using (var db = new PostgresHeadwaterDb(options))
            {
                await db.Database.EnsureDeletedAsync();
            }
            Directory.Delete(shared, recursive: true);
        }
    }

    /// <summary>Waits (up to ten minutes) until every integration has finished a run: the first runs, which create the
    /// accounts, are not what the window measures.</summary>
    private static async Task FirstRunsAsync(DbContextOptions<PostgresHeadwaterDb> options, int integrations)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(10);
        while (true)
        {
            await using (var db = new PostgresHeadwaterDb(options))
            {
                var ran = await db.IntegrationRuns.Where(r => r.FinishedAt != null).Select(r => r.IntegrationId).Distinct().CountAsync();
                if (ran >= integrations)
                {
                    return;
                }
            }
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException("Not every integration finished a first run within ten minutes.");
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
