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
/// Keeps each stored integration's next run: one Quartz job per integration, which carries out its runs one at a time,
/// and one wake-up, set after every run (and on start, and when the integration changes) to the earlier of the next
/// scheduled sync and the start of the next tenant day with an effective date; the wake-up triggers the job. A time
/// that passed while the service was down fires once at start. On one node the wake-ups are timers on the service's
/// clock; where several services share PostgreSQL (<paramref name="cluster"/> set) they are persistent triggers in
/// Quartz's clustered job store, and each run happens on whichever node fires it.
/// </summary>
public sealed class IntegrationScheduler(ISchedulerFactory quartz, IServiceProvider host, IntegrationRunner runner, TimeProvider time,
    ILogger<IntegrationScheduler> logger, ClusterOptions? cluster = null) : IHostedService, IDisposable
{
    private const string Group = "integrations";

    private IWakeUps? _wakeUps;

    private IWakeUps WakeUps => _wakeUps ??= cluster is null
        ? new TimerWakeUps(time, id => TriggerAsync(id, null, CancellationToken.None), logger)
        : new TriggerWakeUps(quartz, time);

    /// <summary>Whether this service is one node of a cluster on PostgreSQL.</summary>
    public bool Clustered => cluster is not null;

    /// <summary>What carries out the runs this schedules.</summary>
    public IntegrationRunner Runner => runner;

    public static JobKey Job(int integrationId) => new($"integration-{integrationId}", Group);

    /// <summary>Marks runs a stopped service left running as interrupted, starts those it left queued, and schedules
    /// every integration. In a cluster, runs still running or queued belong to other nodes, or are a dead node's, which
    /// Quartz recovers: their triggers are in the job store.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        List<int> ids;
        List<IntegrationRun> queued = [];
        await using (var scope = host.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
            ids = await db.Integrations.Select(i => i.Id).ToListAsync(cancellationToken);
            if (Clustered)
            {
                foreach (var id in ids)
                {
                    await RescheduleAsync(id, cancellationToken);
                }
                return;
            }
            foreach (var orphan in await db.IntegrationRuns.Where(r => r.Status == SyncRunStatus.Running).ToListAsync(cancellationToken))
            {
                Log.Orphaned(logger, orphan.Id);
                orphan.Status = SyncRunStatus.Interrupted;
                orphan.FinishedAt = time.GetUtcNow();
                orphan.Error = "The service stopped during the run; the next run picks up where it stopped.";
            }
            await db.SaveChangesAsync(cancellationToken);
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

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _wakeUps?.Dispose();

    /// <summary>Works out the integration's next run and sets its wake-up; removes its job when it no longer exists,
    /// and its wake-up while it is paused or its stored configuration is not valid. <paramref name="afterRun"/> says the
    /// integration's own job calls as its run ends; otherwise, in a cluster, the wake-up of an integration running
    /// elsewhere is left to that run.</summary>
    public async Task RescheduleAsync(int integrationId, CancellationToken cancellationToken, bool afterRun = false)
    {
        var scheduler = await quartz.GetScheduler(cancellationToken);
        await using var scope = host.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        var record = await db.Integrations.Include(i => i.Secrets).SingleOrDefaultAsync(i => i.Id == integrationId, cancellationToken);
        if (record is null)
        {
            await WakeUps.CancelAsync(integrationId, cancellationToken);
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
            await WakeUps.CancelAsync(integrationId, cancellationToken);
            record.NextRunAt = null;
        }
        else
        {
            var next = await NextRunAsync(db, integrationId, integration, cancellationToken);
            if (await WakeUps.SetAsync(integrationId, next, afterRun, cancellationToken))
            {
                record.NextRunAt = next;
                Log.Scheduled(logger, record.Name, next);
            }
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

    /// <summary>Queues the run a wake-up came for, saying whether the schedule or an effective date is why; null when
    /// the integration is gone or paused, or another run has moved its next run on since.</summary>
    public async Task<int?> QueueScheduledAsync(int integrationId, string? node, CancellationToken cancellationToken)
    {
        await using var scope = host.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HeadwaterDb>();
        var record = await db.Integrations.Include(i => i.Secrets).SingleOrDefaultAsync(i => i.Id == integrationId, cancellationToken);
        var now = time.GetUtcNow();
        // A wake-up that waited behind another run finds the next run moved on by it: nothing is due.
        if (record is null || record.Paused || record.NextRunAt > now + TimeSpan.FromSeconds(1))
        {
            return null;
        }
        var trigger = RunTrigger.Schedule;
        try
        {
            var schedule = record.ToIntegration().Schedule.Sync;
            if (schedule.Due(await LastFinishedAsync(db, integrationId, cancellationToken), now) > now + TimeSpan.FromMinutes(1))
            {
                trigger = RunTrigger.EffectiveDate;
            }
        }
        catch (ConfigurationException)
        {
            // The run records why it cannot go ahead.
        }
        return (await runner.QueueAsync(db, integrationId, trigger, cancellationToken, node: node)).Id;
    }

    /// <summary>"Sync now": queues a run and starts it as soon as the integration is free, unless one was asked for
    /// less than the integration's limit ago.</summary>
    public async Task<SyncNowResult> SyncNowAsync(HeadwaterDb db, IntegrationRecord record, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (await SyncNowWaitAsync(db, record, limit, cancellationToken) is { } wait)
        {
            return new SyncNowResult(null, wait);
        }
        var run = await runner.QueueAsync(db, record.Id, RunTrigger.SyncNow, cancellationToken);
        await TriggerAsync(record.Id, run.Id, cancellationToken);
        return new SyncNowResult(run, null);
    }

    /// <summary>How long until "sync now" is allowed again; null when it is now.</summary>
    public async Task<TimeSpan?> SyncNowWaitAsync(HeadwaterDb db, IntegrationRecord record, TimeSpan limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        if (limit <= TimeSpan.Zero)
        {
            return null;
        }
        var asked = await db.IntegrationRuns.AsNoTracking().Where(r => r.IntegrationId == record.Id && r.Trigger == RunTrigger.SyncNow)
            .OrderByDescending(r => r.Id).Select(r => (DateTimeOffset?)r.QueuedAt).FirstOrDefaultAsync(cancellationToken);
        var wait = asked is { } at ? at + limit - time.GetUtcNow() : TimeSpan.Zero;
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Queues a run of another kind (one employee, an approval) and starts it as soon as the integration is free.</summary>
    public async Task<IntegrationRun> RunAsync(HeadwaterDb db, int integrationId, RunTrigger trigger, CancellationToken cancellationToken,
        string? worker = null, int? approves = null)
    {
        var run = await runner.QueueAsync(db, integrationId, trigger, cancellationToken, worker, approves);
        await TriggerAsync(integrationId, run.Id, cancellationToken);
        return run;
    }

    private async Task TriggerAsync(int integrationId, int? runId, CancellationToken cancellationToken)
    {
        var scheduler = await quartz.GetScheduler(cancellationToken);
        await EnsureJob(scheduler, integrationId, cancellationToken);
        var data = new JobDataMap { [IntegrationSyncJob.IntegrationKey] = integrationId };
        if (runId is { } id)
        {
            data[IntegrationSyncJob.RunKey] = id;
        }
        await scheduler.TriggerJob(Job(integrationId), data, cancellationToken);
    }

    private static async Task EnsureJob(IScheduler scheduler, int integrationId, CancellationToken cancellationToken)
    {
        if (!await scheduler.Exists(Job(integrationId), cancellationToken))
        {
            // Recovery asked for: in a cluster, a run of a node that died is run again by another (Quartz's own store
            // keeps nothing to recover on one node).
            var job = JobBuilder.Create<IntegrationSyncJob>().WithIdentity(Job(integrationId)).StoreDurably().RequestRecovery()
                .UsingJobData(IntegrationSyncJob.IntegrationKey, integrationId).Build();
            await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        }
    }

    private static Task<DateTimeOffset?> LastFinishedAsync(HeadwaterDb db, int integrationId, CancellationToken cancellationToken) =>
        db.IntegrationRuns.AsNoTracking()
            .Where(r => r.IntegrationId == integrationId && r.FinishedAt != null && r.Trigger != RunTrigger.Worker)
            .OrderByDescending(r => r.Id).Select(r => r.FinishedAt).FirstOrDefaultAsync(cancellationToken);
}
