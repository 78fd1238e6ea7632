using System.Text.Json;
using Headwater.Core.Destinations;
using Headwater.Core.Events;
using Headwater.Core.Planning;
using Headwater.Core.Workers;
using Headwater.Data;
using Headwater.Events;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Syncing;

public sealed partial class DestinationSync
{
    /// <summary>
    /// For a destination that takes events: applies the plan to Headwater's record (nothing is sent yet), derives each
    /// worker's events from their change and their facts before and after, and writes them to the outbox, all in one
    /// transaction with the run's records. A run killed before the commit leaves no event and no record of the changes,
    /// so the next run plans and writes them again; after it, the delivery (<see cref="EventDelivery"/>) takes over.
    /// The destination's first run writes no event: it records where everyone stands, and events tell what changes after.
    /// </summary>
    private async Task<int> ApplyWithEvents(IEventReceiver receiver, Plan plan, Plan toApply, List<ChangeRecord> changeRecords,
        List<AccountRecord> records, SyncRun run, IReadOnlyList<Worker> workers, IReadOnlySet<string>? only,
        IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var baseline = !records.Any(r => r.WorkerId is not null);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await Apply(toApply, changeRecords, records, run, progress, cancellationToken);
        var held = plan.Changes.Where((c, i) => c.IsChange && !toApply.Changes[i].IsChange).Select(c => c.WorkerId)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var changes = toApply.Changes.Where(c => c.IsChange).ToDictionary(c => c.WorkerId, StringComparer.OrdinalIgnoreCase);
        var considered = workers.Where(w => (only is null || only.Contains(w.Id)) && !held.Contains(w.Id)).ToList();
        var ids = considered.Select(w => w.Id).ToList();
        var accounts = (await db.Accounts.Where(a => a.Destination == settings.Name && a.WorkerId != null)
                .ToListAsync(cancellationToken))
            .Where(a => ids.Contains(a.WorkerId!, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(a => a.WorkerId!, StringComparer.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
        var written = 0;
        foreach (var worker in considered)
        {
            if (!accounts.TryGetValue(worker.Id, out var account))
            {
                continue; // the receiver has not been told of this worker: nothing to tell of them yet
            }
            var after = EventFacts.Of(worker);
            var before = account.EventFacts is { } stored ? JsonSerializer.Deserialize(stored, SyncJson.Default.EventFacts) : null;
            if (!baseline)
            {
                var attributes = StoredState.Values(account);
                var derived = EventDerivation.Derive(worker.Id, changes.GetValueOrDefault(worker.Id), before, after, attributes, run.Id);
                foreach (var employeeEvent in derived.Where(e => receiver.Events.Contains(e.Type)))
                {
                    db.Events.Add(Outgoing(receiver, employeeEvent, now));
                    written++;
                }
            }
            if (before != after)
            {
                account.EventFacts = JsonSerializer.Serialize(after, SyncJson.Default.EventFacts);
            }
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        Log.EventsWritten(logger, settings.Name, run.Id, written);
        return written;
    }

    private EventRecord Outgoing(IEventReceiver receiver, EmployeeEvent employeeEvent, DateTimeOffset now)
    {
        var id = "msg_" + Guid.CreateVersion7(now).ToString("N");
        return new EventRecord
        {
            EventId = id,
            Destination = settings.Name,
            WorkerId = employeeEvent.WorkerId,
            Type = employeeEvent.Type,
            RunId = employeeEvent.RunId,
            Body = receiver.Body(employeeEvent, id, now),
            Status = EventStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}
