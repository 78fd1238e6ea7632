using Headwater.Configuration;
using Headwater.Connectors.Ukg;
using Headwater.Core.Destinations;
using Headwater.Data;
using Headwater.Reading;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Syncing;

/// <summary>The services one integration's commands and runs share: UKG, state, and each destination by name.</summary>
public static class SyncServices
{
    /// <summary>The services, with <paramref name="configure"/> adding anything more a host needs (its log providers).</summary>
    public static ServiceProvider Build(Settings settings, UkgClientOptions? client = null, TimeProvider? time = null,
        IReadOnlyList<DestinationSettings>? destinations = null, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var services = new ServiceCollection();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddLogging();
        services.AddUkg(settings.Connection, client);
        services.AddHeadwaterData(settings.Data);
        services.AddSingleton(new ReadPolicy { Options = new ReadOptions(Roles: settings.ReadRoles, Supervisors: false) });
        services.AddTransient<WorkerRead>();
        services.AddTransient<UkgCheck>();
        services.AddScoped<DestinationSignals>();
        foreach (var destination in destinations ?? [])
        {
            destination.Kind.Register(services, destination.Name, destination.Options);
        }
        configure?.Invoke(services);
        return services.BuildServiceProvider().Validated();
    }

    public static ServiceProvider Build(Integration integration, TimeProvider? time = null, UkgClientOptions? client = null)
    {
        ArgumentNullException.ThrowIfNull(integration);
        return Build(integration.Ukg, client, time, integration.Destinations);
    }
}
