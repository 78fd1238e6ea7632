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
/// tells <c>gone</c>, so the caller can notify the integration's contacts. Results are saved as they come, so a process
/// stopped midway resends at most the events in flight, with the same <c>webhook-id</c>.
/// </summary>
public sealed class EventDelivery(HeadwaterDb db, TimeProvider time, EventDeliveryOptions options, ILogger logger)
{
    private const int SaveEvery = 200;

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

    /// <summary>One round: every due event of <paramref name="receivers"/>, by destination name.</summary>
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
        var now = time.GetUtcNow();
        // Times are compared here rather than in SQL: SQLite cannot compare DateTimeOffset values.
        var pending = await db.Events.AsNoTracking().Where(e => e.Status == EventStatus.Pending && names.Contains(e.Destination))
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.Destination, e.WorkerId, e.NextAttemptAt }).ToListAsync(cancellationToken);
        var due = pending.GroupBy(e => (e.Destination, e.WorkerId))
            .SelectMany(worker => worker.TakeWhile(e => e.NextAttemptAt <= now)).Select(e => e.Id).ToHashSet();
        if (due.Count == 0)
        {
            return DeliveryReport.None with { Waiting = pending.Count };
        }
        var events = new List<EventRecord>(due.Count);
        foreach (var chunk in due.Chunk(1_000))
        {
            events.AddRange(await db.Events.Where(e => chunk.Contains(e.Id)).ToListAsync(cancellationToken));
        }
        var lines = events.OrderBy(e => e.Id).GroupBy(e => (e.Destination, e.WorkerId)).Select(g => g.ToList()).ToList();
        var results = Channel.CreateBounded<(EventRecord Event, PostResult Result)>(SaveEvery * 2);
        var stopped = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var posting = Post(lines, receivers, stopped, results.Writer, cancellationToken);
        var (delivered, failed, dead, saved) = (0, 0, 0, 0);
        await foreach (var (record, result) in results.Reader.ReadAllAsync(cancellationToken))
        {
            record.Attempts++;
            record.LastStatus = result.StatusCode;
            if (result.Delivered)
            {
                record.Status = EventStatus.Delivered;
                record.DeliveredAt = time.GetUtcNow();
                record.LastError = null;
                delivered++;
            }
            else
            {
                record.LastError = result.Error is { Length: > 512 } text ? text[..512] : result.Error;
                failed++;
                Log.AttemptFailed(logger, record.Destination, record.EventId, record.Type, record.Attempts, result.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no answer");
                if (result.Gone)
                {
                    // Not the event's fault: it waits, unattempted, for the subscription to be enabled again.
                    record.Attempts--;
                }
                else if (options.NextAttempt(record.Attempts, time.GetUtcNow(), result.RetryAfter, Random.Shared.NextDouble()) is { } next)
                {
                    record.NextAttemptAt = next;
                }
                else
                {
                    record.Status = EventStatus.Dead;
                    dead++;
                    Log.Dead(logger, record.Destination, record.EventId, record.Attempts);
                }
            }
            if (++saved % SaveEvery == 0)
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        await posting;
        foreach (var (destination, reason) in stopped)
        {
            db.DisabledSubscriptions.Add(new DisabledSubscription { Destination = destination, DisabledAt = time.GetUtcNow(), Reason = reason });
            Log.Disabled(logger, destination);
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        foreach (var destination in events.GroupBy(e => e.Destination))
        {
            Log.Delivered(logger, destination.Key, destination.Count(e => e.Status == EventStatus.Delivered),
                destination.Count(e => e.Status != EventStatus.Delivered), destination.Count(e => e.Status == EventStatus.Dead));
        }
        foreach (var (destination, reason) in stopped)
        {
            await (gone?.Invoke(destination, reason) ?? Task.CompletedTask);
        }
        return new DeliveryReport(delivered, failed, dead, pending.Count - delivered - dead, [.. stopped.Keys]);
    }

    /// <summary>Posts each worker's due events in order, stopping that worker's at the first failure and a destination's
    /// at its first 410.</summary>
    private async Task Post(List<List<EventRecord>> lines, IReadOnlyDictionary<string, IEventReceiver> receivers,
        ConcurrentDictionary<string, string> stopped, ChannelWriter<(EventRecord, PostResult)> results, CancellationToken cancellationToken)
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
            .Select(e => e.NextAttemptAt).ToListAsync(cancellationToken);
        return times.Count == 0 ? null : times.Min();
    }
}
