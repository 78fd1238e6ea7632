using Headwater.Core.Mapping;

namespace Headwater.Core.Planning;

/// <summary>The known accounts, by the worker they belong to and by each match key.</summary>
internal sealed class AccountIndex
{
    private readonly Dictionary<string, KnownAccount> _byWorker = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(AccountKey, string), List<KnownAccount>> _byKey = [];

    public AccountIndex(IEnumerable<KnownAccount> accounts)
    {
        foreach (var account in accounts)
        {
            if (account.IsManaged)
            {
                _byWorker[account.WorkerId!] = account;
            }
            Add(AccountKey.ExternalId, account.ExternalId, account);
            Add(AccountKey.UserName, account.UserName, account);
            Add(AccountKey.Email, account.Email, account);
        }
    }

    public IEnumerable<KnownAccount> LinkedAccounts => _byWorker.Values;

    public KnownAccount? Linked(string workerId) => _byWorker.GetValueOrDefault(workerId);

    /// <summary>The worker's account: the one linked to them, else the first match by the policy's keys in order.
    /// A match that is ambiguous, or that already belongs to another worker, is a problem, not a guess.</summary>
    public AccountMatch Find(string workerId, MappedWorker mapped, SyncPolicy policy)
    {
        if (Linked(workerId) is { } linked)
        {
            return new(linked, null, null);
        }
        foreach (var key in policy.MatchBy)
        {
            var value = mapped.Values.FirstOrDefault(v => v.Target == key.Target)?.Value?.Trim();
            if (string.IsNullOrEmpty(value) || !_byKey.TryGetValue((key.Key, value.ToUpperInvariant()), out var matches))
            {
                continue;
            }
            if (matches.Count > 1)
            {
                var ambiguous = $"{matches.Count} accounts match {key.Key} '{value}'; none is adopted. "
                    + "Resolve the duplicates in the destination.";
                return new(null, new(ReasonCode.AmbiguousMatch, ambiguous), null);
            }
            var match = matches[0];
            if (match.IsManaged && !string.Equals(match.WorkerId, workerId, StringComparison.OrdinalIgnoreCase))
            {
                return new(null, new(ReasonCode.AccountOwnedByOther,
                    $"The account matching {key.Key} '{value}' already belongs to worker {match.WorkerId}; none is adopted."), null);
            }
            var adopted = match with { WorkerId = workerId, Ownership = Ownership.Adopted };
            return new(adopted, null, $"Adopted the existing account matched by {key.Key} '{value}'.");
        }
        return new(null, null, null);
    }

    private void Add(AccountKey key, string? value, KnownAccount account)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }
        var normalised = (key, value.Trim().ToUpperInvariant());
        if (!_byKey.TryGetValue(normalised, out var list))
        {
            _byKey[normalised] = list = [];
        }
        list.Add(account);
    }
}

/// <summary>A reason code with its words.</summary>
internal readonly record struct Why(ReasonCode Code, string Text);

/// <summary>The worker's account as matched: linked or adopted (<see cref="Adopted"/> says how), or why none could be.</summary>
internal readonly record struct AccountMatch(KnownAccount? Account, Why? Problem, string? Adopted);
