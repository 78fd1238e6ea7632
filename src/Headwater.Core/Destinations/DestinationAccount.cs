namespace Headwater.Core.Destinations;

/// <summary>An account as the destination holds it: its id there, how it is keyed, whether it is active, its
/// attribute values by the same paths the mapping writes, and where it lives (<see cref="IAccountLocations"/>).</summary>
public sealed record DestinationAccount(
    string Id, string? ExternalId, string? UserName, string? Email, bool Active, IReadOnlyDictionary<string, string?> Attributes,
    string? Location = null);

/// <summary>What applying one change did: the account's id (new on create), or why it failed. <see cref="Gone"/>
/// says the account no longer exists in the destination. <see cref="Values"/> are values the destination chose
/// itself (a unique name picked from candidates), by target, to be recorded instead of what the plan proposed.
/// <see cref="Location"/> is where the account lives after the change, for a destination that says
/// (<see cref="IAccountLocations"/>).</summary>
public sealed record ChangeResult(bool Succeeded, string? AccountId, string? Error = null, bool Retryable = false, bool Gone = false,
    IReadOnlyDictionary<string, string?>? Values = null, string? Location = null)
{
    public static ChangeResult Ok(string accountId) => new(true, accountId);
    public static ChangeResult Failed(string error, bool retryable = false) => new(false, null, error, retryable);
}
