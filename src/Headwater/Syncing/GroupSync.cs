using Headwater.Core.Destinations;
using Headwater.Core.Planning;
using Headwater.Data;
using Microsoft.EntityFrameworkCore;

namespace Headwater.Syncing;

/// <summary>What keeping the groups in step did.</summary>
public sealed record GroupSummary(int Groups, int Created, int Added, int Removed, IReadOnlyList<string> Errors);

/// <summary>
/// Groups as the planner sees them and as the plan changes them. Headwater keeps its own record of each derived group
/// and its members (by worker), so a sync plans memberships without reading the destination; the destination's groups
/// are read on a first sync and on a reconcile, to take over groups that exist and to see members added by hand.
/// Headwater owns these groups' membership: members it did not put there are removed, and a group no one belongs to
/// any more is emptied, not deleted.
/// </summary>
public sealed class GroupSync(HeadwaterDb db, IGroupWriter groups, string destination, TimeProvider time)
{
    /// <summary>The groups as Headwater last left them; with <paramref name="workers"/>, only their memberships (and each
    /// group's count of members).</summary>
    public static async Task<List<KnownGroup>> Recorded(HeadwaterDb db, string destination, CancellationToken cancellationToken,
        IReadOnlyCollection<string>? workers = null)
    {
        var records = await db.Groups.AsNoTracking().Where(g => g.Destination == destination).ToListAsync(cancellationToken);
        var query = db.GroupMembers.AsNoTracking().Where(m => m.Destination == destination);
        query = workers is null ? query : query.Where(m => workers.Contains(m.WorkerId));
        var members = (await query.ToListAsync(cancellationToken))
            .GroupBy(m => m.Group, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(m => m.WorkerId).ToList(), StringComparer.OrdinalIgnoreCase);
        var counts = workers is null ? null : await db.GroupMembers.AsNoTracking().Where(m => m.Destination == destination)
            .GroupBy(m => m.Group).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. records.Select(r => new KnownGroup(r.Name, r.GroupId, members.GetValueOrDefault(r.Name) ?? [], [])
        {
            MemberCount = counts is null ? null : counts.GetValueOrDefault(r.Name),
        })];
    }

    /// <summary>The destination's groups named in <paramref name="names"/>, as they are there: members that are accounts
    /// of managed workers by worker, the rest as other accounts. With <paramref name="persist"/>, Headwater's record is
    /// replaced by what was read.</summary>
    public async Task<List<KnownGroup>> Listed(IReadOnlySet<string> names, IEnumerable<AccountRecord> accounts, bool persist,
        CancellationToken cancellationToken)
    {
        var workerOf = accounts.Where(a => a.WorkerId is not null && a.Ownership != nameof(Ownership.Unmanaged))
            .ToDictionary(a => a.AccountId, a => a.WorkerId!, StringComparer.Ordinal);
        var listed = new List<KnownGroup>();
        await foreach (var group in groups.ListGroups(cancellationToken))
        {
            if (!names.Contains(group.Name) || listed.Any(g => string.Equals(g.Name, group.Name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var workers = group.MemberAccountIds.Where(workerOf.ContainsKey).Select(id => workerOf[id]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            listed.Add(new KnownGroup(group.Name, group.Id, workers, [.. group.MemberAccountIds.Where(id => !workerOf.ContainsKey(id))]));
        }
        if (persist)
        {
            await db.GroupMembers.Where(m => m.Destination == destination).ExecuteDeleteAsync(cancellationToken);
            await db.Groups.Where(g => g.Destination == destination).ExecuteDeleteAsync(cancellationToken);
            foreach (var group in listed)
            {
                db.Groups.Add(new GroupRecord { Destination = destination, Name = group.Name, GroupId = group.GroupId!, UpdatedAt = time.GetUtcNow() });
                db.GroupMembers.AddRange(group.MemberWorkerIds.Select(w => new GroupMemberRecord { Destination = destination, Group = group.Name, WorkerId = w }));
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        return listed;
    }

    /// <summary>Applies the plan's group changes, after its account changes (new members may be new accounts), and
    /// records each membership that took. A worker whose account could not be created is left out, so the next
    /// run plans them again.</summary>
    public async Task<GroupSummary> Apply(IReadOnlyList<GroupChange> changes, CancellationToken cancellationToken)
    {
        var unmanaged = nameof(Ownership.Unmanaged);
        var accountOf = await db.Accounts.AsNoTracking().Where(a => a.Destination == destination && a.WorkerId != null && a.Ownership != unmanaged)
            .Select(a => new { a.WorkerId, a.AccountId }).ToDictionaryAsync(a => a.WorkerId!, a => a.AccountId, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var records = await db.Groups.Where(g => g.Destination == destination).ToDictionaryAsync(g => g.Name, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var failed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int created = 0, added = 0, removed = 0;
        var errors = new List<string>();
        foreach (var change in changes)
        {
            if (failed.Contains(change.Group))
            {
                continue;
            }
            var record = records.GetValueOrDefault(change.Group);
            if (change.Kind == GroupChangeKind.Create)
            {
                var result = await groups.CreateGroup(change.Group, cancellationToken);
                if (!result.Succeeded)
                {
                    errors.Add($"Group '{change.Group}': {result.Error}");
                    failed.Add(change.Group);
                    continue;
                }
                created += result.Created ? 1 : 0;
                if (record is null)
                {
                    records[change.Group] = record = new GroupRecord { Destination = destination, Name = change.Group, GroupId = result.GroupId! };
                    db.Groups.Add(record);
                }
                record.GroupId = result.GroupId!;
                record.UpdatedAt = time.GetUtcNow();
                continue;
            }
            var groupId = record?.GroupId ?? change.GroupId;
            if (groupId is null)
            {
                errors.Add($"Group '{change.Group}': it has no id in {destination}; a reconcile (--reconcile) finds or makes it again.");
                failed.Add(change.Group);
                continue;
            }
            var workers = change.WorkerIds.Where(accountOf.ContainsKey).ToList();
            var accounts = workers.Select(w => accountOf[w]).ToList();
            var adding = change.Kind == GroupChangeKind.AddMembers;
            var outcome = adding
                ? await groups.ChangeMembers(groupId, accounts, [], cancellationToken)
                : await groups.ChangeMembers(groupId, [], [.. accounts, .. change.AccountIds], cancellationToken);
            added += outcome.Added;
            removed += outcome.Removed;
            if (!outcome.Succeeded)
            {
                errors.Add($"Group '{change.Group}': {outcome.Error}");
                failed.Add(change.Group);
                continue;
            }
            var members = (adding ? workers : change.WorkerIds)
                .Select(w => new GroupMemberRecord { Destination = destination, Group = record?.Name ?? change.Group, WorkerId = w });
            if (adding)
            {
                db.GroupMembers.AddRange(members);
            }
            else
            {
                db.GroupMembers.RemoveRange(members);
            }
            if (record is not null)
            {
                record.UpdatedAt = time.GetUtcNow();
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await db.Groups.Where(g => g.Destination == destination).ExecuteUpdateAsync(g => g.SetProperty(r => r.Members, 0), cancellationToken);
        var counts = await db.GroupMembers.Where(m => m.Destination == destination).GroupBy(m => m.Group)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var count in counts)
        {
            await db.Groups.Where(g => g.Destination == destination && g.Name == count.Key)
                .ExecuteUpdateAsync(g => g.SetProperty(r => r.Members, count.Count), cancellationToken);
        }
        return new GroupSummary(counts.Count(c => c.Count > 0), created, added, removed, errors);
    }
}
