using Quartz;

namespace Headwater.Scheduling;

/// <summary>
/// A cluster's wake-ups: one persistent Quartz trigger per integration, in the job store every node shares, firing its
/// job once at its next run; whichever node acquires it runs it. Every node sets them on start and when an integration
/// changes, and the node that ran the integration sets the next one as its run ends.
/// </summary>
internal sealed class TriggerWakeUps(ISchedulerFactory quartz, TimeProvider time) : IWakeUps
{
    private const string Group = "integrations";

    /// <summary>Fire times this close are one time: a reschedule that would move a trigger by less leaves it.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(1);

    public static TriggerKey Trigger(int integrationId) => new($"integration-{integrationId}", Group);

    public async Task<bool> SetAsync(int integrationId, DateTimeOffset next, bool afterRun, CancellationToken cancellationToken)
    {
        var scheduler = await quartz.GetScheduler(cancellationToken);
        var key = Trigger(integrationId);
        var existing = await scheduler.GetTrigger(key, cancellationToken);
        if (existing is not null && !afterRun)
        {
            // Fired and running on some node, or waiting for a run of the integration to end: that run sets the next.
            var state = await scheduler.GetTriggerState(key, cancellationToken);
            if (state is TriggerState.Complete or TriggerState.Blocked or TriggerState.Executing)
            {
                return false;
            }
            // The same definition: replacing it could clobber a trigger another node is about to fire.
            var now = time.GetUtcNow();
            var at = existing.StartTimeUtc;
            if ((at - next).Duration() < Tolerance || (at <= now + Tolerance && next <= now + Tolerance))
            {
                return true;
            }
        }
        var trigger = TriggerBuilder.Create(time).WithIdentity(key).ForJob(IntegrationScheduler.Job(integrationId)).StartAt(next)
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
        if (existing is null)
        {
            try
            {
                await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
                return true;
            }
            catch (ObjectAlreadyExistsException)
            {
                // Another node set it a moment ago; the time worked out here is as good.
            }
        }
        await scheduler.RescheduleJob(key, trigger, cancellationToken);
        return true;
    }

    public async Task CancelAsync(int integrationId, CancellationToken cancellationToken)
    {
        var scheduler = await quartz.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(Trigger(integrationId), cancellationToken);
    }

    public void Dispose()
    {
    }
}
