using Headwater.Data;
using Headwater.Integrations;
using Headwater.Syncing;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Ui;

/// <summary>An integration as the Integrations page lists it: its status, the people Headwater keeps an active account
/// for, the changes waiting (stopped by a safety limit for approval, or failed and to be tried again) and its latest run.</summary>
public sealed record IntegrationOverview(IntegrationRecord Record, IntegrationStatus Status, int People, int Waiting,
    IntegrationRun? LatestRun)
{
    /// <summary>Every integration, in a fixed number of queries however many workers there are.</summary>
    public static async Task<IReadOnlyList<IntegrationOverview>> ListAsync(HeadwaterDb db, Func<int, SyncProgress?> progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var statuses = await IntegrationStatuses.ListAsync(db, progress, cancellationToken);
        // Counted from the accounts' index on (integration, worker, active) alone, never from the table.
        var people = await db.Accounts.IgnoreQueryFilters().Where(a => a.Active && a.WorkerId != null)
            .GroupBy(a => EF.Property<int>(a, HeadwaterDb.IntegrationColumn))
            .Select(g => new { Integration = g.Key, Count = g.Select(a => a.WorkerId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Integration, g => g.Count, cancellationToken);
        // The latest runs' parts first, so only their changes are read (through the index on integration and run), never
        // every change ever recorded.
        var integrations = statuses.Select(s => s.Record.Id).ToList();
        var latestRuns = statuses.Select(s => s.Status.LastRunId).OfType<int>().ToList();
        var latestParts = await db.SyncRuns.IgnoreQueryFilters()
            .Where(r => r.IntegrationRunId != null && latestRuns.Contains(r.IntegrationRunId.Value))
            .Select(r => r.Id).ToListAsync(cancellationToken);
        var waiting = await db.Changes.IgnoreQueryFilters()
            .Where(c => integrations.Contains(EF.Property<int>(c, HeadwaterDb.IntegrationColumn)) && latestParts.Contains(c.RunId)
                && (c.Status == ChangeStatus.Blocked || c.Status == ChangeStatus.Failed))
            .GroupBy(c => EF.Property<int>(c, HeadwaterDb.IntegrationColumn))
            .Select(g => new { Integration = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Integration, g => g.Count, cancellationToken);
        var runs = await db.IntegrationRuns.AsNoTracking().Where(r => latestRuns.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        return [.. statuses.Select(s => new IntegrationOverview(s.Record, s.Status, people.GetValueOrDefault(s.Record.Id),
            waiting.GetValueOrDefault(s.Record.Id), s.Status.LastRunId is { } id ? runs.GetValueOrDefault(id) : null))];
    }
}
