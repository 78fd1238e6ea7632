namespace Headwater.Core.Planning;

public enum Ownership
{
    /// <summary>Headwater created it.</summary>
    Created,
    /// <summary>It existed and Headwater matched it to a worker: managed from then on.</summary>
    Adopted,
    /// <summary>It exists in the destination and belongs to no worker; never deactivated or deleted.</summary>
    Unmanaged,
}

/// <summary>
/// An account as Headwater last knew it: its id in the destination, whose it is, whether it is active, and the
/// values Headwater last wrote (by mapping target). <see cref="ManagerWorkerId"/> is the worker whose account was
/// linked as manager.
/// </summary>
public sealed record KnownAccount(
    string AccountId,
    string? WorkerId,
    Ownership Ownership,
    bool Active,
    IReadOnlyDictionary<string, string?> Values,
    string? ExternalId = null,
    string? UserName = null,
    string? Email = null,
    DateTimeOffset? DeactivatedAt = null,
    string? ManagerWorkerId = null)
{
    public bool IsManaged => Ownership != Ownership.Unmanaged && WorkerId is not null;
}
