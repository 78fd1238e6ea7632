namespace Headwater.Core.Destinations;

/// <summary>A group as the destination holds it, with its members' account ids.</summary>
public sealed record DestinationGroup(string Id, string Name, IReadOnlyList<string> MemberAccountIds);

/// <summary>What a group operation did: the group's id, or why it failed.</summary>
public sealed record GroupResult(bool Succeeded, string? GroupId, bool Created = false, int Added = 0, int Removed = 0,
    string? Error = null, bool Retryable = false)
{
    public static GroupResult Failed(string error, bool retryable = false, string? groupId = null, int added = 0, int removed = 0) =>
        new(false, groupId, false, added, removed, error, retryable);
}

/// <summary>Keeps groups in step: the engine plans which groups to create and which members to add or remove from
/// its own record, and reads the destination's groups only on a first sync or a reconcile.</summary>
public interface IGroupWriter : IDestination
{
    /// <summary>Every group the destination holds, with members. Throws <see cref="DestinationException"/> when the
    /// list cannot be read in full.</summary>
    IAsyncEnumerable<DestinationGroup> ListGroups(CancellationToken cancellationToken = default);

    /// <summary>Creates the group, or finds it when one of that name exists already.</summary>
    Task<GroupResult> CreateGroup(string name, CancellationToken cancellationToken = default);

    /// <summary>Adds and removes members by account id. Adding a member who is there, or removing one who is not,
    /// is not a failure.</summary>
    Task<GroupResult> ChangeMembers(string groupId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove,
        CancellationToken cancellationToken = default);
}
