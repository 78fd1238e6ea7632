namespace Headwater.Scheduling;

/// <summary>Where each integration's next run waits until it comes due, then starts the integration's job: timers on the
/// service's clock on one node (<see cref="TimerWakeUps"/>), persistent Quartz triggers that any node of a cluster
/// fires (<see cref="TriggerWakeUps"/>).</summary>
internal interface IWakeUps : IDisposable
{
    /// <summary>Sets the integration's next run to <paramref name="next"/>; false when it was left as it was because the
    /// integration is running elsewhere and its run sets the next one when it ends (<paramref name="afterRun"/>: the
    /// integration's own job calls as its run ends).</summary>
    Task<bool> SetAsync(int integrationId, DateTimeOffset next, bool afterRun, CancellationToken cancellationToken);

    /// <summary>Removes the integration's next run (paused, or its configuration is not valid).</summary>
    Task CancelAsync(int integrationId, CancellationToken cancellationToken);
}
