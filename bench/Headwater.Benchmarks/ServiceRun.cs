using System.Diagnostics;
using System.Globalization;
using Headwater.Simulator;
using Headwater.Simulator.Faults;
using Headwater.Simulator.Scim;
using static System.FormattableString;

namespace Headwater.Benchmarks;

/// <summary>
/// <c>service [--integrations 500] [--employees 20] [--idle-seconds 60] [--worker-employees 200] [--worker-syncs 10]
/// [--busy 10] [--busy-employees 2000] [--reads 1000] [--clients 4] [--latency-ms 150]</c>: <c>headwater serve</c> in this
/// process (<see cref="BenchService"/>) with many stored integrations. First the integrations, all against one small
/// simulated tenant and one SCIM application: the time to store them, the time until every first run has finished, and
/// then the CPU and memory the process uses while they sit idle on their schedules. Then one-employee syncs against a
/// tenant that answers each request after the latency. Last, reads of the API while the busy integrations (each its
/// own SCIM application, all one larger slow tenant) run their first syncs.
/// </summary>
internal static class ServiceRun
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

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
                case "--idle-seconds": o = o with { IdleSeconds = value }; break;
                case "--worker-employees": o = o with { WorkerEmployees = value }; break;
                case "--worker-syncs": o = o with { WorkerSyncs = value }; break;
                case "--busy": o = o with { Busy = value }; break;
                case "--busy-employees": o = o with { BusyEmployees = value }; break;
                case "--reads": o = o with { Reads = value }; break;
                case "--clients": o = o with { Clients = value }; break;
                case "--latency-ms": o = o with { LatencyMs = value }; break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument {args[i - 1]}");
                    return 2;
            }
        }
        Console.WriteLine($"{Machine.Describe()}, {Memory()}. /proc/loadavg at start: {LoadLine()}.");
        await using var small = await UkgSimulator.StartAsync(new SimulatorOptions { Employees = o.Employees });
        await using var smallScim = await ScimSimulator.StartAsync(new ScimSimulatorOptions());
        await using var service = await BenchService.StartAsync();
        using var ukgCalls = new UkgCallCounter();
        var empty = Footprint.Take();

        await Console.Error.WriteLineAsync($"# storing {o.Integrations} integrations");
        var names = Enumerable.Range(1, o.Integrations).Select(i => Invariant($"tenant-{i:D4}")).ToList();
        var puts = new Latencies();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (name, _) => puts.Add(await service.PutAsync(name, small, smallScim)));
        var stored = clock.Elapsed;
        await Console.Error.WriteLineAsync("# waiting for every first run");
        await service.WaitForFirstRunsAsync(names, TimeSpan.FromMinutes(30));
        var firstRuns = clock.Elapsed;
        var outcomes = string.Join(", ", (await service.StatusesAsync()).Values.CountBy(s => s).Select(c => $"{c.Value} {c.Key}"));

        await Console.Error.WriteLineAsync($"# idle for {o.IdleSeconds} s");
        var settled = Footprint.Take();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var idleClock = Stopwatch.StartNew();
        // In halves: the first can still hold the runs' tail (tiered JIT, background GC); the second is the steady state.
        await Task.Delay(TimeSpan.FromSeconds(o.IdleSeconds / 2.0));
        process.Refresh();
        var firstHalfCpu = process.TotalProcessorTime - cpuBefore;
        var firstHalf = idleClock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(o.IdleSeconds / 2.0));
        process.Refresh();
        var idleCpu = process.TotalProcessorTime - cpuBefore - firstHalfCpu;
        var idleWall = idleClock.Elapsed - firstHalf;
        var idle = Footprint.Take();
        var loadAfterIdle = LoadLine();

        var worker = await WorkerSyncs.MeasureAsync(service, ukgCalls, o);
        var reads = await BusyReads.MeasureAsync(service, names, o);

        Console.WriteLine();
        Console.WriteLine(Invariant($"### {o.Integrations} integrations ({o.Employees} employees each, one shared tenant and SCIM application)"));
        Console.WriteLine();
        Console.WriteLine("| Measure | Figure |");
        Console.WriteLine("|---|---:|");
        Row("Store all (PUT, 4 clients)", Invariant($"{stored.TotalSeconds:F1} s"));
        Row("PUT p50 / p95 / max", puts.Cells(Ms).Replace(" | ", " / ", StringComparison.Ordinal));
        Row("From the first PUT until every first run had finished", Invariant($"{firstRuns.TotalSeconds:F1} s"));
        Row("Statuses after the first runs", outcomes);
        Row(Invariant($"Idle CPU, first {firstHalf.TotalSeconds:F0} s after the runs (whole process)"),
            Invariant($"{firstHalfCpu.TotalMilliseconds:F0} ms ({firstHalfCpu / firstHalf:P2} of one core)"));
        Row(Invariant($"Idle CPU, the next {idleWall.TotalSeconds:F0} s (whole process)"),
            Invariant($"{idleCpu.TotalMilliseconds:F0} ms ({idleCpu / idleWall:P2} of one core)"));
        Row("Idle CPU per integration, the second half", Invariant($"{idleCpu.TotalMilliseconds * 1000 / idleWall.TotalSeconds / o.Integrations:F1} µs/s"));
        Row("Working set: no integrations → settled → after idle", Invariant($"{Mb(empty.WorkingSet)} → {Mb(settled.WorkingSet)} → {Mb(idle.WorkingSet)}"));
        Row("GC heap after a full collection: same three", Invariant($"{Mb(empty.Heap)} → {Mb(settled.Heap)} → {Mb(idle.Heap)}"));
        Row("Per integration (settled − none) / count, working set · heap",
            Invariant($"{(settled.WorkingSet - empty.WorkingSet) / 1024.0 / o.Integrations:F0} KiB · ") +
            Invariant($"{(settled.Heap - empty.Heap) / 1024.0 / o.Integrations:F0} KiB"));
        Row("Per integration (after idle − none) / count, working set · heap",
            Invariant($"{(idle.WorkingSet - empty.WorkingSet) / 1024.0 / o.Integrations:F0} KiB · ") +
            Invariant($"{(idle.Heap - empty.Heap) / 1024.0 / o.Integrations:F0} KiB"));
        Row("/proc/loadavg after idle", loadAfterIdle);
        worker.Print(o);
        reads.Print(o);
        Console.WriteLine();
        Console.WriteLine($"/proc/loadavg at the end: {LoadLine()}.");
        return 0;
    }

    internal static void Row(string measure, string figure) => Console.WriteLine($"| {measure} | {figure} |");

    internal static string Ms(double ms) => Invariant($"{ms:F0} ms");

    private static string Mb(long bytes) => Invariant($"{bytes / 1024.0 / 1024:F0} MiB");

    internal static string LoadLine() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string Memory()
    {
        var total = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Inv);
        return Invariant($"{kib / 1024.0 / 1024:F1} GiB memory");
    }

    /// <summary>The whole process (service, simulators, clients): working set and the live GC heap after a full collection.</summary>
    private sealed record Footprint(long WorkingSet, long Heap)
    {
        public static Footprint Take()
        {
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            return new Footprint(process.WorkingSet64, heap);
        }
    }

    internal sealed record Settings
    {
        public int Integrations { get; init; } = 500;
        public int Employees { get; init; } = 20;
        public int IdleSeconds { get; init; } = 60;
        public int WorkerEmployees { get; init; } = 200;
        public int WorkerSyncs { get; init; } = 10;
        public int Busy { get; init; } = 10;
        public int BusyEmployees { get; init; } = 2000;
        public int Reads { get; init; } = 1000;
        public int Clients { get; init; } = 4;
        public int LatencyMs { get; init; } = 150;

        public FaultSettings Faults => new() { Latency = TimeSpan.FromMilliseconds(LatencyMs) };
    }
}
