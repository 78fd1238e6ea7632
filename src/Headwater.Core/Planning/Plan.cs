namespace Headwater.Core.Planning;

public enum ChangeKind { Create, Update, Deactivate, Reactivate, Delete, Skip }

/// <summary>One attribute's value before and after; <c>Old</c> is null on create.</summary>
public sealed record AttributeChange(string Name, string? Old, string? New);

/// <summary>
/// What the plan will do for one worker's account in one destination, and why: <see cref="Code"/> to filter on,
/// <see cref="Reason"/> in words for people. Attribute values are the destination's attribute paths (for SCIM, e.g.
/// <c>name.givenName</c>, <c>emails[type eq "work"].value</c>). <see cref="ManagerWorkerId"/> names the worker whose
/// account is this account's manager, resolved at apply time to that account's destination id (a new hire and a
/// new manager can be created in the same run).
/// </summary>
public sealed record PlannedChange(
    ChangeKind Kind,
    string WorkerId,
    string? AccountId,
    IReadOnlyList<AttributeChange> Attributes,
    ReasonCode Code,
    string Reason,
    string? ManagerWorkerId = null,
    bool Active = true)
{
    public bool IsChange => Kind != ChangeKind.Skip;
}

/// <summary>
/// A plan: every change for one destination, in the order they are applied. Creates come first, each manager's
/// before their reports', then updates, deactivations, reactivations, deletions and skips, so every manager a
/// change links to has an account by then. <see cref="Groups"/> follow the account changes: a group's new members
/// may be accounts this plan creates.
/// </summary>
public sealed record Plan(string Destination, IReadOnlyList<PlannedChange> Changes, DateTimeOffset At)
{
    /// <summary>Changes to derived groups, by group name then kind; empty when groups are not kept.</summary>
    public IReadOnlyList<GroupChange> Groups { get; init; } = [];

    public int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);
    public bool HasChanges => Groups.Count > 0 || Changes.Any(c => c.IsChange);
}
