using Headwater.Core.Destinations;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Headwater.Events;

/// <summary>
/// Records what the receivers answered: the events taken in one statement per status code, each failed one by itself
/// (its next attempt is its own), every claim let go as it is recorded. Nothing is tracked by the context, so a round
/// of many thousand events costs a few statements per few hundred events rather than one per event.
/// </summary>
internal sealed class EventOutcomes(HeadwaterDb db, TimeProvider time, EventDeliveryOptions options, ILogger logger)
{
    private readonly Dictionary<string, (int Delivered, int Failed, int Dead)> _byDestination = new(StringComparer.Ordinal);

    public int Delivered { get; private set; }

    public int Failed { get; private set; }

    public int Dead { get; private set; }

    public async Task Record(IReadOnlyList<(ClaimedEvent Event, PostResult Result)> outcomes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var taken in outcomes.Where(o => o.Result.Delivered).GroupBy(o => o.Result.StatusCode))
        {
            var ids = taken.Select(o => o.Event.Id).ToList();
            await db.Events.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, EventStatus.Delivered)
                .SetProperty(e => e.DeliveredAt, now)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1)
                .SetProperty(e => e.LastStatus, taken.Key)
                .SetProperty(e => e.LastError, (string?)null)
                .SetProperty(e => e.ClaimedBy, (string?)null)
                .SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
            foreach (var (claimed, _) in taken)
            {
                Count(claimed.Destination, delivered: 1);
            }
            Delivered += ids.Count;
        }
        foreach (var (claimed, result) in outcomes.Where(o => !o.Result.Delivered))
        {
            await RecordFailure(claimed, result, now, cancellationToken);
        }
    }

    private async Task RecordFailure(ClaimedEvent claimed, PostResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A 410 is not the event's fault: it waits, unattempted, for the subscription to be enabled again.
        var attempts = result.Gone ? claimed.Attempts : claimed.Attempts + 1;
        var next = result.Gone ? now : options.NextAttempt(attempts, now, result.RetryAfter, Random.Shared.NextDouble());
        var status = next is null ? EventStatus.Dead : EventStatus.Pending;
        var error = result.Error is { Length: > 512 } text ? text[..512] : result.Error;
        Log.AttemptFailed(logger, claimed.Destination, claimed.EventId, claimed.Type, claimed.Attempts + 1,
            result.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer");
        await db.Events.Where(e => e.Id == claimed.Id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, status)
            .SetProperty(e => e.Attempts, attempts)
            .SetProperty(e => e.NextAttemptAt, next ?? now)
            .SetProperty(e => e.LastStatus, result.StatusCode)
            .SetProperty(e => e.LastError, error)
            .SetProperty(e => e.ClaimedBy, (string?)null)
            .SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
        Failed++;
        Count(claimed.Destination, failed: 1);
        if (status == EventStatus.Dead)
        {
            Dead++;
            Count(claimed.Destination, dead: 1);
            Log.Dead(logger, claimed.Destination, claimed.EventId, attempts);
        }
    }

    /// <summary>One line per destination: how many were taken, failed and died this round.</summary>
    public void LogTotals()
    {
        foreach (var (destination, (delivered, failed, dead)) in _byDestination)
        {
            Log.Delivered(logger, destination, delivered, failed, dead);
        }
    }

    private void Count(string destination, int delivered = 0, int failed = 0, int dead = 0)
    {
        var (d, f, x) = _byDestination.GetValueOrDefault(destination);
        _byDestination[destination] = (d + delivered, f + failed, x + dead);
    }
}
