using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Events;

/// <summary>An event in the outbox as <c>headwater events</c> and the API show it: never its body, which holds a
/// person's data; the receiver has that.</summary>
public sealed record EventView(string Id, string Destination, string Type, string WorkerId, int RunId, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatus, string? LastError)
{
    public static EventView Of(EventRecord e) => new(e.EventId, e.Destination, e.Type, e.WorkerId, e.RunId, e.Status.ToString(), e.Attempts,
        e.CreatedAt, e.Status == EventStatus.Pending ? e.NextAttemptAt : null, e.DeliveredAt, e.LastStatus, e.LastError);
}

/// <summary>What a replay did: the events put back in line, and the subscriptions enabled again.</summary>
public sealed record ReplayResult(int Events, IReadOnlyList<string> Enabled);

/// <summary>
/// Lists and replays the outbox of one integration (the context's). A replay puts events back in line with their
/// <c>webhook-id</c> kept, so a receiver that took one already knows it; it also enables the subscriptions of the
/// events replayed, since replaying is how an operator says the receiver is back after a 410.
/// </summary>
public static class EventOutbox
{
    public static async Task<List<EventView>> List(HeadwaterDb db, EventStatus? status, string? destination, int limit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Events.AsNoTracking();
        if (status is { } only)
        {
            query = query.Where(e => e.Status == only);
        }
        if (destination is not null)
        {
            query = query.Where(e => e.Destination == destination);
        }
        var events = await query.OrderByDescending(e => e.Id).Take(Math.Max(1, limit)).ToListAsync(cancellationToken);
        return [.. events.Select(EventView.Of)];
    }

    /// <summary>The disabled subscriptions, by destination, with why.</summary>
    public static async Task<List<DisabledSubscription>> Disabled(HeadwaterDb db, CancellationToken cancellationToken) =>
        await db.DisabledSubscriptions.AsNoTracking().OrderBy(d => d.Destination).ToListAsync(cancellationToken);

    /// <summary>Replays one event by its id (<c>msg_…</c>), whatever its status; null when there is no such event.</summary>
    public static async Task<ReplayResult?> Replay(HeadwaterDb db, TimeProvider time, string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var record = await db.Events.FirstOrDefaultAsync(e => e.EventId == eventId.Trim(), cancellationToken);
        return record is null ? null : await Requeue(db, time, [record], cancellationToken);
    }

    /// <summary>Replays every dead event (of one destination, or all), and every event of a disabled subscription.</summary>
    public static async Task<ReplayResult> ReplayDead(HeadwaterDb db, TimeProvider time, string? destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var disabled = await db.DisabledSubscriptions.Where(d => destination == null || d.Destination == destination)
            .Select(d => d.Destination).ToListAsync(cancellationToken);
        var events = await db.Events.Where(e => (destination == null || e.Destination == destination)
            && (e.Status == EventStatus.Dead || e.Status == EventStatus.Pending && disabled.Contains(e.Destination))).ToListAsync(cancellationToken);
        var result = await Requeue(db, time, events, cancellationToken, disabled);
        return result;
    }

    private static async Task<ReplayResult> Requeue(HeadwaterDb db, TimeProvider time, List<EventRecord> events, CancellationToken cancellationToken,
        IReadOnlyList<string>? alsoEnable = null)
    {
        var now = time.GetUtcNow();
        foreach (var record in events)
        {
            record.Status = EventStatus.Pending;
            record.Attempts = 0;
            record.NextAttemptAt = now;
            record.LastError = null;
        }
        var destinations = events.Select(e => e.Destination).Concat(alsoEnable ?? []).Distinct(StringComparer.Ordinal).ToList();
        var enabled = await db.DisabledSubscriptions.Where(d => destinations.Contains(d.Destination)).ToListAsync(cancellationToken);
        db.DisabledSubscriptions.RemoveRange(enabled);
        await db.SaveChangesAsync(cancellationToken);
        return new ReplayResult(events.Count, [.. enabled.Select(d => d.Destination)]);
    }
}
