using Headwater.Configuration;
using Headwater.Connectors.Scim;
using Headwater.Connectors.Ukg;
using Headwater.Data;
using Headwater.Reading;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Cli;

/// <summary>The composition every command shares.</summary>
public static class Services
{
    public static ServiceProvider Build(Settings settings, UkgClientOptions? client = null, TimeProvider? time = null, IReadOnlyList<DestinationSettings>? destinations = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddUkg(settings.Connection, client);
        services.AddHeadwaterData(settings.Data);
        services.AddSingleton(new ReadPolicy { Options = new ReadOptions(Roles: settings.ReadRoles, Supervisors: false) });
        services.AddTransient<WorkerRead>();
        services.AddTransient<UkgCheck>();
        foreach (var destination in destinations ?? [])
        {
            services.AddScim(destination.Name, destination.Scim);
        }
        return services.BuildServiceProvider();
    }
}
