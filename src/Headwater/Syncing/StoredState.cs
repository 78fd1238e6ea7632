using System.Text.Json;
using Headwater.Core.Planning;
using Headwater.Core.Workers;
using Headwater.Data;
using Headwater.Reading;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Syncing;

/// <summary>What a plan starts from, as stored: the workers the last reads saw and the accounts each destination holds.</summary>
public static class StoredState
{
    /// <summary>
    /// Every stored worker that the latest full read still saw (a worker the source stopped returning is left out,
    /// so their account is left alone rather than planned on stale data).
    /// </summary>
    public static async Task<List<Worker>> Workers(HeadwaterDb db, CancellationToken cancellationToken)
    {
        var lastFull = (await db.ReadRuns.AsNoTracking().Where(r => r.Succeeded && r.Mode == "Full").Select(r => new { r.Id, r.StartedAt })
            .ToListAsync(cancellationToken)).MaxBy(r => r.Id)?.StartedAt;
        // Filtered here, not in SQL: SQLite cannot compare DateTimeOffset values.
        var rows = (await db.Workers.AsNoTracking().Select(w => new { w.Fields, w.Issues, w.LastSeenAt }).ToListAsync(cancellationToken))
            .Where(w => lastFull is not { } since || w.LastSeenAt >= since).ToList();
        // Decoding is most of a large tenant's load time and each row stands alone, so it uses every core.
        return [.. rows.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(row => StoredWorker.From(
            JsonSerializer.Deserialize(row.Fields, ReadingJson.Default.DictionaryStringString) ?? [],
            JsonSerializer.Deserialize(row.Issues, ReadingJson.Default.ListWorkerIssue) ?? []))];
    }

    public static async Task<List<AccountRecord>> Accounts(HeadwaterDb db, string destination, CancellationToken cancellationToken) =>
        await db.Accounts.AsNoTracking().Where(a => a.Destination == destination).ToListAsync(cancellationToken);

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

    public static Dictionary<string, string?> Values(AccountRecord record) =>
        JsonSerializer.Deserialize(record.Values, SyncJson.Default.DictionaryStringString) ?? [];

    public static string Json(Dictionary<string, string?> values) => JsonSerializer.Serialize(values, SyncJson.Default.DictionaryStringString);
}
