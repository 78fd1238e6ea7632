using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Ui;

/// <summary>
/// What one destination's accounts were when they were read, for keeping them (<see cref="WorkerColumnsCache.OwnersAsync"/>):
/// the latest of its sync runs and of the integration's service runs, each with its state, and how many accounts it holds.
/// Accounts are written by runs alone: a sync run applying its plan, recovering an interrupted one or reading the
/// destination (adopting and forgetting accounts, before its own row is added), a disconnect's run. A service run is
/// queued, runs and ends around all of that, and a sync run of the command line is added once it has read the
/// destination (or failed to), so a change of either says the accounts may have changed; the count covers a command
/// line run that stopped between reading and adding its row.
/// </summary>
public readonly record struct AccountsVersion(int LatestSync, SyncRunStatus SyncStatus, int LatestRun, SyncRunStatus RunStatus,
    int Accounts)
{
    /// <summary>The version of <paramref name="destination"/>'s accounts; null while a run may be writing them.</summary>
    public static async Task<AccountsVersion?> OfAsync(HeadwaterDb db, string destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sync = await db.SyncRuns.AsNoTracking().Where(r => r.Destination == destination).OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Status }).FirstOrDefaultAsync(cancellationToken);
        var run = await db.IntegrationRuns.AsNoTracking().Where(r => r.IntegrationId == db.IntegrationId).OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Status }).FirstOrDefaultAsync(cancellationToken);
        if (sync?.Status == SyncRunStatus.Running || run?.Status == SyncRunStatus.Running)
        {
            return null;
        }
        return new(sync?.Id ?? 0, sync?.Status ?? default, run?.Id ?? 0, run?.Status ?? default,
            await db.Accounts.CountAsync(a => a.Destination == destination, cancellationToken));
    }
}
