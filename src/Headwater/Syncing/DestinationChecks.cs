using Headwater.Configuration;
using Headwater.Core.Destinations;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Syncing;

/// <summary>Tests one destination of an integration as a sync would build it, changing nothing in it.</summary>
public static class DestinationChecks
{
    /// <summary>The result for destination <paramref name="name"/>; null when the integration has no such destination.</summary>
    public static async Task<DestinationCheckResult?> RunAsync(Integration integration, string name, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integration);
        if (!integration.Destinations.Any(d => d.Name == name))
        {
            return null;
        }
        await using var services = SyncServices.Build(integration, time);
        await using var scope = services.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredKeyedService<IDestination>(name) is IDestinationCheck destination
            ? await destination.Check(cancellationToken)
            : DestinationCheckResult.Fail("This kind of destination has no test.", "Run a preview: it reads the destination as a sync does.");
    }
}
