using System.Data.Common;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Headwater.Events;

/// <summary>One claimed event, as the delivery posts and records it.</summary>
internal sealed record ClaimedEvent(long Id, string EventId, string Destination, string WorkerId, string Type, string Body, int Attempts);

/// <summary>
/// Takes the next due events of an integration for one delivery worker: the due head of each worker's line (a worker's
/// pending events of one destination, oldest first), as far as it is due and unclaimed. On PostgreSQL, where several
/// <c>headwater serve</c> nodes share the outbox, the events are claimed in the database for <paramref name="lease"/>:
/// no other node takes them, or any later event of the same line, until the claim is released or expires (a node that
/// dies mid-round lets it expire, and another posts those events again with the same <c>webhook-id</c>). Claims are
/// made one node at a time under a transaction-scoped advisory lock per integration, so a node never sees a line half
/// claimed by another. SQLite is one process's store: the due lines are chosen in memory, with no claim written.
/// </summary>
internal sealed class EventClaim(HeadwaterDb db, string node, TimeSpan lease)
{
    /// <summary>Advisory lock class of the claims (with the integration id as the second key).</summary>
    private const int LockClass = 0x48574556; // "HWEV"

    /// <summary>Up to <paramref name="limit"/> due events of <paramref name="destinations"/>, oldest first.</summary>
    public async Task<List<ClaimedEvent>> Take(IReadOnlyList<string> destinations, DateTimeOffset now, int limit,
        CancellationToken cancellationToken)
    {
        var ids = db.Database.IsNpgsql()
            ? await ClaimOnPostgres(destinations, now, limit, cancellationToken)
            : await DueOnSqlite(destinations, now, limit, cancellationToken);
        if (ids.Count == 0)
        {
            return [];
        }
        return await db.Events.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id)
            .Select(e => new ClaimedEvent(e.Id, e.EventId, e.Destination, e.WorkerId, e.Type, e.Body, e.Attempts))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Extends the claims still held on <paramref name="ids"/> by a lease from <paramref name="now"/>, so a batch
    /// taking long (receivers timing out) is not taken by another node while this one is still posting it.</summary>
    public async Task Renew(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0 || !db.Database.IsNpgsql())
        {
            return;
        }
        var until = now + lease;
        await db.Events.Where(e => ids.Contains(e.Id) && e.ClaimedBy == node)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedUntil, until), cancellationToken);
    }

    /// <summary>Lets go of the claims on <paramref name="ids"/> still held (events not posted, after a failure earlier
    /// in their line or a 410), so the next round may take them at once.</summary>
    public async Task Release(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0 || !db.Database.IsNpgsql())
        {
            return;
        }
        await db.Events.Where(e => ids.Contains(e.Id) && e.ClaimedBy == node)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ClaimedBy, (string?)null).SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null),
                cancellationToken);
    }

    private async Task<List<long>> ClaimOnPostgres(IReadOnlyList<string> destinations, DateTimeOffset now, int limit,
        CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            // An event is taken when it is due and unclaimed and no earlier pending event of its line is waiting for a
            // retry or claimed: so a line is only ever posted by one node, in order.
            command.CommandText = """
                SELECT pg_advisory_xact_lock(@lockClass, @integration);
                UPDATE "Events" SET "ClaimedBy" = @node, "ClaimedUntil" = @until
                WHERE "Id" IN (
                    SELECT e."Id" FROM "Events" e
                    WHERE e."IntegrationId" = @integration AND e."Status" = 'Pending' AND e."Destination" = ANY(@destinations)
                      AND e."NextAttemptAt" <= @now AND (e."ClaimedUntil" IS NULL OR e."ClaimedUntil" <= @now)
                      AND NOT EXISTS (
                          SELECT 1 FROM "Events" p
                          WHERE p."IntegrationId" = e."IntegrationId" AND p."Destination" = e."Destination"
                            AND p."WorkerId" = e."WorkerId" AND p."Id" < e."Id" AND p."Status" = 'Pending'
                            AND (p."NextAttemptAt" > @now OR p."ClaimedUntil" > @now))
                    ORDER BY e."Id" LIMIT @limit
                    FOR UPDATE OF e SKIP LOCKED)
                RETURNING "Id";
                """;
            Add(command, "lockClass", LockClass);
            Add(command, "integration", db.IntegrationId);
            Add(command, "node", node);
            Add(command, "until", now + lease);
            Add(command, "now", now);
            Add(command, "limit", limit);
            Add(command, "destinations", destinations.ToArray());
            var ids = new List<long>();
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                await reader.NextResultAsync(ct); // past the lock's row
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetInt64(0));
                }
            }
            await transaction.CommitAsync(ct);
            return ids;
        }, cancellationToken);
    }

    private static void Add(DbCommand command, string name, object value) =>
        command.Parameters.Add(new NpgsqlParameter(name, value));

    private async Task<List<long>> DueOnSqlite(IReadOnlyList<string> destinations, DateTimeOffset now, int limit,
        CancellationToken cancellationToken)
    {
        // Times are compared here rather than in SQL (SQLite cannot compare DateTimeOffset values), reading in id order
        // only as far as the batch needs: a line is blocked from its first event not yet due.
        var pending = db.Events.AsNoTracking().Where(e => e.Status == EventStatus.Pending && destinations.Contains(e.Destination))
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.Destination, e.WorkerId, e.NextAttemptAt }).AsAsyncEnumerable();
        var blocked = new HashSet<(string, string)>();
        var due = new List<long>(limit);
        await foreach (var e in pending.WithCancellation(cancellationToken))
        {
            if (blocked.Contains((e.Destination, e.WorkerId)))
            {
                continue;
            }
            if (e.NextAttemptAt > now)
            {
                blocked.Add((e.Destination, e.WorkerId));
                continue;
            }
            due.Add(e.Id);
            if (due.Count == limit)
            {
                break;
            }
        }
        return due;
    }
}
