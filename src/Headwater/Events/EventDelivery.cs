using System.Collections.Concurrent;
using System.Threading.Channels;
using Headwater.Core.Destinations;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Headwater.Events;

/// <summary>What a delivery round came to: events taken, attempts that failed (to be retried), events that died, events
/// still waiting for a later attempt, and the destinations disabled by a 410.</summary>
public sealed record DeliveryReport(int Delivered, int Failed, int Dead, int Waiting, IReadOnlyList<string> Disabled)
{
    public static DeliveryReport None { get; } = new(0, 0, 0, 0, []);

    public DeliveryReport Add(DeliveryReport other) => new(Delivered + other.Delivered, Failed + other.Failed, Dead + other.Dead,
        other.Waiting, [.. Disabled.Union(other.Disabled)]);
}

/// <summary>
/// Delivers the outbox of one integration: every pending event that is due, in order per worker (a worker's next event
/// waits until the one before is taken or dead), many workers at once. A failed attempt is tried again on the schedule
/// (or when the receiver's Retry-After says); after the last, the event is dead. A 410 disables the subscription and
/// tells <c>gone</c>, so the caller can notify the integration's contacts. Events are taken in batches through an
/// <see cref="EventClaim"/> (claimed in the database on PostgreSQL, so several nodes share one outbox), and outcomes
/// are recorded as they come, many per statement: a process stopped midway resends at most the events in flight,
/// with the same <c>webhook-id</c>.
/// </summary>
public sealed class EventDelivery(HeadwaterDb db, TimeProvider time, EventDeliveryOptions options, ILogger logger)
{
    /// <summary>Who this delivery is, in the claims it makes: the machine, the process, and which delivery in it.</summary>
    private readonly string _node = $"{Environment.MachineName[..Math.Min(Environment.MachineName.Length, 24)]}:" +
        $"{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Delivers what is due now; then, while the earliest retry is due within <see cref="EventDeliveryOptions.WaitBeforeExit"/>,
    /// waits for it and delivers again (what <c>headwater sync</c> does before it exits).</summary>
    public async Task<DeliveryReport> DeliverBeforeExit(IReadOnlyDictionary<string, IEventReceiver> receivers,
        Func<string, string, Task>? gone = null, CancellationToken cancellationToken = default)
    {
        var report = await DeliverDue(receivers, gone, cancellationToken);
        var deadline = time.GetUtcNow() + options.WaitBeforeExit;
        while (await NextDue(receivers.Keys, cancellationToken) is { } next && next <= deadline)
        {
            var wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
            report = report.Add(await DeliverDue(receivers, gone, cancellationToken));
        }
        return report;
    }

