using BenchmarkDotNet.Attributes;
using Headwater.Simulator;

namespace Headwater.Benchmarks;

/// <summary>
/// Reading employment details from an in-process simulator over loopback: one page of 10,000, and every page of a
/// 100,000-employee tenant. Allocations count both the client and the server, which share the process.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ReadBenchmarks
{
    private UkgSimulator _simulator = null!;
    private PageReader _reader = null!;

    [Params(100_000)]
    public int Employees { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _simulator = await UkgSimulator.StartAsync(new SimulatorOptions { Employees = Employees, Seed = Fixture.Seed, AsOf = Fixture.AsOf });
        _reader = new PageReader(_simulator);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _reader.Dispose();
        await _simulator.DisposeAsync();
    }

    [Benchmark]
    public async Task<int> FirstPage() => (await _reader.ReadPageAsync(1, Fixture.PageSize)).Rows;

    [Benchmark]
    public async Task<long> AllPages() => (await _reader.ReadAllAsync(Fixture.PageSize)).Rows;
}
