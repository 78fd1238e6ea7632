using System.Text.Json;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Syncing;

/// <summary>What the recovery of interrupted runs did: how many changes not recorded as done were read back from the
/// destination, and how many of those were creates found to have happened.</summary>
public sealed record Recovery(int ReadBack, int CreatesFound);

public sealed partial class DestinationSync
{
    /// <summary>Up to this many unrecorded creates are looked up one by one; more, or any other change, and the
    /// destination is listed once instead.</summary>
    private const int LookUpsBeforeListing = 100;

    /// <summary>
    /// Runs of this destination still marked running were stopped midway. Every change of theirs not recorded as done
    /// is uncertain: it may have reached the destination just before the stop. So the accounts involved are read back
    /// (found creates are recorded as Headwater's; updated, deactivated and reactivated accounts take the values and
    /// state the destination holds; an account no longer there is forgotten) and the next plan is made against what
    /// is really there.
    /// </summary>
    private async Task<Recovery?> Recover(CancellationToken cancellationToken)
    {
        var interrupted = await db.SyncRuns.Where(r => r.Destination == settings.Name && r.Status == SyncRunStatus.Running).ToListAsync(cancellationToken);
        if (interrupted.Count == 0)
        {
            return null;
        }
        var runIds = interrupted.Select(r => r.Id).ToList();
        var uncertain = await db.Changes.Where(c => runIds.Contains(c.RunId) && c.Status == ChangeStatus.Planned && c.Kind != nameof(ChangeKind.Skip))
            .ToListAsync(cancellationToken);
        var recovered = 0;
        if (uncertain.Count > 0 && Reader is { } reader)
        {
            var onlyFewCreates = uncertain.Count <= LookUpsBeforeListing && uncertain.All(c => c.Kind == nameof(ChangeKind.Create));
            var listing = onlyFewCreates ? null : await DestinationListing.Read(reader, cancellationToken);
            foreach (var change in uncertain)
            {
                recovered += await ReadBack(change, reader, listing, cancellationToken) ? 1 : 0;
            }
        }
        var now = time.GetUtcNow();
        foreach (var run in interrupted)
        {
            run.Status = SyncRunStatus.Interrupted;
            run.FinishedAt ??= now;
            run.Error = $"Stopped before it finished; {uncertain.Count(c => c.RunId == run.Id)} change(s) not recorded as done were read back " +
                "from the destination, and the next plan was made against what is there.";
        }
        db.ChangeTracker.DetectChanges(); // the sync turns automatic detection off for its large batches
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new Recovery(uncertain.Count, recovered);
    }

    /// <summary>Reads one uncertain change's account back; true when a create is found to have happened.</summary>
    private async Task<bool> ReadBack(ChangeRecord change, IAccountReader reader, DestinationListing? listing, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        change.AppliedAt = now;
        if (change.Kind == nameof(ChangeKind.Create))
        {
            var attributes = JsonSerializer.Deserialize(change.Attributes, SyncJson.Default.ListAttributeChange) ?? [];
            var found = listing is null ? await FindCreated(reader, attributes, cancellationToken) : listing.Created(attributes, settings.Policy.MatchBy);
            if (found is null)
            {
                change.Status = ChangeStatus.Failed;
                change.Error = "Interrupted before it reached the destination; the next plan creates the account again.";
                return false;
            }
            var before = await db.Accounts.FirstOrDefaultAsync(a => a.Destination == settings.Name && a.AccountId == found.Id, cancellationToken);
            if (before is { WorkerId: not null } && before.Ownership != nameof(Ownership.Unmanaged))
            {
                change.Status = ChangeStatus.Failed;
                change.Error = $"Interrupted; the account found ({found.Id}) already belongs to worker {before.WorkerId}.";
                return false;
            }
            var planned = new PlannedChange(ChangeKind.Create, change.WorkerId, null, attributes,
                ReasonCodes.TryParse(change.Code, out var code) ? code : ReasonCode.Hired, change.Reason, change.ManagerWorkerId, change.Active);
            var after = _ledger.After(before, planned, ChangeResult.Ok(found.Id), linkedManager: null, now)!;
            after.Active = found.Active;
            after.Values = StoredState.Json(new Dictionary<string, string?>(found.Attributes));
            if (before is null)
            {
                db.Accounts.Add(after);
            }
            change.Status = ChangeStatus.Applied;
            change.AccountId = found.Id;
            change.Error = "Recorded after the run was interrupted: the account was found in the destination.";
            return true;
        }
        var record = change.AccountId is null ? null
            : await db.Accounts.FirstOrDefaultAsync(a => a.Destination == settings.Name && a.AccountId == change.AccountId, cancellationToken);
        var current = listing?.ById(change.AccountId);
        change.Status = ChangeStatus.Failed;
        if (record is null)
        {
            change.Error = "Interrupted; the account is no longer known.";
        }
        else if (current is null)
        {
            db.Accounts.Remove(record);
            change.Error = "Interrupted; the account is no longer in the destination and is forgotten, so the worker is planned again.";
        }
        else
        {
            record.Active = current.Active;
            record.Values = StoredState.Json(new Dictionary<string, string?>(current.Attributes));
            record.DeactivatedAt = current.Active ? null : record.DeactivatedAt ?? now;
            record.UpdatedAt = now;
            change.Error = "Interrupted; the account was read back from the destination and the next plan was made against it.";
        }
        return false;
    }

    private async Task<DestinationAccount?> FindCreated(IAccountReader reader, List<AttributeChange> attributes, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in DestinationListing.CreateKeys(attributes, settings.Policy.MatchBy))
        {
            if (await reader.Find(key, value, cancellationToken) is { } found)
            {
                return found;
            }
        }
        return null;
    }
}
