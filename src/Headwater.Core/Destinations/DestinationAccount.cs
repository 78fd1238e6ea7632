namespace Headwater.Core.Destinations;

/// <summary>An account as the destination holds it: its id there, how it is keyed, whether it is active, and its
/// attribute values by the same paths the mapping writes.</summary>
public sealed record DestinationAccount(
    string Id, string? ExternalId, string? UserName, string? Email, bool Active, IReadOnlyDictionary<string, string?> Attributes);

/// <summary>What applying one change did: the account's id (new on create), or why it failed. <see cref="Gone"/>
/// says the account no longer exists in the destination. <see cref="Values"/> are values the destination chose
/// itself (a unique name picked from candidates), by target, to be recorded instead of what the plan proposed.</summary>
public sealed record ChangeResult(bool Succeeded, string? AccountId, string? Error = null, bool Retryable = false, bool Gone = false,
    IReadOnlyDictionary<string, string?>? Values = null)
{
    public static ChangeResult Ok(string accountId) => new(true, accountId);
    public static ChangeResult Failed(string error, bool retryable = false) => new(false, null, error, retryable);
}
