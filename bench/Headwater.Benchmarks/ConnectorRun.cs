using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Headwater.Configuration;
using Headwater.Connectors.Ukg;
using Headwater.Data;
using Headwater.Reading;
using Headwater.Syncing;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Benchmarks;

/// <summary>
/// <c>connector [--employees N[,N...]] [--latency-ms 150] [--row-latency-ms 0.01]</c>: against a simulator in its own
/// process with that latency, measures (1) a full read and join of every worker, in a fresh child process so its
/// peak working set is the connector's alone, and (2) at the first size, an incremental read after 0.5% of the
/// workers were renamed, with the state in SQLite: time, UKG calls and changed workers.
/// </summary>
internal static class ConnectorRun
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = new List<int>();
        var latency = "150";
        var rowLatency = "0.01";
        string? phase = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--employees": sizes.AddRange(args[++i].Split(',').Select(s => int.Parse(s.Replace("_", "", StringComparison.Ordinal), Inv))); break;
                case "--latency-ms": latency = args[++i]; break;
                case "--row-latency-ms": rowLatency = args[++i]; break;
                case "--phase": phase = args[++i]; break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument {args[i]}");
                    return 2;
            }
        }
        if (phase is not null)
        {
            var figures = phase == "full" ? await MeasureFull() : await MeasureIncremental(sizes[0]);
            Console.WriteLine("RESULT " + string.Join(' ', figures.Select(f => $"{f.Key}={f.Value.ToString("R", Inv)}")));
            return 0;
        }
        if (sizes.Count == 0)
        {
            sizes.AddRange([100_000, 1_000_000]);
        }
        Console.WriteLine($"Simulator latency: {latency} ms per request + {rowLatency} ms per row. Load average before: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine();
        Console.WriteLine("| Workers | Full read + join | Peak working set | Managed heap after | UKG calls | Incremental read (0.5% changed) | Its UKG calls | Changed found |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (size, index) in sizes.Select((s, i) => (s, i)))
        {
            await using var simulator = await SimulatorProcess.StartAsync("--port", "0", "--employees", size.ToString(Inv), "--seed", "42",
                "--latency-ms", latency, "--row-latency-ms", rowLatency);
            var full = await Child("full", size, simulator.Environment);
            var incremental = index == 0 ? await Child("incremental", size, simulator.Environment) : null;
            var incrementalCells = incremental is null ? "– | – | – |"
                : FormattableString.Invariant($"{incremental["seconds"]:N2} s | {incremental["calls"]:N0} | {incremental["changed"]:N0} |");
            Console.WriteLine(FormattableString.Invariant(
                $"| {size:N0} | {full["seconds"]:N1} s | {full["peakMB"]:N0} MB | {full["heapMB"]:N0} MB | {full["calls"]:N0} | ") + incrementalCells);
        }
        Console.WriteLine($"Load average after: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return 0;
    }

    private static async Task<Dictionary<string, double>> MeasureFull()
    {
        var settings = Settings.Load(Environment.GetEnvironmentVariable);
        await using var services = new ServiceCollection().AddUkg(settings.Connection).BuildServiceProvider();
        var reader = services.GetRequiredService<UkgReader>();
        var stopwatch = Stopwatch.StartNew();
        var snapshot = await reader.ReadAll(new ReadOptions(Supervisors: false)); // as headwater reads
        var (sources, _) = WorkerSource.FromSnapshot(snapshot);
        var workers = new WorkerJoin(snapshot.Reference, settings.Connection.Zone, DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().DateTime)).JoinAll(sources);
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(workers);
        return new()
        {
            ["seconds"] = seconds,
            ["workers"] = workers.Count,
            ["calls"] = reader.Client.Calls,
            ["peakMB"] = Process.GetCurrentProcess().PeakWorkingSet64 / 1e6,
            ["heapMB"] = heap / 1e6,
        };
    }

    private static async Task<Dictionary<string, double>> MeasureIncremental(int employees)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("headwater-bench-").FullName;
        try
        {
            var settings = Settings.Load(Environment.GetEnvironmentVariable) with { Data = new DataOptions(dataDirectory, null) };
            await using var services = SyncServices.Build(settings);
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<WorkerRead>().Run(ReadMode.Full);
            }
            var changed = await RenameSome(settings.Connection.BaseUrl, employees / 200);
            await using var measured = services.CreateAsyncScope();
            var read = measured.ServiceProvider.GetRequiredService<WorkerRead>();
            var stopwatch = Stopwatch.StartNew();
            var result = await read.Run(ReadMode.Incremental);
            return new()
            {
                ["seconds"] = stopwatch.Elapsed.TotalSeconds,
                ["calls"] = result.Run.UkgCalls,
                ["changed"] = result.Run.Changed,
                ["renamed"] = changed,
            };
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>Renames every 200th employee through the simulator's admin API, as HR would in UKG.</summary>
    private static async Task<int> RenameSome(Uri baseUrl, int count)
    {
        using var http = new HttpClient { BaseAddress = baseUrl };
        var settings = Settings.Load(Environment.GetEnvironmentVariable);
        using var ukg = new HttpClient { BaseAddress = baseUrl };
        ukg.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{settings.Connection.UserName}:{settings.Connection.Password}")));
        ukg.DefaultRequestHeaders.Add(UkgClient.CustomerApiKeyHeader, settings.Connection.CustomerApiKey);
        var ids = new List<string>();
        await foreach (var row in new UkgClient(ukg, settings.Connection).ReadPages("/personnel/v1/employment-details", UkgJsonContext.Default.ListEmploymentRecord))
        {
            ids.Add(row.EmployeeId!);
        }
        var targets = ids.Distinct().Where((_, i) => i % 200 == 0).Take(count).ToList();
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            using var response = await http.PostAsJsonAsync($"/_sim/employees/{id}/name", new { firstName = "Renamed", lastName = "Person" + id }, ct);
            response.EnsureSuccessStatusCode();
        });
        return targets.Count;
    }

    private static async Task<Dictionary<string, double>> Child(string phase, int employees, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(ConnectorRun).Assembly.Location, "connector", "--phase", phase, "--employees", employees.ToString(Inv) })
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        await Console.Error.WriteLineAsync($"# {phase} {employees:N0} workers ...");
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The {phase} run exited {child.ExitCode} without a result:\n{output}");
        return line["RESULT ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => double.Parse(p[1], Inv));
    }
}
