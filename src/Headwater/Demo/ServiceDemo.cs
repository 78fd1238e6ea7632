using Headwater.Configuration;
using Headwater.Data;
using Headwater.Integrations;
using Headwater.Scheduling;
using Headwater.Simulator;
using Headwater.Simulator.Scim;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Demo;

/// <summary>
/// <c>headwater serve --demo</c>: a simulated UKG Pro tenant and SCIM application in the service's process, and an
/// integration named <c>demo</c> stored against them, which the service syncs at once (it has never run) and then on
/// its schedule. On a restart with the same data directory the simulators listen on new ports, so the integration is
/// updated to them. Disposing stops the simulators.
/// </summary>
public sealed class ServiceDemo : IAsyncDisposable
{
    public const string Name = "demo";

    private ServiceDemo(UkgSimulator ukg, ScimSimulator scim)
    {
        Ukg = ukg;
        Scim = scim;
    }

    public UkgSimulator Ukg { get; }
    public ScimSimulator Scim { get; }

    /// <summary>Starts the simulators and stores the <c>demo</c> integration in the started service.</summary>
    /// <param name="services">The started service's services.</param>
    /// <param name="log">Where to say where the simulators are (standard error: standard output is for a shell to eval).</param>
    /// <param name="employees">The simulated tenant's size.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<ServiceDemo> StartAsync(IServiceProvider services, TextWriter log, int employees,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(log);
        var ukg = await UkgSimulator.StartAsync(new SimulatorOptions { Employees = employees }, cancellationToken: cancellationToken);
        ScimSimulator? scim = null;
        try
        {
            scim = await ScimSimulator.StartAsync(new ScimSimulatorOptions(), cancellationToken: cancellationToken);
            var demo = new ServiceDemo(ukg, scim);
            await demo.StoreAsync(services, cancellationToken);
            await log.WriteLineAsync($"Demo: a simulated UKG Pro tenant ({employees:N0} employees) at {ukg.BaseUrl} and a SCIM " +
                $"application at {scim.BaseUrl}; the integration '{Name}' syncs from one to the other (GET /api/integrations/{Name}/runs).");
            await log.FlushAsync(cancellationToken);
            return demo;
        }
        catch
        {
            if (scim is not null)
            {
                await scim.DisposeAsync();
            }
            await ukg.DisposeAsync();
            throw;
        }
    }

    /// <summary>The integration, as a file would hold it; its secrets are stored as the values of its variables.</summary>
    private string Yaml() => $$"""
        name: {{Name}}
        ukg:
          baseUrl: {{Ukg.BaseUrl}}
          username: {{Ukg.Options.UserName}}
          password: ${DEMO_UKG_PASSWORD}
          customerApiKey: ${DEMO_UKG_CUSTOMER_API_KEY}
          timeZone: {{Ukg.Options.TimeZone}}
        destinations:
          - name: demo-app
            type: scim
            url: {{Scim.BaseUrl}}
            token: ${DEMO_SCIM_TOKEN}
        """;

    private async Task StoreAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DEMO_UKG_PASSWORD"] = Ukg.Options.Password,
            ["DEMO_UKG_CUSTOMER_API_KEY"] = Ukg.Options.CustomerApiKey,
            ["DEMO_SCIM_TOKEN"] = Scim.BearerToken,
        };
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        var source = IntegrationFile.ReadModel(Yaml(), "the demo integration");
        var planned = await StoredIntegrations.PlanAsync(db, [source], values.GetValueOrDefault, "the demo integration", cancellationToken);
        await StoredIntegrations.ApplyAsync(db, planned, services.GetRequiredService<TimeProvider>(), cancellationToken);
        var id = db.Integrations.Local.Single(i => i.Name == Name).Id;
        await services.GetRequiredService<IntegrationScheduler>().RescheduleAsync(id, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Scim.DisposeAsync();
        await Ukg.DisposeAsync();
    }
}
