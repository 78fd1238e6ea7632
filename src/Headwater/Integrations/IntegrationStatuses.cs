using Headwater.Data;
using Headwater.Syncing;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Integrations;

/// <summary>Every integration with its status, in three queries however many integrations there are: the integrations,
/// each one's latest run, and each one's last success. The integrations list and the status gauge both read it.</summary>
internal static class IntegrationStatuses
{
    /// <param name="db">The service's database.</param>
    /// <param name="progress">A running run's progress, by run id (null when it is not running here).</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    public static async Task<IReadOnlyList<(IntegrationRecord Record, IntegrationStatus Status)>> ListAsync(HeadwaterDb db,
        Func<int, SyncProgress?> progress, CancellationToken cancellationToken)
    {
        var records = await db.Integrations.AsNoTracking().OrderBy(i => i.Name).ToListAsync(cancellationToken);
        var latest = await db.IntegrationRuns.AsNoTracking()
            .Where(r => db.IntegrationRuns.Where(q => q.Status != SyncRunStatus.Queued)
                .GroupBy(q => q.IntegrationId).Select(g => g.Max(q => q.Id)).Contains(r.Id))
            .ToDictionaryAsync(r => r.IntegrationId, cancellationToken);
        var lastSuccess = await db.IntegrationRuns.AsNoTracking()
            .Where(r => db.IntegrationRuns.Where(q => q.Status == SyncRunStatus.Succeeded)
                .GroupBy(q => q.IntegrationId).Select(g => g.Max(q => q.Id)).Contains(r.Id))
            .ToDictionaryAsync(r => r.IntegrationId, r => r.FinishedAt, cancellationToken);
        return [.. records.Select(record =>
        {
            var run = latest.GetValueOrDefault(record.Id);
            var running = run is null ? null : progress(run.Id);
            return (record, IntegrationStatus.Of(record, run, lastSuccess.GetValueOrDefault(record.Id), running));
        })];
    }
}