    /// <summary>One round: every due event of <paramref name="receivers"/>, by destination name, a batch of
    /// <see cref="EventDeliveryOptions.ClaimBatch"/> at a time.</summary>
    public async Task<DeliveryReport> DeliverDue(IReadOnlyDictionary<string, IEventReceiver> receivers,
        Func<string, string, Task>? gone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receivers);
        var disabled = await db.DisabledSubscriptions.AsNoTracking().Select(d => d.Destination).ToListAsync(cancellationToken);
        var names = receivers.Keys.Except(disabled, StringComparer.Ordinal).ToList();
        if (names.Count == 0)
        {
            return DeliveryReport.None;
        }
        var subscribed = names.ToList(); // the events waiting, at the end, are theirs: a disabled subscription's wait for a replay
        var claim = new EventClaim(db, _node, options.ClaimLease);
        var outcomes = new EventOutcomes(db, time, options, logger);
        var stopped = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        while (names.Count > 0)
        {
            var claimedAt = time.GetUtcNow();
            var events = await claim.Take(names, claimedAt, options.ClaimBatch, cancellationToken);
            if (events.Count == 0)
            {
                break;
            }
            var lines = events.GroupBy(e => (e.Destination, e.WorkerId)).Select(g => g.ToList()).ToList();
            var results = Channel.CreateBounded<(ClaimedEvent Event, PostResult Result)>(options.ClaimBatch);
            var posting = Post(lines, receivers, stopped, results.Writer, cancellationToken);
            var posted = new HashSet<long>();
            var batch = new List<(ClaimedEvent, PostResult)>(RecordEvery);
            while (await results.Reader.WaitToReadAsync(cancellationToken))
            {
                // Whatever has come in since the last write is recorded in one go: many under load, one when idle.
                while (batch.Count < RecordEvery && results.Reader.TryRead(out var result))
                {
                    batch.Add(result);
                    posted.Add(result.Event.Id);
                }
                await outcomes.Record(batch, cancellationToken);
                batch.Clear();
                if (time.GetUtcNow() - claimedAt > options.ClaimLease / 3)
                {
                    claimedAt = time.GetUtcNow();
                    await claim.Renew([.. events.Select(e => e.Id).Where(id => !posted.Contains(id))], claimedAt, cancellationToken);
                }
            }
            await posting;
            await claim.Release([.. events.Select(e => e.Id).Where(id => !posted.Contains(id))], cancellationToken);
            names.RemoveAll(stopped.ContainsKey);
            if (events.Count < options.ClaimBatch)
            {
                break; // what was due is taken; anything due now is a retry, for the next round
            }
        }
        foreach (var (destination, reason) in stopped)
        {
            db.DisabledSubscriptions.Add(new DisabledSubscription { Destination = destination, DisabledAt = time.GetUtcNow(), Reason = reason });
            Log.Disabled(logger, destination);
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        outcomes.LogTotals();
        foreach (var (destination, reason) in stopped)
        {
            await (gone?.Invoke(destination, reason) ?? Task.CompletedTask);
        }
        var waiting = await db.Events.CountAsync(e => e.Status == EventStatus.Pending && subscribed.Contains(e.Destination),
            cancellationToken);
        return new DeliveryReport(outcomes.Delivered, outcomes.Failed, outcomes.Dead, waiting, [.. stopped.Keys]);
    }

    /// <summary>The most outcomes recorded by one statement.</summary>
    private const int RecordEvery = 500;

    /// <summary>Posts each worker's due events in order, stopping that worker's at the first failure and a destination's
    /// at its first 410.</summary>
    private async Task Post(List<List<ClaimedEvent>> lines, IReadOnlyDictionary<string, IEventReceiver> receivers,
        ConcurrentDictionary<string, string> stopped, ChannelWriter<(ClaimedEvent, PostResult)> results, CancellationToken cancellationToken)
    {
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(lines, parallel, async (line, ct) =>
            {
                var receiver = receivers[line[0].Destination];
                foreach (var record in line)
                {
                    if (stopped.ContainsKey(record.Destination))
                    {
                        return;
                    }
                    var result = await receiver.Post(new OutgoingEvent(record.EventId, record.Type, record.Body), ct);
                    if (result.Gone)
                    {
                        stopped.TryAdd(record.Destination, result.Error ?? "answered 410 Gone");
                    }
                    await results.WriteAsync((record, result), ct);
                    if (!result.Delivered)
                    {
                        return;
                    }
                }
            });
            results.TryComplete();
        }
        catch (Exception e)
        {
            results.TryComplete(e);
            throw;
        }
    }

    /// <summary>When the earliest pending event of these destinations is due; null when none is pending or all are disabled.</summary>
    private async Task<DateTimeOffset?> NextDue(IEnumerable<string> destinations, CancellationToken cancellationToken)
    {
        var disabled = await db.DisabledSubscriptions.AsNoTracking().Select(d => d.Destination).ToListAsync(cancellationToken);
        var names = destinations.Except(disabled, StringComparer.Ordinal).ToList();
        var times = await db.Events.AsNoTracking().Where(e => e.Status == EventStatus.Pending && names.Contains(e.Destination))
            .Select(e => new { e.NextAttemptAt, e.ClaimedUntil }).ToListAsync(cancellationToken);
        // An event another node holds is not this one's to send before that node's claim expires.
        return times.Count == 0 ? null
            : times.Min(t => t.ClaimedUntil is { } until && until > t.NextAttemptAt ? until : t.NextAttemptAt);
    }
}
