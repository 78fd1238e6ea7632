using Headwater.Configuration;
using Headwater.Data;
using Headwater.Integrations;
using Headwater.Notifications;
using Headwater.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Headwater.Events;

/// <summary>
/// <c>headwater serve</c>'s delivery worker: every <see cref="EventDeliveryOptions.PollInterval"/>, each stored
/// integration with pending events has those that are due delivered, on the integration's own services (the webhook
/// destinations its runs use). A round that fails is logged and the next one tries again; the events wait in the
/// outbox meanwhile, so a restart loses nothing.
/// </summary>
public sealed class EventDeliveryService(IServiceProvider host, IntegrationRunner runner, TimeProvider time, IConfiguration configuration,
    ILogger<EventDeliveryService> logger) : BackgroundService
{
    private readonly EventDeliveryOptions _options = IntegrationEvents.Options(name => configuration[name]);
    private readonly SmtpSettings? _smtp = SmtpSettings.Read(configuration);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, time);
        do
        {
            foreach (var id in await WithPendingEvents(stoppingToken))
            {
                try
                {
                    await DeliverAsync(id, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    Log.RoundFailed(logger, e, id);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>The integrations whose outbox holds pending events.</summary>
    private async Task<List<int>> WithPendingEvents(CancellationToken cancellationToken)
    {
        await using var scope = host.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        await db.PrepareAsync(cancellationToken);
        return await db.Events.IgnoreQueryFilters().Where(e => e.Status == EventStatus.Pending)
            .Select(e => EF.Property<int>(e, HeadwaterDb.IntegrationColumn)).Distinct().ToListAsync(cancellationToken);
    }

    private async Task DeliverAsync(int integrationId, CancellationToken cancellationToken)
    {
        IntegrationRecord? record;
        await using (var scope = host.CreateAsyncScope())
        {
            record = await scope.ServiceProvider.GetRequiredService<HeadwaterDb>().Integrations.AsNoTracking().Include(i => i.Secrets)
                .SingleOrDefaultAsync(i => i.Id == integrationId, cancellationToken);
        }
        if (record is null)
        {
            return;
        }
        Integration integration;
        try
        {
            integration = record.ToIntegration();
        }
        catch (ConfigurationException)
        {
            return; // its runs report what is wrong; its events wait until it is fixed
        }
        await IntegrationEvents.DeliverAsync(runner.Services(record, integration), integration, _options, _smtp, beforeExit: false,
            cancellationToken);
    }
}
