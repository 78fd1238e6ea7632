using System.Diagnostics;
using Headwater.Simulator;
using Headwater.Simulator.Scim;
using static System.FormattableString;

namespace Headwater.Benchmarks;

/// <summary>
/// API reads while syncs run: the busy integrations (one larger tenant that answers each request after the latency,
/// each its own SCIM application) are stored, so their first syncs start at once; once they are syncing, the clients
/// share the reads, in turn the list, one integration and one integration's runs (of any integration). Every list
/// answer says how many busy integrations were still syncing, so the table shows the syncs the reads ran beside.
/// </summary>
internal sealed class BusyReads
{
    private static readonly string[] Paths =
        ["GET /api/integrations", "GET /api/integrations/{name}", "GET /api/integrations/{name}/runs"];

    private readonly List<(string Path, DateTimeOffset Start, TimeSpan Elapsed)> _reads = [];
    private readonly List<(DateTimeOffset Start, DateTimeOffset End)> _syncs = [];
    private readonly List<int> _syncing = [];
    private TimeSpan _readTime;
    private string _syncTimes = "";
    private string _load = "";

    public static async Task<BusyReads> MeasureAsync(BenchService service, IReadOnlyList<string> others, ServiceRun.Settings o)
    {
        var figures = new BusyReads();
        await using var ukg = await UkgSimulator.StartAsync(new SimulatorOptions { Employees = o.BusyEmployees, Faults = o.Faults });
        var scims = new List<ScimSimulator>();
        try
        {
            var busy = Enumerable.Range(1, o.Busy).Select(i => Invariant($"busy-{i:D2}")).ToList();
            await Console.Error.WriteLineAsync($"# reads while {o.Busy} integrations of {o.BusyEmployees} employees sync");
            foreach (var name in busy)
            {
                var scim = await ScimSimulator.StartAsync(new ScimSimulatorOptions());
                scims.Add(scim);
                await service.PutAsync(name, ukg, scim);
            }
            var wait = Stopwatch.StartNew();
            while (wait.Elapsed < TimeSpan.FromSeconds(30) && (await service.StatusesAsync()).Count(s => s.Value == "Syncing") < o.Busy)
            {
                await Task.Delay(250);
            }
            var names = others.Concat(busy).ToList();
            var next = -1;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, o.Clients).Select(async client =>
            {
                var random = new Random(client);
                int i;
                while ((i = Interlocked.Increment(ref next)) < o.Reads)
                {
                    await figures.ReadAsync(service, i % 3, names[random.Next(names.Count)], busy);
                }
            }));
            figures._readTime = clock.Elapsed;
            figures._load = ServiceRun.LoadLine();
            await service.WaitForFirstRunsAsync(busy, TimeSpan.FromMinutes(60));
            var seconds = new List<double>();
            foreach (var name in busy)
            {
                var runs = await service.GetAsync($"/api/integrations/{name}/runs");
                var first = runs.EnumerateArray().Last();
                seconds.Add(first.GetProperty("seconds").GetDouble());
                figures._syncs.Add((first.GetProperty("startedAt").GetDateTimeOffset(), first.GetProperty("finishedAt").GetDateTimeOffset()));
            }
            figures._syncTimes = Invariant($"{seconds.Min():F0}–{seconds.Max():F0} s");
        }
        finally
        {
            foreach (var scim in scims)
            {
                await scim.DisposeAsync();
            }
        }
        return figures;
    }

    private async Task ReadAsync(BenchService service, int kind, string name, IReadOnlyList<string> busy)
    {
        var start = TimeProvider.System.GetUtcNow();
        var clock = Stopwatch.StartNew();
        switch (kind)
        {
            case 0:
                var statuses = await service.StatusesAsync();
                lock (_syncing)
                {
                    _syncing.Add(busy.Count(b => statuses[b] == "Syncing"));
                }
                Record(0, start, clock.Elapsed);
                break;
            case 1:
                await service.GetAsync($"/api/integrations/{name}");
                Record(1, start, clock.Elapsed);
                break;
            default:
                await service.GetAsync($"/api/integrations/{name}/runs");
                Record(2, start, clock.Elapsed);
                break;
        }
    }

    private void Record(int kind, DateTimeOffset start, TimeSpan elapsed)
    {
        lock (_reads)
        {
            _reads.Add((Paths[kind], start, elapsed));
        }
    }

    /// <summary>How many busy syncs were running when a read started, from the runs' own start and finish.</summary>
    private int Running(DateTimeOffset at) => _syncs.Count(s => s.Start <= at && at < s.End);

    public void Print(ServiceRun.Settings o)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant($"### API reads while {o.Busy} integrations of {o.BusyEmployees:N0} employees sync ") +
            Invariant($"({o.Reads} reads, {o.Clients} clients, UKG answers after {o.LatencyMs} ms)"));
        Console.WriteLine();
        Console.WriteLine(Invariant($"Reads took {_readTime.TotalSeconds:F1} s; busy integrations syncing as the list answered: ") +
            Invariant($"{_syncing.Min()}–{_syncing.Max()} (first and last: {_syncing[0]}, {_syncing[^1]}); ") +
            Invariant($"/proc/loadavg after the reads: {_load}. The busy first syncs took {_syncTimes} each."));
        Console.WriteLine();
        Console.WriteLine("| Read | Busy syncs running as it started | Count | p50 | p95 | max |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        var groups = new (string Label, Func<int, bool> Running)[]
        {
            (Invariant($"all {o.Busy}"), n => n == o.Busy), ("some", n => n > 0 && n < o.Busy), ("none", n => n == 0),
        };
        foreach (var (label, running) in groups)
        {
            foreach (var path in Paths.Append("All"))
            {
                var latencies = new Latencies();
                foreach (var read in _reads.Where(r => (path == "All" || r.Path == path) && running(Running(r.Start))))
                {
                    latencies.Add(read.Elapsed);
                }
                if (latencies.Count > 0)
                {
                    Console.WriteLine(Invariant($"| {path} | {label} | {latencies.Count} | {latencies.Cells(ServiceRun.Ms)} |"));
                }
            }
        }
    }
}
