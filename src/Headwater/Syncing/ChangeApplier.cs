using System.Collections.Concurrent;
using System.Threading.Channels;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Syncing;

/// <summary>One change and what the destination said, with the manager account it was linked to.</summary>
public sealed record AppliedChange(int Index, PlannedChange Change, ChangeResult Result, string? LinkedManager);

/// <summary>
/// Applies a plan's changes to a destination, many at once. Creates go in waves, a manager's before their reports',
/// so a new hire and a new manager are linked in the same run; everything else follows in one wave. A change that
/// throws is a failed change, never a failed run. Results stream out as they come, for the caller to record.
/// </summary>
public sealed class ChangeApplier(IAccountWriter destination, int concurrency)
{
    /// <summary>Applies <paramref name="changes"/> (skips excluded) and writes each result to <paramref name="results"/>.
    /// <paramref name="accountsByWorker"/> holds the managed accounts' ids by worker, and gains each new account. A change
    /// is applied only once <paramref name="recorded"/> (given its index) has completed: its record is written.</summary>
    public async Task Apply(IReadOnlyList<PlannedChange> changes, ConcurrentDictionary<string, string> accountsByWorker,
        ChannelWriter<AppliedChange> results, CancellationToken cancellationToken, Func<int, Task>? recorded = null)
    {
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
            foreach (var wave in Waves(changes))
            {
                await Parallel.ForEachAsync(wave, options, async (item, ct) =>
                {
                    var (index, change) = item;
                    if (recorded is not null)
                    {
                        await recorded(index).WaitAsync(ct);
                    }
                    var manager = change.ManagerWorkerId is { } m && accountsByWorker.TryGetValue(m, out var id) ? id : null;
                    ChangeResult result;
                    try
                    {
                        result = await destination.Apply(change, manager, ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        result = ChangeResult.Failed($"{e.GetType().Name}: {e.Message}", retryable: true);
                    }
                    if (result.Succeeded && result.AccountId is { } accountId && change.Kind is ChangeKind.Create or ChangeKind.Reactivate or ChangeKind.Update)
                    {
                        accountsByWorker[change.WorkerId] = accountId;
                    }
                    await results.WriteAsync(new AppliedChange(index, change, result, manager is null ? null : change.ManagerWorkerId), ct);
                });
            }
            results.TryComplete();
        }
        catch (Exception e)
        {
            results.TryComplete(e);
            throw;
        }
    }

    /// <summary>For a destination that takes whole runs rather than single changes: every change is accepted as it
    /// is planned (the delivery that follows carries it), with the worker's id as a new account's id.</summary>
    public static async Task Accept(IReadOnlyList<PlannedChange> changes, ConcurrentDictionary<string, string> accountsByWorker,
        ChannelWriter<AppliedChange> results, CancellationToken cancellationToken)
    {
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (!change.IsChange)
            {
                continue;
            }
            var accountId = change.AccountId ?? change.WorkerId;
            accountsByWorker[change.WorkerId] = accountId;
            var manager = change.ManagerWorkerId is { } m && accountsByWorker.TryGetValue(m, out var id) ? id : null;
            await results.WriteAsync(new AppliedChange(i, change, ChangeResult.Ok(accountId), manager is null ? null : change.ManagerWorkerId), cancellationToken);
        }
        results.TryComplete();
    }

    /// <summary>Creates by their depth among this plan's creates (a manager before the reports), then the rest.</summary>
    public static IEnumerable<List<(int Index, PlannedChange Change)>> Waves(IReadOnlyList<PlannedChange> changes)
    {
        var indexed = changes.Select((c, i) => (Index: i, Change: c)).Where(c => c.Change.IsChange).ToList();
        var creates = indexed.Where(c => c.Change.Kind == ChangeKind.Create).ToDictionary(c => c.Change.WorkerId, StringComparer.OrdinalIgnoreCase);
        int Depth(PlannedChange change)
        {
            var depth = 0;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var manager = change.ManagerWorkerId; manager is not null && creates.TryGetValue(manager, out var next) && seen.Add(manager); depth++)
            {
                manager = next.Change.ManagerWorkerId;
            }
            return depth;
        }
        foreach (var wave in creates.Values.GroupBy(c => Depth(c.Change)).OrderBy(g => g.Key))
        {
            yield return [.. wave];
        }
        var rest = indexed.Where(c => c.Change.Kind != ChangeKind.Create).ToList();
        if (rest.Count > 0)
        {
            yield return rest;
        }
    }
}
