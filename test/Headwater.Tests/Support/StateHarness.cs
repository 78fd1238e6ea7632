using Headwater.Configuration;
using Headwater.Syncing;
using Headwater.Connectors.Ukg;
using Headwater.Data;
using Headwater.Reading;
using Headwater.Simulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Tests.Support;

/// <summary>
/// A simulated UKG tenant, a fake clock and a state store, composed the way the CLI composes them
/// (<c>SyncServices.Build</c>). UKG's clock may be a separate fake clock, to move Headwater's day on alone.
/// </summary>
public sealed class StateHarness : IAsyncDisposable
{
    private StateHarness(UkgSimulator sim, FakeTimeProvider clock, StateStore store, ServiceProvider services)
    {
        Sim = sim;
        Clock = clock;
        Store = store;
        Services = services;
    }

    public UkgSimulator Sim { get; }
    public FakeTimeProvider Clock { get; }
    public StateStore Store { get; }
    public ServiceProvider Services { get; }

    public static SimulatorOptions Tenant(int employees = 300) => new() { Employees = employees, AsOf = TestClock.AsOf };

    public static async Task<StateHarness> StartAsync(StateStore store, SimulatorOptions? tenant = null, FakeTimeProvider? ukgClock = null)
    {
        await store.MigrateAsync();
        var clock = TestClock.Create();
        var sim = await UkgSimulator.StartAsync(tenant ?? Tenant(), ukgClock ?? clock);
        return new StateHarness(sim, clock, store, Build(sim, store.Options, clock));
    }

    /// <summary>The services for a simulator and a store. Retries are immediate: the fake clock does not move
    /// on its own, so a retry that waited would wait for ever.</summary>
    public static ServiceProvider Build(UkgSimulator sim, DataOptions data, TimeProvider time) => SyncServices.Build(
        new Settings(new UkgConnection(sim.BaseUrl, sim.Options.UserName, sim.Options.Password, sim.Options.CustomerApiKey, null,
            sim.Options.TimeZone), data, null),
        new UkgClientOptions { MaxRetries = 1, RetryDelay = TimeSpan.Zero },
        time);

    /// <summary>One read, as the CLI runs it; with a policy, a reader using that policy instead of the default.</summary>
    public async Task<ReadResult> Read(ReadMode mode, ReadPolicy? policy = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var read = policy is null
            ? scope.ServiceProvider.GetRequiredService<WorkerRead>()
            : new WorkerRead(scope.ServiceProvider.GetRequiredService<UkgReader>(), scope.ServiceProvider.GetRequiredService<HeadwaterDb>(), Clock, policy);
        return await read.Run(mode);
    }

    public async Task<List<WorkerRecord>> Workers()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HeadwaterDb>().Workers.AsNoTracking().OrderBy(w => w.Id).ToListAsync();
    }

    public async Task<WorkerRecord> Worker(string id)
    {
        await using var scope = Services.CreateAsyncScope();
        var worker = await scope.ServiceProvider.GetRequiredService<HeadwaterDb>().Workers.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id);
        Assert.True(worker is not null, $"Worker {id} is not stored.");
        return worker;
    }

    public async Task<List<ReadRun>> Runs()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HeadwaterDb>().ReadRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    /// <summary>How many people the tenant holds: distinct employee IDs over every company's rows.</summary>
    public int EmployeesInTenant() =>
        Sim.Tenant.Snapshot().ToArray().Select(r => r.EmployeeId).Distinct(StringComparer.OrdinalIgnoreCase).Count();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Sim.DisposeAsync();
        await Store.DisposeAsync();
    }
}
