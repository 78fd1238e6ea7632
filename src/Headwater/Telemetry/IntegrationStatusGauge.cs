using System.Diagnostics.Metrics;
using Headwater.Data;
using Headwater.Integrations;
using Headwater.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Headwater.Telemetry;

/// <summary>
/// <c>headwater.integrations</c>: how many integrations are in each status, worked out as the integrations list does it
/// (<see cref="IntegrationStatuses"/>). It is read from the database only when a collector collects (one set of three
/// queries per collection), and from the service's start, once the database is ready.
/// </summary>
internal sealed class IntegrationStatusGauge(IMeterFactory meters, IServiceScopeFactory scopes, IntegrationRunner runner) : IHostedService
{
    public const string InstrumentName = "headwater.integrations";

    private static readonly string[] Statuses =
    [
        IntegrationStatus.NotConnected, IntegrationStatus.Syncing, IntegrationStatus.Connected, IntegrationStatus.Error,
        IntegrationStatus.Paused,
    ];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The factory's meter goes with the container, so a stopped service is never observed.
        meters.Create(RunTelemetry.Name).CreateObservableGauge(InstrumentName, Observe, "{integration}", "Integrations by status");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<int>> Observe()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        // Collection is synchronous, on the exporter's own thread (or a flush), so waiting for the queries blocks no request.
        var statuses = IntegrationStatuses.ListAsync(db, runner.Progress, CancellationToken.None).GetAwaiter().GetResult();
        var counts = statuses.CountBy(s => s.Status.Status).ToDictionary();
        return [.. Statuses.Select(status => new Measurement<int>(counts.GetValueOrDefault(status), new KeyValuePair<string, object?>(
            "headwater.integration.status", status)))];
    }
}
