using Headwater.Core.Planning;

namespace Headwater.Ui;

/// <summary>Every account of a destination by owner and state (<see cref="SaveAccounts.ReadOwnersAsync"/>), in the order
/// read, with what Save… asks of them on each request worked out once: whether an account no one holds is active, and
/// each worker's own accounts, by their id whatever the case (as the planner links them).</summary>
internal sealed class AccountOwners
{
    private readonly Dictionary<string, List<int>> _byWorker = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _holders = new(StringComparer.OrdinalIgnoreCase);

    public AccountOwners(List<KnownAccount> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        All = all;
        for (var i = 0; i < all.Count; i++)
        {
            var account = all[i];
            if (!account.IsManaged)
            {
                AnyUnheldActive |= account.Active;
                continue;
            }
            if (!_byWorker.TryGetValue(account.WorkerId!, out var own))
            {
                _byWorker[account.WorkerId!] = own = [];
            }
            own.Add(i);
            if (account.Active)
            {
                _holders.Add(account.WorkerId!);
            }
        }
    }

    public List<KnownAccount> All { get; }

    /// <summary>Whether an account no one holds is active (a worker may adopt it).</summary>
    public bool AnyUnheldActive { get; }

    /// <summary>Whether worker <paramref name="workerId"/> holds an account, active or not (the planner then never
    /// matches them to another by keys).</summary>
    public bool Holds(string workerId) => _byWorker.ContainsKey(workerId);

    /// <summary>Whether worker <paramref name="workerId"/> holds an active account.</summary>
    public bool HoldsActive(string workerId) => _holders.Contains(workerId);

    /// <summary>The accounts the workers <paramref name="workerIds"/> hold, active or not, in the order read.</summary>
    public List<KnownAccount> Of(IEnumerable<string> workerIds) =>
        [.. workerIds.Distinct(StringComparer.OrdinalIgnoreCase).SelectMany(id => _byWorker.GetValueOrDefault(id) ?? []).Order()
            .Select(i => All[i])];
}
