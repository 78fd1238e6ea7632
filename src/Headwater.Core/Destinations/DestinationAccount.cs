namespace Headwater.Core.Destinations;

/// <summary>An account as the destination holds it: its id there, how it is keyed, whether it is active, and its
/// attribute values by the same paths the mapping writes.</summary>
public sealed record DestinationAccount(
    string Id, string? ExternalId, string? UserName, string? Email, bool Active, IReadOnlyDictionary<string, string?> Attributes);

/// <summary>What applying one change did: the account's id (new on create), or why it failed. <see cref="Gone"/>
/// says the account no longer exists in the destination.</summary>
public sealed record ChangeResult(bool Succeeded, string? AccountId, string? Error = null, bool Retryable = false, bool Gone = false)
{
    public static ChangeResult Ok(string accountId) => new(true, accountId);
    public static ChangeResult Failed(string error, bool retryable = false) => new(false, null, error, retryable);
}
