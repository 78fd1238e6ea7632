using Headwater.Core.Planning;
using Headwater.Data;
using Headwater.Syncing;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Ui;

/// <summary>
/// The accounts the Policy page's Save… decides with, read no further than its decisions need. Only an active account is
/// deactivated, and it is the worker's own (the last managed one with their id, whatever the case) or, for a worker
/// without one, an account no one holds that the policy's match keys adopt. So while no such account is active, or
/// every candidate holds an account of their own, a candidate without an active account of their own is never
/// deactivated (<see cref="Deactivatable"/>); one out of scope is decided by their own account's owner and state alone
/// (<see cref="Owned"/>), and one in scope is never matched by keys, so their plan reads only their own accounts
/// (<see cref="PlannedAsync"/>). Otherwise every account may be matched, and every one is read, known by its keys
/// (<see cref="StoredState.ByKeys"/>).
/// </summary>
internal sealed class SaveAccounts
{
    private static readonly IReadOnlyDictionary<string, string?> NoValues = new Dictionary<string, string?>();

    private readonly string _destination;

    /// <summary>Null when every account was read (<see cref="Owned"/> then holds them all).</summary>
    private readonly Dictionary<string, int>? _order;

    private SaveAccounts(string destination, List<int> deactivatable, List<KnownAccount> owned, Dictionary<string, int>? order)
    {
        _destination = destination;
        Deactivatable = deactivatable;
        Owned = owned;
        _order = order;
    }

    /// <summary>The candidates' rows the planner could deactivate.</summary>
    public List<int> Deactivatable { get; }

    /// <summary>Every account of theirs, in the order they were read, with their owner and state (and without their keys
    /// and values, unless every account was read).</summary>
    public List<KnownAccount> Owned { get; }

    /// <summary>The accounts Save… decides <paramref name="candidates"/> with: every account by owner and state as kept
    /// (<see cref="WorkerColumnsCache.OwnersAsync"/>), and the others read only if one no one holds is active and a
    /// candidate holds none.</summary>
    public static async Task<SaveAccounts> ReadAsync(HeadwaterDb db, WorkerColumnsCache kept, string destination, WorkerColumns stored,
        List<int> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kept);
        var owners = await kept.OwnersAsync(db, destination, cancellationToken);
        if (owners.AnyUnheldActive && candidates.Exists(r => !owners.Holds(PolicyPreview.Id(stored, r))))
        {
            var all = db.Accounts.AsNoTracking().Where(a => a.Destination == destination);
            var every = (await StoredState.ByKeys(all).ToListAsync(cancellationToken)).ConvertAll(StoredState.Known);
            return new(destination, candidates, every, null);
        }
        var rows = candidates.FindAll(r => owners.HoldsActive(PolicyPreview.Id(stored, r)));
        var owned = owners.Of(rows.Select(r => PolicyPreview.Id(stored, r)));
        var order = owned.Select((a, n) => (a.AccountId, n)).ToDictionary(p => p.AccountId, p => p.n, StringComparer.Ordinal);
        return new(destination, rows, owned, order);
    }

    /// <summary>Every account of <paramref name="destination"/>, in the order a plan reads them, by owner and state alone.</summary>
    public static async Task<List<KnownAccount>> ReadOwnersAsync(HeadwaterDb db, string destination, CancellationToken cancellationToken) =>
        (await db.Accounts.AsNoTracking().Where(a => a.Destination == destination)
            .Select(a => new { a.AccountId, a.WorkerId, a.Ownership, a.Active }).ToListAsync(cancellationToken))
        .ConvertAll(a => new KnownAccount(a.AccountId, a.WorkerId, Enum.Parse<Ownership>(a.Ownership), a.Active, NoValues));

    /// <summary>The accounts the plans of the workers <paramref name="workerIds"/> read, known by their keys.</summary>
    public async Task<List<KnownAccount>> PlannedAsync(HeadwaterDb db, IEnumerable<string> workerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(workerIds);
        if (_order is null)
        {
            return Owned;
        }
        var ids = workerIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var storedIds = Owned.Where(a => ids.Contains(a.WorkerId!)).Select(a => a.WorkerId!).Distinct(StringComparer.Ordinal).ToList();
        if (storedIds.Count == 0)
        {
            return [];
        }
        // Read by the ids as stored (one parameter, so the index on the worker id finds them), and kept in the order all
        // were read: it says which account a worker holding two is linked to.
        var read = await StoredState.ByKeys(db.Accounts.AsNoTracking()
            .Where(a => a.Destination == _destination && a.WorkerId != null && EF.Parameter(storedIds).Contains(a.WorkerId)))
            .ToListAsync(cancellationToken);
        return [.. read.Where(a => _order.ContainsKey(a.AccountId)).OrderBy(a => _order[a.AccountId]).Select(StoredState.Known)];
    }
}
