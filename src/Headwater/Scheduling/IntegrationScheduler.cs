using Headwater.Configuration;
using Headwater.Data;
using Headwater.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Headwater.Scheduling;

/// <summary>What "sync now" came to: the run queued, or when it is allowed again.</summary>
public sealed record SyncNowResult(IntegrationRun? Run, TimeSpan? RetryAfter);

/// <summary>
/// Keeps each stored integration's next run in Quartz: one job per integration and one trigger for its schedule, set
/// after every run (and on start, and when the integration changes) to the earlier of the next scheduled sync and the
/// start of the next tenant day with an effective date; Quartz fires the trigger. A time that passed while the service
/// was down fires once at start.
/// </summary>
public sealed class IntegrationScheduler(ISchedulerFactory quartz, IServiceProvider host, IntegrationRunner runner, TimeProvider time,
    ILogger<IntegrationScheduler> logger) : IHostedService
{
    private const string Group = "integrations";

    /// <summary>What carries out the runs this schedules.</summary>
    public IntegrationRunner Runner => runner;

    public static JobKey Job(int integrationId) => new($"integration-{integrationId}", Group);

    private static TriggerKey ScheduleTrigger(int integrationId) => new($"schedule-{integrationId}", Group);

    /// <summary>Marks runs a stopped service left running as interrupted, starts those it left queued, and schedules
    /// every integration.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        List<int> ids;
        List<IntegrationRun> queued;
        await using (var scope = host.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
            foreach (var orphan in await db.IntegrationRuns.Where(r => r.Status == SyncRunStatus.Running).ToListAsync(cancellationToken))
            {
                Log.Orphaned(logger, orphan.Id);
                orphan.Status = SyncRunStatus.Interrupted;
                orphan.FinishedAt = time.GetUtcNow();
                orphan.Error = "The service stopped during the run; the next run picks up where it stopped.";
            }
            await db.SaveChangesAsync(cancellationToken);
            ids = await db.Integrations.Select(i => i.Id).ToListAsync(cancellationToken);
            queued = await db.IntegrationRuns.AsNoTracking().Where(r => r.Status == SyncRunStatus.Queued).ToListAsync(cancellationToken);
        }
        foreach (var id in ids)
        {
            await RescheduleAsync(id, cancellationToken);
        }
        foreach (var run in queued)
        {
            await TriggerAsync(run.IntegrationId, run.Id, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Works out the integration's next run and sets its trigger; removes its job when it no longer exists,
    /// and its trigger while it is paused or its stored configuration is not valid.</summary>
    public async Task RescheduleAsync(int integrationId, CancellationToken cancellationToken)
    {
        var scheduler = await quartz.GetScheduler(cancellationToken);
        await using var scope = host.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        var record = await db.Integrations.Include(i => i.Secrets).SingleOrDefaultAsync(i => i.Id == integrationId, cancellationToken);
        if (record is null)
        {
            await scheduler.DeleteJob(Job(integrationId), cancellationToken);
            await runner.ForgetAsync(integrationId);
            return;
        }
        await EnsureJob(scheduler, integrationId, cancellationToken);
        Integration? integration = null;
        try
        {
            integration = record.ToIntegration();
        }
        catch (ConfigurationException)
        {
            Log.NotSchedulable(logger, record.Name);
        }
        if (record.Paused || integration is null)
        {
            await scheduler.UnscheduleJob(ScheduleTrigger(integrationId), cancellationToken);
            record.NextRunAt = null;
        }
        else
        {
            var next = await NextRunAsync(db, integrationId, integration, cancellationToken);
            var trigger = TriggerBuilder.Create().WithIdentity(ScheduleTrigger(integrationId)).ForJob(Job(integrationId))
                .UsingJobData(IntegrationSyncJob.IntegrationKey, integrationId).StartAt(next)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            if (await scheduler.Exists(trigger.Key, cancellationToken))
            {
                await scheduler.RescheduleJob(trigger.Key, trigger, cancellationToken);
            }
            else
            {
                await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
            }
            record.NextRunAt = next;
            Log.Scheduled(logger, record.Name, next);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>When the integration runs next on its own: its schedule, after the last run that finished (a one-employee
    /// sync does not count), or the start of the next tenant day on which a stored worker's employment starts or ends.</summary>
    public async Task<DateTimeOffset> NextRunAsync(HeadwaterDb db, int integrationId, Integration integration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(integration);
        var zone = integration.Ukg.Connection.Zone;
        var last = await LastFinishedAsync(db, integrationId, cancellationToken);
        DateOnly? after = last is { } l ? TenantDay.Of(l, zone) : null;
        db.IntegrationId = integrationId;
        var nextDay = await db.Workers.Where(w => w.ReviewOn != null && (after == null || w.ReviewOn > after))
            .MinAsync(w => w.ReviewOn, cancellationToken);
        return integration.Schedule.Sync.NextWakeUp(last, time.GetUtcNow(), nextDay, zone);
    }

    /// <summary>Queues the run a schedule trigger fired for, saying whether the schedule or an effective date is why;
    /// null when the integration is gone or paused.</summary>
    public async Task<int?> QueueScheduledAsync(int integrationId, CancellationToken cancellationToken)
    {
        await using var scope = host.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        var record = await db.Integrations.Include(i => i.Secrets).SingleOrDefaultAsync(i => i.Id == integrationId, cancellationToken);
        if (record is null || record.Paused)
        {
            return null;
        }
        var trigger = RunTrigger.Schedule;
        try
        {
            var schedule = record.ToIntegration().Schedule.Sync;
            var now = time.GetUtcNow();
            if (schedule.Due(await LastFinishedAsync(db, integrationId, cancellationToken), now) > now + TimeSpan.FromMinutes(1))
            {
                trigger = RunTrigger.EffectiveDate;
            }
        }
        catch (ConfigurationException)
        {
            // The run records why it cannot go ahead.
        }
        return (await runner.QueueAsync(db, integrationId, trigger, cancellationToken)).Id;
    }

    /// <summary>"Sync now": queues a run and starts it as soon as the integration is free, unless one was asked for
    /// less than the integration's limit ago.</summary>
    public async Task<SyncNowResult> SyncNowAsync(HeadwaterDb db, IntegrationRecord record, TimeSpan limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        if (limit > TimeSpan.Zero)
        {
            var asked = await db.IntegrationRuns.AsNoTracking().Where(r => r.IntegrationId == record.Id && r.Trigger == RunTrigger.SyncNow)
                .OrderByDescending(r => r.Id).Select(r => (DateTimeOffset?)r.QueuedAt).FirstOrDefaultAsync(cancellationToken);
            var wait = asked is { } at ? at + limit - time.GetUtcNow() : TimeSpan.Zero;
            if (wait > TimeSpan.Zero)
            {
                return new SyncNowResult(null, wait);
            }
        }
        var run = await runner.QueueAsync(db, record.Id, RunTrigger.SyncNow, cancellationToken);
        await TriggerAsync(record.Id, run.Id, cancellationToken);
        return new SyncNowResult(run, null);
    }

    /// <summary>Queues a run of another kind (one employee, an approval) and starts it as soon as the integration is free.</summary>
    public async Task<IntegrationRun> RunAsync(HeadwaterDb db, int integrationId, RunTrigger trigger, CancellationToken cancellationToken,
        string? worker = null, int? approves = null)
    {
        var run = await runner.QueueAsync(db, integrationId, trigger, cancellationToken, worker, approves);
        await TriggerAsync(integrationId, run.Id, cancellationToken);
        return run;
    }

    private async Task TriggerAsync(int integrationId, int runId, CancellationToken cancellationToken)
    {
        var scheduler = await quartz.GetScheduler(cancellationToken);
        await EnsureJob(scheduler, integrationId, cancellationToken);
        await scheduler.TriggerJob(Job(integrationId),
            new JobDataMap { [IntegrationSyncJob.IntegrationKey] = integrationId, [IntegrationSyncJob.RunKey] = runId }, cancellationToken);
    }

    private static async Task EnsureJob(IScheduler scheduler, int integrationId, CancellationToken cancellationToken)
    {
        if (!await scheduler.Exists(Job(integrationId), cancellationToken))
        {
            var job = JobBuilder.Create<IntegrationSyncJob>().WithIdentity(Job(integrationId)).StoreDurably()
                .UsingJobData(IntegrationSyncJob.IntegrationKey, integrationId).Build();
            await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        }
    }

    private static Task<DateTimeOffset?> LastFinishedAsync(HeadwaterDb db, int integrationId, CancellationToken cancellationToken) =>
        db.IntegrationRuns.AsNoTracking()
            .Where(r => r.IntegrationId == integrationId && r.FinishedAt != null && r.Trigger != RunTrigger.Worker)
            .OrderByDescending(r => r.Id).Select(r => r.FinishedAt).FirstOrDefaultAsync(cancellationToken);
}
