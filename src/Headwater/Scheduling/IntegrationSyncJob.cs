using Headwater.Data;
using Headwater.Ui;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Headwater.Scheduling;

/// <summary>
/// The one job type: a sync of one integration. Each integration has its own job (keyed by its id), so its runs never
/// overlap; a run asked for while one is going waits for it. A trigger carries the run to carry out, or none when the
/// schedule came due, in which case the job works out why it runs (schedule or effective date) and whether to read all
/// of UKG. Either way it schedules the integration's next run when done. In a cluster the job is the integration's lock
/// across nodes: a run it finds still running is a dead node's, and a recovered firing (the node that fired it died)
/// runs again what that node was doing; the engine's own recovery reads back what the dead run left unrecorded.
/// </summary>
[DisallowConcurrentExecution]
public sealed class IntegrationSyncJob(IntegrationScheduler scheduler, IntegrationRunner runner, WorkerColumnsCache columns,
    IServiceScopeFactory scopes) : IJob
{
    public const string IntegrationKey = "integration";
    public const string RunKey = "run";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var integrationId = context.MergedJobDataMap.GetInt(IntegrationKey);
        string? node = null;
        if (scheduler.Clustered)
        {
            node = await context.Scheduler.GetSchedulerInstanceId(cancellationToken);
            await runner.InterruptAbandonedAsync(integrationId, cancellationToken);
        }
        var runId = context.MergedJobDataMap.ContainsKey(RunKey) ? context.MergedJobDataMap.GetInt(RunKey)
            : await scheduler.QueueScheduledAsync(integrationId, node, cancellationToken);
        if (context.Recovering && runId is { } asked)
        {
            runId = await runner.RequeueInterruptedAsync(asked, cancellationToken);
        }
        if (scheduler.Clustered)
        {
            // Should this node stop before the run ends (Quartz takes no new triggers while it shuts down), the
            // integration stays scheduled in the shared store: due at once, for another node. The run's end replaces it.
            await scheduler.RescheduleAsync(integrationId, cancellationToken, afterRun: true);
        }
        if (runId is { } id)
        {
            await runner.ExecuteAsync(id, node, cancellationToken);
        }
        if (!cancellationToken.IsCancellationRequested)
        {
            await scheduler.RescheduleAsync(integrationId, cancellationToken, afterRun: true);
        }
        if (runId is not null && !cancellationToken.IsCancellationRequested)
        {
            // The Policy page's columns follow the run's read now rather than on the next count.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
            db.IntegrationId = integrationId;
            await columns.RefreshAsync(db, cancellationToken);
        }
    }
}
