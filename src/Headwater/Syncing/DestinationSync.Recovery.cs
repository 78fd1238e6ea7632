using System.Text.Json;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Syncing;

public sealed partial class DestinationSync
{
    /// <summary>Runs of this destination still marked running were stopped midway. Their creates that had not been
    /// recorded are looked up in the destination (by externalId, then userName) and recorded when found, so the next
    /// plan does not create them twice.</summary>
    private async Task<int> Recover(CancellationToken cancellationToken)
    {
        var interrupted = await db.SyncRuns.Where(r => r.Destination == settings.Name && r.Status == SyncRunStatus.Running).ToListAsync(cancellationToken);
        var recovered = 0;
        foreach (var run in interrupted)
        {
            var creates = await db.Changes.Where(c => c.RunId == run.Id && c.Status == ChangeStatus.Planned && c.Kind == nameof(ChangeKind.Create)).ToListAsync(cancellationToken);
            foreach (var change in creates)
            {
                var attributes = JsonSerializer.Deserialize(change.Attributes, SyncJson.Default.ListAttributeChange) ?? [];
                var planned = new PlannedChange(ChangeKind.Create, change.WorkerId, null, attributes,
                    ReasonCodes.TryParse(change.Code, out var code) ? code : ReasonCode.Hired, change.Reason, change.ManagerWorkerId, change.Active);
                if (await FindCreated(attributes, cancellationToken) is not { } found)
                {
                    continue;
                }
                var before = await db.Accounts.FirstOrDefaultAsync(a => a.Destination == settings.Name && a.AccountId == found.Id, cancellationToken);
                if (before is { WorkerId: not null } && before.Ownership != nameof(Ownership.Unmanaged))
                {
                    continue;
                }
                var now = time.GetUtcNow();
                var after = _ledger.After(before, planned, ChangeResult.Ok(found.Id), linkedManager: null, now)!;
                after.Active = found.Active;
                if (before is null)
                {
                    db.Accounts.Add(after);
                }
                change.Status = ChangeStatus.Applied;
                change.AccountId = found.Id;
                change.AppliedAt = now;
                change.Error = "Recorded after the run was interrupted: the account was found in the destination.";
                db.Entry(change).State = EntityState.Modified;
                recovered++;
            }
            run.Status = SyncRunStatus.Interrupted;
            run.FinishedAt ??= time.GetUtcNow();
            run.Error = $"Stopped before it finished; {recovered} account(s) it created were found in the destination and recorded.";
            db.Entry(run).State = EntityState.Modified;
            await db.SaveChangesAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        return recovered;
    }

    private async Task<DestinationAccount?> FindCreated(List<AttributeChange> attributes, CancellationToken cancellationToken)
    {
        foreach (var key in settings.Policy.MatchBy.Where(k => k.Key is AccountKey.ExternalId or AccountKey.UserName))
        {
            if (attributes.FirstOrDefault(a => string.Equals(a.Name, key.Target, StringComparison.OrdinalIgnoreCase))?.New is { Length: > 0 } value
                && Reader is { } reader && await reader.Find(key.Key, value, cancellationToken) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
