using BenchmarkDotNet.Attributes;
using Headwater.Connectors.Scim;
using Headwater.Core.Mapping;
using Headwater.Core.Workers;
using Headwater.Data;
using Headwater.Syncing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Benchmarks;

/// <summary>
/// Loading a sync's stored workers: <see cref="StoredState.Workers"/> over 10,000 workers stored in SQLite as a full
/// read leaves them (about a hundred fields of JSON each), read and decoded, as every plan starts. The setup checks
/// that every worker comes back with its values, so a load that decodes nothing fails rather than looking fast.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class StoredWorkersBenchmarks
{
    private string _directory = null!;
    private ServiceProvider _services = null!;

    [Params(10_000)]
    public int Workers { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("headwater-stored-").FullName;
        _services = new ServiceCollection().AddSingleton(TimeProvider.System).AddHeadwaterData(new DataOptions(_directory, null))
            .BuildServiceProvider();
        var workers = Workforce.Build(Workers);
        await using (var scope = _services.CreateAsyncScope())
        {
            // Stored as a full read leaves them; the mapper is not used to store them.
            await new ApplyScenario(Mapper.Create(ScimMapping.Defaults), [], workers, [])
                .Seed(scope.ServiceProvider.GetRequiredService<HeadwaterDb>());
        }
        var loaded = (await LoadWorkers()).ToDictionary(w => w.Id);
        foreach (var worker in workers)
        {
            // Stored JSON leaves out null values, so those are not compared.
            if (!loaded.TryGetValue(worker.Id, out var back) || !Values(back).SequenceEqual(Values(worker)))
            {
                throw new InvalidOperationException($"Worker {worker.Id} did not come back as it was stored.");
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, string?>> Values(Worker worker) =>
        WorkerAttributes.Of(worker).Where(a => a.Value is not null);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task<int> Load() => (await LoadWorkers()).Count;

    private async Task<List<Worker>> LoadWorkers()
    {
        await using var scope = _services.CreateAsyncScope();
        return await StoredState.Workers(scope.ServiceProvider.GetRequiredService<HeadwaterDb>(), CancellationToken.None);
    }
}
