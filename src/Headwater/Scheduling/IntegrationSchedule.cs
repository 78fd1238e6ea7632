namespace Headwater.Scheduling;

/// <summary>An integration's schedule in the service: when it syncs on its own, how often a sync reads all of UKG
/// (a reconciliation; the syncs between read only what changed), and how often "sync now" may be asked for
/// (<see cref="TimeSpan.Zero"/>: no limit).</summary>
public sealed record IntegrationSchedule(SyncSchedule Sync, TimeSpan FullRead, TimeSpan SyncNowLimit)
{
    public static IntegrationSchedule Default { get; } = new(SyncSchedule.Daily, TimeSpan.FromDays(7), TimeSpan.FromHours(1));
}
