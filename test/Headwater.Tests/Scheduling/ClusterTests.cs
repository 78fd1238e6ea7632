using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Headwater.Configuration;
using Headwater.Data;
using Headwater.Simulator;
using Headwater.Simulator.Scim;
using Headwater.Simulator.Tenants;
using Headwater.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Headwater.Tests.Scheduling;

/// <summary>
/// Scale-out: two <c>headwater serve</c> processes on one PostgreSQL database share 20 integrations on a 15-second
/// cron schedule, each against a SCIM application of its own and one simulated UKG tenant. One node is killed (SIGKILL)
/// while it is creating accounts; the other recovers its runs and carries on with every integration. The SCIM
/// applications answer each request 100 ms late, so the first runs last long enough to be killed midway.
/// </summary>
public sealed class ClusterTests
{
    private const int Integrations = 20;
    private const int Employees = 30;
    private const string Schedule = "schedule:\n  cron: \"0/15 * * * * ?\"";
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_killed_node_s_runs_are_recovered_by_the_survivor_which_keeps_every_integration_on_schedule_and_in_step()
    {
        await using var store = StateStore.Postgres();
        await store.MigrateAsync();
        await using var ukg = await UkgSimulator.StartAsync(new SimulatorOptions { Employees = Employees });
        var apps = new List<ScimSimulator>();
        var shared = StateStore.NewDataDirectory();
        try
        {
            for (var i = 0; i < Integrations; i++)
            {
                apps.Add(await ScimSimulator.StartAsync(new ScimSimulatorOptions { Latency = TimeSpan.FromMilliseconds(100) }));
            }
            using var survivor = await ServeNode.StartAsync(Environment(store, shared, "a"), first: true);
            var survivorId = (await NodesAsync(store, [])).Single();
            using var victim = await ServeNode.StartAsync(Environment(store, shared, "b"), first: false);
            var victimId = (await NodesAsync(store, [survivorId])).Single();
            using var admin = new HttpClient { BaseAddress = survivor.Url };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", survivor.Token);
            for (var i = 0; i < Integrations; i++)
            {
                await CreateAsync(admin, Name(i), ukg, apps[i]);
            }

            var killed = await KillMidRunAsync(store, victim, victimId, apps);
            // Work for the survivor's runs: a rename everywhere and a new hire.
            var renamed = apps.MaxBy(app => app.UserCount)!.Users[0]["externalId"]!.ToString();
            ukg.Tenant.Rename(renamed, "Grace", "Hopper");
            var hired = ukg.Tenant.Hire(new NewHire("Ada", "Lovelace", "ada.lovelace@example.com")).EmployeeId;
            var changedAt = TimeProvider.System.GetUtcNow();
            await WaitUntilAsync(store, runs => Enumerable.Range(0, Integrations).All(i => runs.Any(r => r.Name == Name(i)
                && r.Run.Node == survivorId && r.Run.Status == SyncRunStatus.Succeeded && r.Run.StartedAt > changedAt)),
                TimeSpan.FromSeconds(90), survivor);
            for (var i = 0; i < Integrations; i++)
            {
                using var paused = await admin.PostAsync(new Uri($"/api/integrations/{Name(i)}/pause", UriKind.Relative), null);
                Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
            }
            var runs = await WaitUntilAsync(store, runs => runs.All(r => r.Run.FinishedAt is not null), TimeSpan.FromSeconds(60), survivor);

            // The killed node was midway through a run, which the survivor ran again.
            Assert.Contains(runs, r => r.Name == killed && r.Run.Node == victimId && r.Run.Status == SyncRunStatus.Interrupted);
            Assert.Contains(runs, r => r.Name == killed && r.Run.Node == survivorId && r.Run.Status == SyncRunStatus.Succeeded);
            Assert.Contains(runs, r => r.Run.Node == victimId);
            using (var listed = await admin.GetAsync(new Uri($"/api/integrations/{killed}/runs", UriKind.Relative)))
            {
                // The runs API names the node of each run.
                var shown = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
                    .Select(r => r.GetProperty("node").GetString()).ToHashSet();
                Assert.Contains(survivorId, shown);
                Assert.Contains(victimId, shown);
            }
            foreach (var integration in runs.GroupBy(r => r.Name).Select(g => g.Select(r => r.Run).ToList()))
            {
                // No two runs of one integration overlapped, on whichever nodes they ran.
                var started = integration.Where(r => r.StartedAt is not null).OrderBy(r => r.StartedAt).ToList();
                Assert.All(started.Zip(started.Skip(1)), pair => Assert.True(pair.First.FinishedAt <= pair.Second.StartedAt,
                    $"runs {pair.First.Id} ({pair.First.Node}) and {pair.Second.Id} ({pair.Second.Node}) overlapped"));
                // Each scheduled time was run once, on one node (a run a dead node left is run again by a recovery).
                var fired = integration.Where(r => r.Trigger == RunTrigger.Schedule && r.Status != SyncRunStatus.Interrupted)
                    .GroupBy(r => r.QueuedAt.ToUnixTimeMilliseconds() / (long)Every.TotalMilliseconds).ToList();
                Assert.All(fired, time => Assert.True(time.Count() == 1,
                    $"{time.Count()} runs for one scheduled time: {string.Join(", ", time.Select(r => $"{r.Id} on {r.Node}"))}"));
                Assert.All(integration, run => Assert.NotNull(run.Node));
            }

            // Every destination is in step with UKG: nothing to plan, one account per worker, the new hire in each.
            for (var i = 0; i < Integrations; i++)
            {
                var plan = await PlanAsync(admin, Name(i));
                Assert.Equal(0, plan.GetProperty("destinations")[0].GetProperty("changeCount").GetInt32());
                var users = apps[i].Users;
                var workers = users.Select(u => u["externalId"]!.ToString()).Distinct(StringComparer.OrdinalIgnoreCase);
                Assert.Equal(users.Count, workers.Count());
                Assert.Equal(apps[0].UserCount, users.Count);
                Assert.Contains(users, u => u["externalId"]?.ToString() == hired);
            }
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
            NpgsqlConnection.ClearAllPools();
            if (Directory.Exists(shared))
            {
                Directory.Delete(shared, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_node_stopped_with_SIGTERM_mid_run_leaves_the_integration_scheduled_for_the_other_node()
    {
        await using var store = StateStore.Postgres();
        await store.MigrateAsync();
        await using var ukg = await UkgSimulator.StartAsync(new SimulatorOptions { Employees = Employees });
        await using var app = await ScimSimulator.StartAsync(new ScimSimulatorOptions { Latency = TimeSpan.FromMilliseconds(200) });
        var shared = StateStore.NewDataDirectory();
        try
        {
            using var first = await ServeNode.StartAsync(Environment(store, shared, "a"), first: true);
            var firstId = (await NodesAsync(store, [])).Single();
            using var second = await ServeNode.StartAsync(Environment(store, shared, "b"), first: false);
            var secondId = (await NodesAsync(store, [firstId])).Single();
            using var admin = new HttpClient { BaseAddress = first.Url };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", first.Token);
            await CreateAsync(admin, Name(0), ukg, app);

            var running = (await WaitUntilAsync(store, runs => runs.Any(r => r.Run.Status == SyncRunStatus.Running),
                TimeSpan.FromSeconds(60), first)).Single(r => r.Run.Status == SyncRunStatus.Running).Run;
            var (stopped, other, otherId) = running.Node == firstId ? (first, second, secondId) : (second, first, firstId);
            await stopped.TerminateAsync();

            var runs = await WaitUntilAsync(store, runs => runs.Any(r => r.Run.Node == otherId && r.Run.Id > running.Id
                && r.Run.Status == SyncRunStatus.Succeeded), TimeSpan.FromSeconds(60), other);
            // The stopped node ended its run (finished, or stopped at a safe point) before it exited.
            Assert.NotNull(runs.Single(r => r.Run.Id == running.Id).Run.FinishedAt);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (Directory.Exists(shared))
            {
                Directory.Delete(shared, recursive: true);
            }
        }
    }

    private static string Name(int i) => $"app{i:00}";

    /// <summary>A node's variables: the shared database and key ring (every node decrypts the stored secrets), a data
    /// directory of its own, and a cluster that notices a dead node within seconds.</summary>
    private static Dictionary<string, string> Environment(StateStore store, string shared, string node) => new(StringComparer.Ordinal)
    {
        ["HEADWATER_POSTGRES"] = store.Options.PostgresConnectionString!,
        ["HEADWATER_DATA_DIR"] = Path.Combine(shared, node),
        ["HEADWATER_KEYS"] = Path.Combine(shared, "keys"),
        ["HEADWATER_Cluster__CheckinInterval"] = "00:00:02",
        ["HEADWATER_Cluster__CheckinMisfireThreshold"] = "00:00:03",
        ["HEADWATER_Cluster__IdleWait"] = "00:00:01",
    };

    private static async Task CreateAsync(HttpClient admin, string name, UkgSimulator ukg, ScimSimulator app)
    {
        var yaml = $"""
            name: {name}
            ukg:
              baseUrl: {ukg.BaseUrl}
              username: {ukg.Options.UserName}
              password: ${"{"}UKG_PASSWORD{"}"}
              customerApiKey: ${"{"}UKG_CUSTOMER_API_KEY{"}"}
              timeZone: {ukg.Options.TimeZone}
            {Schedule}
            destinations:
              - name: app
                type: scim
                url: {app.BaseUrl}
                token: ${"{"}SCIM_TOKEN{"}"}
            """;
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["UKG_PASSWORD"] = ukg.Options.Password,
            ["UKG_CUSTOMER_API_KEY"] = ukg.Options.CustomerApiKey,
            ["SCIM_TOKEN"] = app.BearerToken,
        };
        var body = new JsonObject
        {
            ["configuration"] = JsonNode.Parse(IntegrationFile.WriteJson(IntegrationFile.ReadModel(yaml).Config)),
            ["values"] = JsonSerializer.SerializeToNode(values),
        };
        using var response = await admin.PutAsJsonAsync(new Uri($"/api/integrations/{name}", UriKind.Relative), body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Kills <paramref name="victim"/> (SIGKILL) once one of its runs has created some of its accounts but not
    /// all; the integration it was running.</summary>
    private static async Task<string> KillMidRunAsync(StateStore store, ServeNode victim, string victimId, List<ScimSimulator> apps)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (TimeProvider.System.GetUtcNow() < deadline && !victim.HasExited)
        {
            foreach (var (name, _) in (await RunsAsync(store)).Where(r => r.Run.Node == victimId && r.Run.Status == SyncRunStatus.Running))
            {
                var app = apps[int.Parse(name[3..], System.Globalization.CultureInfo.InvariantCulture)];
                if (app.UserCount is > 0 and < Employees)
                {
                    await victim.KillAsync();
                    return name;
                }
            }
            await Task.Delay(20);
        }
        Assert.Fail($"The node to kill ran nothing that could be killed midway within a minute:\n{victim.Errors}");
        return "";
    }

    /// <summary>Waits until <paramref name="done"/> holds for every run, then returns them.</summary>
    private static async Task<List<(string Name, IntegrationRun Run)>> WaitUntilAsync(StateStore store,
        Func<List<(string Name, IntegrationRun Run)>, bool> done, TimeSpan timeout, ServeNode node)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            var runs = await RunsAsync(store);
            if (done(runs))
            {
                return runs;
            }
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"Not done after {timeout}; runs:\n"
                + string.Join("\n", runs.Select(r => $"{r.Name} {r.Run.Id} {r.Run.Trigger} {r.Run.Status} {r.Run.Node} "
                    + $"{r.Run.QueuedAt:HH:mm:ss.fff} {r.Run.StartedAt:HH:mm:ss.fff} {r.Run.FinishedAt:HH:mm:ss.fff} {r.Run.Error}"))
                + $"\nThe survivor's log:\n{node.Errors}");
            await Task.Delay(250);
        }
    }

    private static async Task<List<(string Name, IntegrationRun Run)>> RunsAsync(StateStore store)
    {
        await using var db = Database(store);
        var runs = await db.IntegrationRuns.AsNoTracking()
            .Join(db.Integrations, r => r.IntegrationId, i => i.Id, (r, i) => new { i.Name, Run = r }).ToListAsync();
        return [.. runs.Select(r => (r.Name, r.Run))];
    }

    /// <summary>The cluster's nodes (Quartz scheduler instances) that have checked in, other than <paramref name="known"/>,
    /// waiting up to a minute for one.</summary>
    private static async Task<List<string>> NodesAsync(StateStore store, string[] known)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(1);
        while (true)
        {
            await using var db = Database(store);
            var nodes = await db.Database.SqlQueryRaw<string>("SELECT instance_name AS \"Value\" FROM qrtz_scheduler_state").ToListAsync();
            var others = nodes.Except(known).ToList();
            if (others.Count > 0)
            {
                return others;
            }
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "No new node checked in to the cluster within a minute.");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> PlanAsync(HttpClient admin, string name)
    {
        using var response = await admin.PostAsync(new Uri($"/api/integrations/{name}/plan", UriKind.Relative), null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static PostgresHeadwaterDb Database(StateStore store) =>
        new(new DbContextOptionsBuilder<PostgresHeadwaterDb>().UseNpgsql(store.Options.PostgresConnectionString).Options);
}
