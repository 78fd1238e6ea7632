namespace Headwater.Core.Planning;

/// <summary>
/// Plans derived groups the way accounts are planned: from the groups each worker belongs in and Headwater's own
/// record of the groups, never from a fresh read of the destination. Groups are matched by name and workers by id,
/// both ignoring case; a group no one belongs in any more is emptied, not deleted.
/// </summary>
internal static class GroupPlanner
{
    private static readonly StringComparer ByName = StringComparer.OrdinalIgnoreCase;

    /// <param name="workers">Each worker whose memberships the plan may change, with the groups they belong in
    /// (none when out of scope or without an active account). A recorded member not listed (absent from the read, or
    /// of unknown status) is left as they are.</param>
    /// <param name="known">The groups as Headwater last knew them.</param>
    public static List<GroupChange> Plan(IEnumerable<(string WorkerId, IReadOnlyList<string> Groups)> workers,
        IReadOnlyList<KnownGroup> known)
    {
        var listed = new HashSet<string>(ByName);
        var wanted = new Dictionary<string, (string Name, HashSet<string> Members)>(ByName);
        foreach (var (workerId, groups) in workers)
        {
            listed.Add(workerId);
            foreach (var name in groups)
            {
                if (!wanted.TryGetValue(name, out var group))
                {
                    wanted[name] = group = (name, new HashSet<string>(ByName));
                }
                group.Members.Add(workerId);
            }
        }
        var recorded = new Dictionary<string, KnownGroup>(ByName);
        foreach (var group in known)
        {
            recorded.TryAdd(group.Name, group);
        }

        var changes = new List<GroupChange>();
        var names = wanted.Keys.Concat(recorded.Keys).Distinct(ByName).Order(ByName).ThenBy(n => n, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var members = wanted.TryGetValue(name, out var want) ? want.Members : [];
            if (recorded.GetValueOrDefault(name) is not { GroupId: { } groupId } group)
            {
                if (members.Count > 0)
                {
                    var newName = recorded.GetValueOrDefault(name)?.Name ?? want.Name;
                    changes.Add(new(GroupChangeKind.Create, newName, null, [], [], ReasonCode.GroupCreated,
                        $"{Belong(members.Count)} in it by the group rules, and the destination does not have it yet."));
                    changes.Add(Add(newName, null, members));
                }
                continue;
            }
            var current = new HashSet<string>(group.MemberWorkerIds, ByName);
            var joining = members.Where(w => !current.Contains(w)).ToList();
            if (joining.Count > 0)
            {
                changes.Add(Add(group.Name, groupId, joining));
            }
            var leaving = current.Where(w => listed.Contains(w) && !members.Contains(w)).ToList();
            if (leaving.Count > 0)
            {
                var emptied = members.Count == 0 && leaving.Count == (group.MemberCount ?? current.Count);
                changes.Add(new(GroupChangeKind.RemoveMembers, group.Name, groupId, Sorted(leaving), [], ReasonCode.LeftGroup, emptied
                    ? $"No one belongs in it by the group rules any more: emptied ({Workers(leaving.Count)} removed), not deleted."
                    : $"{Belong(leaving.Count)} in it no longer: the group rules put them elsewhere, "
                        + "or they are out of scope or inactive."));
            }
            if (group.OtherMemberAccountIds.Count > 0)
            {
                var others = group.OtherMemberAccountIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                changes.Add(new(GroupChangeKind.RemoveMembers, group.Name, groupId, [], others, ReasonCode.NotInGroupRule,
                    $"{others.Count} member account(s) belong to no worker Headwater manages; "
                    + "Headwater keeps this group's members, so they are removed."));
            }
        }
        return changes;
    }

    private static GroupChange Add(string group, string? groupId, IEnumerable<string> workerIds)
    {
        var sorted = Sorted(workerIds);
        return new(GroupChangeKind.AddMembers, group, groupId, sorted, [], ReasonCode.JoinedGroup,
            $"{Belong(sorted.Count)} in it by the group rules.");
    }

    private static List<string> Sorted(IEnumerable<string> workerIds) =>
        [.. workerIds.Order(ByName).ThenBy(w => w, StringComparer.Ordinal)];

    private static string Workers(int count) => count == 1 ? "1 worker" : $"{count} workers";

    private static string Belong(int count) => count == 1 ? "1 worker belongs" : $"{count} workers belong";
}
