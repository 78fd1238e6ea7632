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
    /// Every stored worker (or those of <paramref name="ids"/>) that the latest full read still saw: a worker the
    /// source stopped returning is left out, so their account is left alone rather than planned on stale data.
    /// </summary>
    public static async Task<List<Worker>> Workers(HeadwaterDb db, CancellationToken cancellationToken, IReadOnlyCollection<string>? ids = null)
    {
        var since = await LastFullRead(db, cancellationToken);
        var query = db.Workers.AsNoTracking();
        if (ids is not null)
        {
            query = query.Where(w => ids.Contains(w.Id));
        }
        var rows = (await query.Select(w => new { w.Fields, w.Issues, w.LastSeenAt }).ToListAsync(cancellationToken))
            .Where(w => since is not { } full || w.LastSeenAt >= full).ToList(); // here, not in SQL: SQLite cannot compare DateTimeOffset values
        // Decoding is most of a large tenant's load time and each row stands alone, so it uses every core.
        return [.. rows.AsParallel().AsOrdered().WithCancellation(cancellationToken).Select(row => StoredWorker.From(
            JsonSerializer.Deserialize(row.Fields, ReadingJson.Default.DictionaryStringString) ?? [],
            JsonSerializer.Deserialize(row.Issues, ReadingJson.Default.ListWorkerIssue) ?? []))];
    }

    /// <summary>When the latest successful full read started; null when there has been none.</summary>
    internal static async Task<DateTimeOffset?> LastFullRead(HeadwaterDb db, CancellationToken cancellationToken) =>
        (await db.ReadRuns.AsNoTracking().Where(r => r.Succeeded && r.Mode == "Full").Select(r => new { r.Id, r.StartedAt })
            .ToListAsync(cancellationToken)).MaxBy(r => r.Id)?.StartedAt;

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
