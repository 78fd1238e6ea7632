using Headwater.Configuration;
using Headwater.Data;
using Headwater.Syncing;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Benchmarks;

/// <summary>
/// Syncs run as <c>headwater serve</c> runs them (IntegrationRunner): the database comes from one host's services, so
/// EF's model and compiled queries are built once for the process, and an integration's services are kept from one
/// run to the next until its settings change. A command-line sync builds both for its one run
/// (<see cref="SyncEngine.Run(Integration, SyncRequest, IProgress{SyncProgress}?, TimeProvider?, CancellationToken)"/>).
/// </summary>
internal sealed class ServiceSyncs(DataOptions data) : IAsyncDisposable
{
    private readonly ServiceProvider _host = new ServiceCollection().AddLogging().AddHeadwaterData(data).BuildServiceProvider();
    private readonly Dictionary<Integration, ServiceProvider> _services = [];

    public Task<SyncResult> Run(Integration integration, SyncRequest request, IProgress<SyncProgress> progress)
    {
        if (!_services.TryGetValue(integration, out var services))
        {
            _services[integration] = services = SyncServices.Build(integration.Ukg, destinations: integration.Destinations, configure: s =>
            {
                s.AddScoped(_ => _host.CreateScope());
                s.AddScoped<HeadwaterDb>(p => p.GetRequiredService<IServiceScope>().ServiceProvider.GetRequiredService<HeadwaterDb>());
            });
        }
        return SyncEngine.Run(services, integration, request, progress);
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
