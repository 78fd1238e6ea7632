using System.Text;
using System.Text.Json;
using Headwater.Core.Planning;
using Headwater.Core.Workers;
using Headwater.Data;
using Headwater.Reading;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Syncing;

/// <summary>What a plan starts from, as stored: the workers the last reads saw and the accounts each destination holds.</summary>
public static class StoredState
{
    /// <summary>
    /// The stored workers a plan starts from: those the latest successful full read returned and any a later read
    /// returned (<see cref="WorkerRecord.SeenInRead"/> is the read's id); everyone before the first full read. A worker
    /// the source stopped returning is left out, so their account is left alone rather than planned on stale data.
    /// </summary>
    public static async Task<IQueryable<WorkerRecord>> CurrentWorkers(HeadwaterDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var workers = db.Workers.AsNoTracking();
        var lastFull = await db.ReadRuns.AsNoTracking().Where(r => r.Succeeded && r.Mode == "Full").MaxAsync(r => (int?)r.Id, cancellationToken);
        if (lastFull is not { } full)
        {
            return workers;
        }
        if (await workers.AnyAsync(w => w.SeenInRead == full, cancellationToken))
        {
            return workers.Where(w => w.SeenInRead >= full);
        }
        // Workers stored before reads recorded their id, until the next full read: those last seen since it started,
        // compared here because SQLite cannot compare DateTimeOffset values in SQL.
        var started = await db.ReadRuns.AsNoTracking().Where(r => r.Id == full).Select(r => r.StartedAt).SingleAsync(cancellationToken);
        var seen = (await workers.Select(w => new { w.Id, w.LastSeenAt }).ToListAsync(cancellationToken))
            .Where(w => w.LastSeenAt >= started).Select(w => w.Id).ToList();
        return workers.Where(w => seen.Contains(w.Id));
    }

    /// <summary>The <see cref="CurrentWorkers"/> (or those of them in <paramref name="ids"/>), decoded.</summary>
    public static async Task<List<Worker>> Workers(HeadwaterDb db, CancellationToken cancellationToken, IReadOnlyCollection<string>? ids = null) =>
        await await Read(db, ids, cancellationToken);

    /// <summary>The <see cref="CurrentWorkers"/>, decoded, and the destination's accounts: these are read while the
    /// last workers are still being decoded.</summary>
    public static async Task<(List<Worker> Workers, List<AccountRecord> Accounts)> WorkersAndAccounts(HeadwaterDb db, string destination,
        CancellationToken cancellationToken)
    {
        var decoding = await Read(db, null, cancellationToken);
        var accounts = await Accounts(db, destination, cancellationToken);
        return (await decoding, accounts);
    }

    /// <summary>Reads the workers' rows; the task returned completes once the last of them is decoded.</summary>
    private static async Task<Task<List<Worker>>> Read(HeadwaterDb db, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken)
    {
        var query = await CurrentWorkers(db, cancellationToken);
        if (ids is not null)
        {
            query = query.Where(w => ids.Contains(w.Id));
        }
        // Decoding costs as much as reading and each row stands alone: batches are decoded on other cores while the
        // next rows are read.
        var rows = query.Select(w => new { w.Fields, w.Issues });
        var decoding = new List<Task<Worker[]>>();
        var batch = new List<(byte[] Fields, string Issues)>(DecodeBatch);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = rows.CreateDbCommand();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            // SQLite holds text as UTF-8, which is what the decoder reads: taken as bytes, a row's fields are neither
            // made into a string of twice the size nor encoded back.
            var utf8 = reader is SqliteDataReader;
            while (await reader.ReadAsync(cancellationToken))
            {
                var fields = utf8 ? reader.GetFieldValue<byte[]>(0) : Encoding.UTF8.GetBytes(reader.GetString(0));
                batch.Add((fields, reader.GetString(1)));
                if (batch.Count == DecodeBatch)
                {
                    decoding.Add(Decode(batch, cancellationToken));
                    batch = new(DecodeBatch);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        decoding.Add(Decode(batch, cancellationToken));
        return Flatten(decoding);
    }

    private static async Task<List<Worker>> Flatten(List<Task<Worker[]>> decoding) =>
        [.. (await Task.WhenAll(decoding)).SelectMany(workers => workers)];

    private const int DecodeBatch = 500;

    private static Task<Worker[]> Decode(List<(byte[] Fields, string Issues)> rows, CancellationToken cancellationToken) =>
        Task.Run(() => Decode(rows), cancellationToken);

    private static Worker[] Decode(List<(byte[] Fields, string Issues)> rows)
    {
        // A worker keeps the values, not the dictionary they were looked up in: one dictionary serves the batch.
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        var workers = new Worker[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            StoredFields.Decode(rows[i].Fields, fields);
            var issues = rows[i].Issues == "[]" ? [] : JsonSerializer.Deserialize(rows[i].Issues, ReadingJson.Default.ListWorkerIssue);
            workers[i] = StoredWorker.From(fields, issues ?? []);
        }
        return workers;
    }

    public static async Task<List<AccountRecord>> Accounts(HeadwaterDb db, string destination, CancellationToken cancellationToken) =>
        await db.Accounts.AsNoTracking().Where(a => a.Destination == destination).ToListAsync(cancellationToken);

    /// <summary>The accounts by their keys, state and owner, as a plan knows those it does not change: the values recorded
    /// for an account are read only when no worker holds it (a worker may adopt it, and its values are then compared).
    /// Records read this way are never saved.</summary>
    public static IQueryable<AccountRecord> ByKeys(IQueryable<AccountRecord> accounts)
    {
        var unmanaged = nameof(Ownership.Unmanaged);
        return accounts.Select(a => new AccountRecord
        {
            Destination = a.Destination, AccountId = a.AccountId, WorkerId = a.WorkerId, Ownership = a.Ownership, Active = a.Active,
            Values = a.WorkerId == null || a.Ownership == unmanaged ? a.Values : "{}",
            ExternalId = a.ExternalId, UserName = a.UserName, Email = a.Email, DeactivatedAt = a.DeactivatedAt,
            ManagerWorkerId = a.ManagerWorkerId, Location = a.Location,
        });
    }

    public static KnownAccount Known(AccountRecord record) => new(
        record.AccountId,
        record.WorkerId,
        Enum.Parse<Ownership>(record.Ownership),
        record.Active,
        Values(record),
        record.ExternalId,
        record.UserName,
        record.Email,
        record.DeactivatedAt,
        record.ManagerWorkerId);

    /// <summary>The values recorded for the account. Every account of a destination has the same attribute names, held
    /// once by the decoder for all of them, as a stored worker's.</summary>
    public static Dictionary<string, string?> Values(AccountRecord record) => StoredFields.Decode(record.Values);

    public static string Json(Dictionary<string, string?> values) => JsonSerializer.Serialize(values, SyncJson.Default.DictionaryStringString);
}
