namespace Headwater.Core.Planning;

/// <summary>
/// A derived group as Headwater last knew it: its name, its id in the destination (null until created), its
/// members by worker id, and <see cref="OtherMemberAccountIds"/>: destination members that belong to no managed
/// worker, known only after reading the destination's groups (a first sync or a reconcile). Headwater owns derived
/// groups' membership, so those others are removed.
/// </summary>
public sealed record KnownGroup(
    string Name,
    string? GroupId,
    IReadOnlyCollection<string> MemberWorkerIds,
    IReadOnlyCollection<string> OtherMemberAccountIds)
{
    /// <summary>How many workers the group holds, when <see cref="MemberWorkerIds"/> lists only those a plan considers.</summary>
    public int? MemberCount { get; init; }
}
