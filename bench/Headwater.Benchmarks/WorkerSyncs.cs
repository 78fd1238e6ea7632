using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Headwater.Simulator;
using Headwater.Simulator.Scim;
using static System.FormattableString;

namespace Headwater.Benchmarks;

/// <summary>
/// One-employee syncs (<c>POST /api/integrations/{name}/workers/{id}/sync</c>) against a tenant that answers each
/// request after the latency, once the integration's first full sync has finished; every other one of the employees
/// is renamed in UKG first, so half the runs update an account and half find nothing to do. Each is timed from the
/// request to its answer (which waits for the run), and its UKG calls are counted (nothing else runs meanwhile).
/// </summary>
internal sealed class WorkerSyncs
{
    private const string Name = "one-employee";

    private readonly Latencies _wall = new();
    private readonly List<(string Id, bool Renamed, double Ms, string Status, long UkgCalls, string Counts)> _runs = [];
    private TimeSpan _firstSync;

    public static async Task<WorkerSyncs> MeasureAsync(BenchService service, UkgCallCounter ukgCalls, ServiceRun.Settings o)
    {
        var figures = new WorkerSyncs();
        await using var ukg = await UkgSimulator.StartAsync(new SimulatorOptions { Employees = o.WorkerEmployees, Faults = o.Faults });
        await using var scim = await ScimSimulator.StartAsync(new ScimSimulatorOptions());
        await Console.Error.WriteLineAsync($"# one-employee syncs: first sync of {o.WorkerEmployees} employees");
        var clock = Stopwatch.StartNew();
        await service.PutAsync(Name, ukg, scim);
        await service.WaitForFirstRunsAsync([Name], TimeSpan.FromMinutes(30));
        figures._firstSync = clock.Elapsed;

        var ids = ukg.Tenant.Snapshot().ToArray().Select(r => r.EmployeeId).Distinct(StringComparer.Ordinal).Take(o.WorkerSyncs).ToList();
        using var admin = new HttpClient { BaseAddress = ukg.BaseUrl };
        for (var i = 0; i < ids.Count; i++)
        {
            var renamed = false;
            if (i % 2 == 0)
            {
                using var rename = await admin.PostAsJsonAsync($"/_sim/employees/{ids[i]}/name", new { firstName = Invariant($"Renamed{i}") });
                renamed = rename.IsSuccessStatusCode;
            }
            var before = ukgCalls.Calls;
            clock.Restart();
            using var response = await service.Admin.PostAsync($"/api/integrations/{Name}/workers/{ids[i]}/sync", content: null);
            var elapsed = clock.Elapsed;
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var status = response.StatusCode == HttpStatusCode.OK ? body.GetProperty("status").GetString()! : $"HTTP {(int)response.StatusCode}";
            var counts = response.StatusCode == HttpStatusCode.OK ? Counts(body.GetProperty("counts")) : "";
            figures._wall.Add(elapsed);
            figures._runs.Add((ids[i], renamed, elapsed.TotalMilliseconds, status, ukgCalls.Calls - before, counts));
        }
        return figures;
    }

    private static string Counts(JsonElement counts) => string.Join(", ", counts.EnumerateObject()
        .Where(p => p.Value.GetInt32() > 0).Select(p => $"{p.Value.GetInt32()} {p.Name}"));

    public void Print(ServiceRun.Settings o)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant($"### One-employee sync ({o.WorkerEmployees} employees, UKG answers after {o.LatencyMs} ms)"));
        Console.WriteLine();
        Console.WriteLine(Invariant($"First full sync (PUT until finished): {_firstSync.TotalSeconds:F1} s. ") +
            Invariant($"One-employee syncs, wall time p50 | p95 | max: {_wall.Cells(ServiceRun.Ms)}."));
        Console.WriteLine();
        Console.WriteLine("| Employee | Renamed first | Wall time | Status | UKG calls | Counts |");
        Console.WriteLine("|---|---|---:|---|---:|---|");
        foreach (var r in _runs)
        {
            Console.WriteLine(Invariant($"| {r.Id} | {(r.Renamed ? "yes" : "no")} | {r.Ms:F0} ms | {r.Status} | {r.UkgCalls} | {r.Counts} |"));
        }
    }
}
