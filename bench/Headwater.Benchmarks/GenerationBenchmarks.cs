using BenchmarkDotNet.Attributes;
using Headwater.Simulator.Generation;

namespace Headwater.Benchmarks;

/// <summary>Generating a tenant: time and allocations per tenant, a short job since each run takes seconds.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class GenerationBenchmarks
{
    [Params(100_000)]
    public int Employees { get; set; }

    [Benchmark]
    public TenantData Generate() => TenantGenerator.Generate(new GeneratorOptions(Employees, Fixture.Seed, Fixture.AsOf));
}
