using Headwater.Core.Destinations;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Syncing;

/// <summary>What keeping the groups in step did.</summary>
public sealed record GroupSummary(int Groups, int Created, int Added, int Removed, IReadOnlyList<string> Errors);

/// <summary>
/// Keeps the destination's derived groups in step: each group gets exactly the active accounts whose workers the
/// group rules put in it (created when missing), and a group Headwater kept before that no one belongs to any more is
/// emptied, not deleted. Headwater owns these groups' membership: members added by hand are removed.
/// </summary>
public sealed class GroupSync(HeadwaterDb db, IGroupWriter groups, string destination, TimeProvider time)
{
    public async Task<GroupSummary> Run(IReadOnlyDictionary<string, List<string>> membersByGroup, CancellationToken cancellationToken)
    {
        var known = await db.Groups.Where(g => g.Destination == destination).ToDictionaryAsync(g => g.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var wanted = new Dictionary<string, List<string>>(membersByGroup, StringComparer.OrdinalIgnoreCase);
        foreach (var name in known.Keys.Where(n => !wanted.ContainsKey(n)).ToList())
        {
            wanted[name] = [];
        }
        int created = 0, added = 0, removed = 0;
        var errors = new List<string>();
        var current = new Dictionary<string, DestinationGroup>(StringComparer.OrdinalIgnoreCase);
        await foreach (var group in groups.ListGroups(cancellationToken))
        {
            current.TryAdd(group.Name, group);
        }
        foreach (var (name, members) in wanted.OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
        {
            var record = known.GetValueOrDefault(name);
            var there = current.GetValueOrDefault(name);
            var groupId = there?.Id;
            if (groupId is null)
            {
                var ensured = await groups.CreateGroup(name, cancellationToken);
                if (!ensured.Succeeded)
                {
                    errors.Add($"Group '{name}': {ensured.Error}");
                    continue;
                }
                groupId = ensured.GroupId!;
                created += ensured.Created ? 1 : 0;
            }
            if (record is null)
            {
                record = new GroupRecord { Destination = destination, Name = name, GroupId = groupId };
                db.Groups.Add(record);
            }
            record.GroupId = groupId;
            var have = there?.MemberAccountIds.ToHashSet(StringComparer.Ordinal) ?? [];
            var result = await groups.ChangeMembers(groupId, [.. members.Where(m => !have.Contains(m))],
                [.. have.Except(members, StringComparer.Ordinal)], cancellationToken);
            added += result.Added;
            removed += result.Removed;
            if (!result.Succeeded)
            {
                errors.Add($"Group '{name}': {result.Error}");
                continue;
            }
            record.Members = members.Count;
            record.UpdatedAt = time.GetUtcNow();
        }
        await db.SaveChangesAsync(cancellationToken);
        return new GroupSummary(wanted.Count(g => g.Value.Count > 0), created, added, removed, errors);
    }
}
