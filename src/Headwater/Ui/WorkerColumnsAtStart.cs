using Headwater.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Headwater.Ui;

/// <summary>
/// Builds every integration's <see cref="WorkerColumns"/> once the service has started, one integration after another,
/// so that the first count on the Policy page after a restart is as quick as the next (100,000 workers take seconds to
/// read, and about 1.5 kB each to keep). The run's job keeps them in step afterwards.
/// </summary>
internal sealed partial class WorkerColumnsAtStart(IServiceScopeFactory scopes, WorkerColumnsCache columns,
    ILogger<WorkerColumnsAtStart> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        var integrations = await db.Integrations.AsNoTracking().OrderBy(i => i.Id).Select(i => new { i.Id, i.Name })
            .ToListAsync(stoppingToken);
        foreach (var integration in integrations)
        {
            db.IntegrationId = integration.Id;
            try
            {
                await columns.GetAsync(db, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The page builds them when asked; a failure here only loses the head start.
                NotBuilt(logger, integration.Name, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Policy page's columns for integration '{Integration}' were not built at start: {Reason}")]
    private static partial void NotBuilt(ILogger logger, string integration, string reason);
}
