using Quartz;

namespace Headwater.Scheduling;

/// <summary>
/// When an integration syncs on its own: every so long after the last sync finished (24 hours by default, at least
/// 5 minutes), or at the times of a cron expression in an IANA time zone; and, whatever the schedule, at the start of
/// each tenant day on which someone's employment starts or ends by date, so a termination is applied when its day is
/// over and a hire on the day the lifecycle policy says, without waiting for the next scheduled sync.
/// </summary>
public abstract record SyncSchedule
{
    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(5);

    public static SyncSchedule Daily { get; } = new Every(TimeSpan.FromHours(24));

    /// <summary>When the next scheduled sync is due, given when the last one finished (null: never). A time already
    /// past, as after downtime, is now: the missed syncs run once, not once each.</summary>
    public abstract DateTimeOffset Due(DateTimeOffset? lastFinished, DateTimeOffset now);

    /// <summary>The earlier of the next scheduled sync and the start of <paramref name="nextEffectiveDay"/> (the next
    /// tenant day on which a stored worker's employment starts or ends by date) in <paramref name="zone"/>.</summary>
    public DateTimeOffset NextWakeUp(DateTimeOffset? lastFinished, DateTimeOffset now, DateOnly? nextEffectiveDay, TimeZoneInfo zone)
    {
        var scheduled = Due(lastFinished, now);
        if (nextEffectiveDay is not { } day)
        {
            return scheduled;
        }
        var effective = TenantDay.Start(day, zone);
        // A day that has begun since the last sync is due now; one whose start the last sync already saw is not.
        if (effective <= now && lastFinished is { } last && last >= effective)
        {
            return scheduled;
        }
        var due = effective < now ? now : effective;
        return due < scheduled ? due : scheduled;
    }

    /// <summary>Every <see cref="Interval"/> after the last sync finished.</summary>
    public sealed record Every : SyncSchedule
    {
        public Every(TimeSpan interval)
        {
            if (interval < Shortest)
            {
                throw new ArgumentOutOfRangeException(nameof(interval), interval, $"A schedule's interval is at least {Shortest.TotalMinutes:0} minutes.");
            }
            Interval = interval;
        }

        public TimeSpan Interval { get; }

        public override DateTimeOffset Due(DateTimeOffset? lastFinished, DateTimeOffset now) =>
            lastFinished is { } last && last + Interval > now ? last + Interval : now;
    }

    /// <summary>At the times of a Quartz cron expression (seconds first, e.g. <c>0 0 6 ? * MON-FRI</c>), in a time zone.</summary>
    public sealed record Cron : SyncSchedule
    {
        private readonly CronExpression _expression;

        /// <exception cref="FormatException">The expression is not a valid Quartz cron expression.</exception>
        public Cron(string expression, TimeZoneInfo zone)
        {
            _expression = new CronExpression(expression, zone);
            Expression = expression;
            Zone = zone;
        }

        public string Expression { get; }

        public TimeZoneInfo Zone { get; }

        /// <summary>The first time of the expression after the last sync finished; now if that has passed (a missed time
        /// runs once at start); the first time after now when there has been no sync.</summary>
        public override DateTimeOffset Due(DateTimeOffset? lastFinished, DateTimeOffset now)
        {
            var after = _expression.GetNextValidTimeAfter(lastFinished ?? now) ?? DateTimeOffset.MaxValue;
            return after < now ? now : after;
        }
    }
}
