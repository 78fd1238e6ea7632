namespace Headwater.Core.Planning;

public enum GroupChangeKind { Create, AddMembers, RemoveMembers }

/// <summary>
/// One change to a derived group: create it, or add or remove members. <see cref="WorkerIds"/> are the members
/// to add or remove, by worker (resolved to their accounts at apply time); <see cref="AccountIds"/> are other
/// destination accounts to remove. <see cref="GroupId"/> is null for a group this plan creates.
/// </summary>
public sealed record GroupChange(
    GroupChangeKind Kind,
    string Group,
    string? GroupId,
    IReadOnlyList<string> WorkerIds,
    IReadOnlyList<string> AccountIds,
    ReasonCode Code,
    string Reason);
