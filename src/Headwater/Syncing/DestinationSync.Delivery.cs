using Headwater.Core.Destinations;
using Headwater.Core.Planning;
using Headwater.Data;

namespace Headwater.Syncing;

public sealed partial class DestinationSync
{
    /// <summary>
    /// Hands the whole run to a destination that takes runs (<see cref="IRunReceiver"/>): everyone Headwater keeps
    /// there as they will be after this plan, and the plan's changes. It goes before anything is recorded, so a
    /// delivery that fails leaves the ledger as it was and the next run plans, and delivers, the same changes again.
    /// </summary>
    private async Task<DeliveryResult> Deliver(IRunReceiver receiver, SyncRun run, Plan plan, List<AccountRecord> records,
        CancellationToken cancellationToken)
    {
        using var activity = SyncTelemetry.Source.StartActivity("deliver");
        var now = time.GetUtcNow();
        var byWorker = records.Where(r => r.WorkerId is not null && r.Ownership != nameof(Ownership.Unmanaged))
            .ToDictionary(r => r.WorkerId!, StringComparer.OrdinalIgnoreCase);
        foreach (var change in plan.Changes.Where(c => c.IsChange))
        {
            var before = byWorker.GetValueOrDefault(change.WorkerId);
            var after = _ledger.After(before, change, ChangeResult.Ok(change.AccountId ?? change.WorkerId), change.ManagerWorkerId, now);
            if (after is null)
            {
                byWorker.Remove(change.WorkerId);
            }
            else
            {
                byWorker[change.WorkerId] = after;
            }
        }
        var roster = byWorker.Values.OrderBy(r => r.WorkerId, StringComparer.OrdinalIgnoreCase)
            .Select(r => new RosterEntry(r.WorkerId!, r.Active, StoredState.Values(r), r.ManagerWorkerId)).ToList();
        var delivery = new RunDelivery(settings.Name, run.Id, now, [.. settings.Mapper.Mappings.Select(m => m.Target)], roster,
            [.. plan.Changes.Where(c => c.IsChange)]);
        try
        {
            return await receiver.Receive(delivery, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DeliveryResult.Failed(e.Message);
        }
    }
}
