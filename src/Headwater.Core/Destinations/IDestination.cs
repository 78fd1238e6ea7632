using Headwater.Core.Planning;

namespace Headwater.Core.Destinations;

/// <summary>An account as the destination holds it: its id there, how it is keyed, whether it is active, and its
/// attribute values by the same paths the mapping writes.</summary>
public sealed record DestinationAccount(
    string Id, string? ExternalId, string? UserName, string? Email, bool Active, IReadOnlyDictionary<string, string?> Attributes);

/// <summary>What applying one change did: the account's id (new on create), or why it failed.</summary>
public sealed record ChangeResult(bool Succeeded, string? AccountId, string? Error = null, bool Retryable = false)
{
    public static ChangeResult Ok(string accountId) => new(true, accountId);
    public static ChangeResult Failed(string error, bool retryable = false) => new(false, null, error, retryable);
}

/// <summary>
/// A system Headwater provisions accounts into. Every destination passes the same conformance suite: create,
/// update each kind of attribute, deactivate, reactivate, delete, adopt, idempotent re-run, manager link, paging.
/// </summary>
public interface IDestination
{
    string Name { get; }

    /// <summary>Every account the destination holds (paged underneath).</summary>
    IAsyncEnumerable<DestinationAccount> ListAccounts(CancellationToken cancellationToken = default);

    /// <summary>The account whose <paramref name="key"/> (externalId, userName or email) equals the value,
    /// case-insensitively; null when there is none.</summary>
    Task<DestinationAccount?> Find(string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Applies one change. <paramref name="managerAccountId"/> is the manager's account id here, if any.
    /// Never throws for a rejected record: the failure is returned, so one bad record does not stop a run.</summary>
    Task<ChangeResult> Apply(PlannedChange change, string? managerAccountId, CancellationToken cancellationToken = default);
}
