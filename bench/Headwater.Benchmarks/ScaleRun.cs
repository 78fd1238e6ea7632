using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Headwater.Simulator;
using Headwater.Simulator.Generation;

namespace Headwater.Benchmarks;

/// <summary>
/// <c>scale [--employees N[,N...]] [--server-gc]</c>: for each size, generates a tenant and then serves one and reads all
/// of its employment details in pages of 10,000, and prints the figures as a markdown table. Each measurement runs
/// in a fresh child process (<c>--phase generate|serve</c>) so its peak working set is its own.
/// </summary>
internal static class ScaleRun
{
    private const double MB = 1024 * 1024;
    private static readonly int[] DefaultSizes = [100_000, 1_000_000];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = new List<int>();
        string? phase = null;
        var serverGc = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--employees":
                    sizes.AddRange(args[++i].Split(',').Select(s => int.Parse(s.Replace("_", "", StringComparison.Ordinal), Inv)));
                    break;
                case "--phase":
                    phase = args[++i];
                    break;
                case "--server-gc":
                    serverGc = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown argument {args[i]}; usage: scale [--employees N[,N...]] [--server-gc]");
                    return 2;
            }
        }
        if (sizes.Count == 0)
        {
            sizes.AddRange(DefaultSizes);
        }
        if (phase is not null)
        {
            var figures = phase == "generate" ? MeasureGeneration(sizes[0]) : await MeasureServingAsync(sizes[0]);
            Console.WriteLine("RESULT " + string.Join(' ', figures.Select(f => $"{f.Key}={f.Value.ToString("R", Inv)}")));
            return 0;
        }

        var loadBefore = LoadAverage();
        var results = new List<(int Employees, Dictionary<string, double> Generate, Dictionary<string, double> Serve)>();
        foreach (var size in sizes)
        {
            var generate = await RunChildAsync(size, "generate", serverGc);
            var serve = await RunChildAsync(size, "serve", serverGc);
            results.Add((size, generate, serve));
        }
        Console.WriteLine($"Load average (1 min) before: {loadBefore}, after: {LoadAverage()}");
        PrintTables(results);
        return 0;
    }

    private static Dictionary<string, double> MeasureGeneration(int employees)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        var data = TenantGenerator.Generate(new GeneratorOptions(employees, Fixture.Seed, Fixture.AsOf));
        var elapsed = stopwatch.Elapsed;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;
        GC.KeepAlive(data);
        return new()
        {
            ["rows"] = data.Rows.Count,
            ["seconds"] = elapsed.TotalSeconds,
            ["retainedBytes"] = retained,
            ["allocatedBytes"] = allocated,
            ["peakWorkingSet"] = PeakWorkingSet(),
        };
    }

    private static async Task<Dictionary<string, double>> MeasureServingAsync(int employees)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var stopwatch = Stopwatch.StartNew();
        await using var simulator = await UkgSimulator.StartAsync(new SimulatorOptions
        {
            Employees = employees,
            Seed = Fixture.Seed,
            AsOf = Fixture.AsOf,
        });
        var start = stopwatch.Elapsed;
        var afterStart = GC.GetTotalMemory(forceFullCollection: true) - baseline;

        using var reader = new PageReader(simulator);
        var cold = await ReadAllTimedAsync(reader);
        var warm = await ReadAllTimedAsync(reader);
        var heapAsItStands = GC.GetTotalMemory(forceFullCollection: false);
        var heapAfterRead = GC.GetTotalMemory(forceFullCollection: true);
        return new()
        {
            ["startSeconds"] = start.TotalSeconds,
            ["tenantBytes"] = afterStart,
            ["rows"] = cold["rows"],
            ["requests"] = cold["requests"],
            ["bytes"] = cold["bytes"],
            ["readSeconds"] = cold["seconds"],
            ["firstPageSeconds"] = cold["firstPageSeconds"],
            ["lastFullPageSeconds"] = cold["lastFullPageSeconds"],
            ["readCpuSeconds"] = cold["cpuSeconds"],
            ["readAllocatedBytes"] = cold["allocatedBytes"],
            ["warmReadSeconds"] = warm["seconds"],
            ["warmFirstPageSeconds"] = warm["firstPageSeconds"],
            ["warmLastFullPageSeconds"] = warm["lastFullPageSeconds"],
            ["warmReadCpuSeconds"] = warm["cpuSeconds"],
            ["heapAsItStandsBytes"] = heapAsItStands,
            ["heapAfterReadBytes"] = heapAfterRead,
            ["peakWorkingSet"] = PeakWorkingSet(),
            ["serverGc"] = GCSettings.IsServerGC ? 1 : 0,
        };
    }

    /// <summary>Reads every page once, timing the whole read and its first and last full pages.</summary>
    private static async Task<Dictionary<string, double>> ReadAllTimedAsync(PageReader reader)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        long rows = 0, bytes = 0;
        var requests = 0;
        TimeSpan firstPage = default, lastFullPage = default;
        var stopwatch = Stopwatch.StartNew();
        for (var page = 1; ; page++)
        {
            var pageStart = stopwatch.Elapsed;
            var (count, body) = await reader.ReadPageAsync(page, Fixture.PageSize);
            var took = stopwatch.Elapsed - pageStart;
            requests++;
            rows += count;
            bytes += body;
            firstPage = page == 1 ? took : firstPage;
            lastFullPage = count == Fixture.PageSize ? took : lastFullPage;
            if (count == 0)
            {
                break;
            }
        }
        var elapsed = stopwatch.Elapsed;
        process.Refresh();
        return new()
        {
            ["rows"] = rows,
            ["requests"] = requests,
            ["bytes"] = bytes,
            ["seconds"] = elapsed.TotalSeconds,
            ["firstPageSeconds"] = firstPage.TotalSeconds,
            ["lastFullPageSeconds"] = lastFullPage.TotalSeconds,
            ["cpuSeconds"] = (process.TotalProcessorTime - cpu).TotalSeconds,
            ["allocatedBytes"] = GC.GetTotalAllocatedBytes(precise: true) - allocated,
        };
    }

    private static double PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>Runs this executable again for one measurement and parses the RESULT line it prints.</summary>
    private static async Task<Dictionary<string, double>> RunChildAsync(int employees, string phase, bool serverGc)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ScaleRun).Assembly.Location);
        }
        foreach (var arg in new[] { "scale", "--employees", employees.ToString(Inv), "--phase", phase })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["DOTNET_gcServer"] = serverGc ? "1" : "0";
        await Console.Error.WriteLineAsync($"# {phase} {employees:N0} employees ...");
        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The {phase} run for {employees} employees exited {child.ExitCode} without a result:\n{output}");
        return line["RESULT ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => double.Parse(pair[1], Inv));
    }

    /// <summary>The 1-minute load average where the OS reports one: anything well above 0 means a shared CPU.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static void PrintTables(List<(int Employees, Dictionary<string, double> Generate, Dictionary<string, double> Serve)> results)
    {
        var serverGc = results.All(r => r.Serve["serverGc"] == 1);
        Console.WriteLine($"GC: {(serverGc ? "server" : "workstation")}; processors: {Environment.ProcessorCount}; page size {Fixture.PageSize:N0}; as of {Fixture.AsOf:yyyy-MM-dd}");
        Console.WriteLine();
        Console.WriteLine("| Employees | Rows | Generate | Retained after generating | Peak working set, generating | Start simulator | Read all pages, first | Rows/s, first | Read all pages, again | Rows/s, again | Requests | Peak working set, serving | Managed heap after reads |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (employees, g, s) in results)
        {
            Console.WriteLine(string.Create(Inv,
                $"| {employees:N0} | {s["rows"]:N0} | {g["seconds"]:F2} s | {g["retainedBytes"] / MB:N0} MB | {g["peakWorkingSet"] / MB:N0} MB " +
                $"| {s["startSeconds"]:F2} s | {s["readSeconds"]:F2} s | {s["rows"] / s["readSeconds"]:N0} " +
                $"| {s["warmReadSeconds"]:F2} s | {s["rows"] / s["warmReadSeconds"]:N0} | {s["requests"]:N0} " +
                $"| {s["peakWorkingSet"] / MB:N0} MB | {s["heapAfterReadBytes"] / MB:N0} MB |"));
        }
        Console.WriteLine();
        Console.WriteLine("| Employees | Allocated generating | Tenant heap after start | Body bytes per read | First page | Last full page | CPU, first read | Allocated, first read | First page, again | Last full page, again | CPU, read again | Heap before final GC |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (employees, g, s) in results)
        {
            Console.WriteLine(string.Create(Inv,
                $"| {employees:N0} | {g["allocatedBytes"] / MB:N0} MB | {s["tenantBytes"] / MB:N0} MB | {s["bytes"] / MB:N0} MB | {Ms(s["firstPageSeconds"])} " +
                $"| {Ms(s["lastFullPageSeconds"])} | {s["readCpuSeconds"]:F2} s | {s["readAllocatedBytes"] / MB:N0} MB " +
                $"| {Ms(s["warmFirstPageSeconds"])} | {Ms(s["warmLastFullPageSeconds"])} | {s["warmReadCpuSeconds"]:F2} s " +
                $"| {s["heapAsItStandsBytes"] / MB:N0} MB |"));
        }
    }

    /// <summary>Milliseconds, or a dash for a page that never happened (a tenant smaller than one page).</summary>
    private static string Ms(double seconds) => seconds > 0 ? string.Create(Inv, $"{seconds * 1000:N0} ms") : "–";
}
