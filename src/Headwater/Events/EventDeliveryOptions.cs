namespace Headwater.Events;

/// <summary>
/// How the outbox is delivered: the retry schedule (by default the Standard Webhooks one: at once, then 5 s, 5 min,
/// 30 min, 2 h, 5 h, 10 h and 10 h later; after the last attempt an event is dead), the random share of each wait added
/// so receivers coming back are not hit by every sender at once, how many workers' events go at the same time, and how
/// often the service looks for due events. Bound from <c>Events</c> in the service's configuration.
/// </summary>
public sealed record EventDeliveryOptions
{
    public IReadOnlyList<TimeSpan> Schedule { get; init; } =
    [
        TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>Up to this share of each wait is added at random (0.1: up to 10 % more).</summary>
    public double Jitter { get; init; } = 0.1;

    /// <summary>Workers whose events are posted at the same time; one worker's always go one after another.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>How many due events one delivery worker takes at a time. Each is posted within the batch's lease.</summary>
    public int ClaimBatch { get; init; } = 1_000;

    /// <summary>How long a worker's claim on a batch holds (PostgreSQL) without being renewed; the worker renews it while
    /// it posts. When a node dies, another takes its events once the claim has expired.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A Retry-After longer than this is cut to it, so one receiver cannot park an event for days.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromHours(10);

    /// <summary>How often <c>headwater serve</c> looks for events due.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long <c>headwater sync</c> waits, before it exits, for a retry that is due soon (the 5 s one).</summary>
    public TimeSpan WaitBeforeExit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The attempts in all: the first and each retry.</summary>
    public int Attempts => Schedule.Count;

    /// <summary>When the attempt after <paramref name="attempts"/> failed ones is due, or null when none is left.</summary>
    public DateTimeOffset? NextAttempt(int attempts, DateTimeOffset now, TimeSpan? retryAfter, double random)
    {
        if (attempts >= Schedule.Count)
        {
            return null;
        }
        var wait = Schedule[attempts];
        wait += wait * Jitter * random;
        if (retryAfter is { } asked)
        {
            wait = asked > MaxRetryAfter ? MaxRetryAfter : asked;
        }
        return now + wait;
    }

    /// <summary>The options from a comma-separated schedule in seconds (<c>0,1,2</c>), as configuration gives it.</summary>
    public static IReadOnlyList<TimeSpan>? ParseSchedule(string? text) => string.IsNullOrWhiteSpace(text) ? null
        : [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => TimeSpan.FromSeconds(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)))];
}
