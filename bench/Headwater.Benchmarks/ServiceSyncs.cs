using Headwater.Configuration;
using Headwater.Data;
using Headwater.Syncing;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Benchmarks;

/// <summary>
/// Syncs run as <c>headwater serve</c> runs them (IntegrationRunner): every integration's state is in one database
/// from one host's services, told apart by the integration's id, so EF's model and compiled queries are built once
/// for the process; and an integration's services are kept from one run to the next until its settings change. A
/// command-line sync builds both for its one run
/// (<see cref="SyncEngine.Run(Integration, SyncRequest, IProgress{SyncProgress}?, TimeProvider?, CancellationToken)"/>).
/// </summary>
internal sealed class ServiceSyncs(DataOptions data) : IAsyncDisposable
{
    private readonly ServiceProvider _host = new ServiceCollection().AddLogging().AddHeadwaterData(data).BuildServiceProvider();
    private readonly Dictionary<Integration, ServiceProvider> _services = [];

    /// <summary>Works on integration <paramref name="id"/>'s state, as the service's database gives it.</summary>
    public async Task Use(int id, Func<HeadwaterDb, Task> work)
    {
        await using var scope = _host.CreateAsyncScope();
        await work(Database(scope.ServiceProvider, id));
    }

    public Task<SyncResult> Run(int id, Integration integration, SyncRequest request, IProgress<SyncProgress> progress)
    {
        if (!_services.TryGetValue(integration, out var services))
        {
            _services[integration] = services = SyncServices.Build(integration.Ukg, destinations: integration.Destinations, configure: s =>
            {
                s.AddScoped(_ => _host.CreateScope());
                s.AddScoped(p => Database(p.GetRequiredService<IServiceScope>().ServiceProvider, id));
            });
        }
        return SyncEngine.Run(services, integration, request, progress);
    }

    private static HeadwaterDb Database(IServiceProvider host, int id)
    {
        var db = host.GetRequiredService<HeadwaterDb>();
        db.IntegrationId = id;
        return db;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var services in _services.Values)
        {
            await services.DisposeAsync();
        }
        await _host.DisposeAsync();
    }
}
