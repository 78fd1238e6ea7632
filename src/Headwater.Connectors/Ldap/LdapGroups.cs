using System.DirectoryServices.Protocols;
using System.Runtime.CompilerServices;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Ldap;

/// <summary>
/// Derived groups as directory entries under <see cref="LdapOptions.GroupsBase"/>: groupOfNames in OpenLDAP, global
/// security groups in Active Directory, named by their cn and known by their entryUUID or objectGUID. Members are
/// account DNs, read and written as account ids. A groupOfNames must have a member, so an empty one holds its own DN,
/// which is never reported as a member.
/// </summary>
internal sealed class LdapGroups(LdapConnections connections, LdapSchema schema, LdapDestination accounts)
{
    private const string GlobalSecurityGroup = "-2147483646";

    private LdapOptions Options => connections.Options;

    private string[] Attributes => ["cn", "member", schema.IdAttribute];

    public async IAsyncEnumerable<DestinationGroup> ListGroups([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var entry in connections.Search(Options.BaseDn, schema.AccountFilter, [schema.IdAttribute], cancellationToken))
        {
            if (schema.Id(entry) is { } id)
            {
                ids[LdapText.Normal(entry.DistinguishedName)] = id;
            }
        }
        await foreach (var entry in connections.Search(Options.GroupsBase, schema.GroupFilter, Attributes, cancellationToken))
        {
            if (schema.Id(entry) is { } id)
            {
                var members = Members(entry).Where(dn => !IsSelf(entry, dn)).Select(dn => ids.GetValueOrDefault(LdapText.Normal(dn))).OfType<string>().ToList();
                yield return new DestinationGroup(id, LdapText.First(entry, "cn") ?? entry.DistinguishedName, members);
            }
        }
    }

    public async Task<GroupResult> CreateGroup(string name, CancellationToken cancellationToken)
    {
        try
        {
            var filter = $"(&{schema.GroupFilter}(cn={LdapText.Filter(name)}))";
            await foreach (var existing in connections.Search(Options.GroupsBase, filter, Attributes, cancellationToken))
            {
                return new GroupResult(true, schema.Id(existing));
            }
            var dn = $"{LdapText.Rdn("cn", name)},{Options.GroupsBase}";
            var add = new AddRequest(dn, new DirectoryAttribute("objectClass", schema.GroupClasses), new DirectoryAttribute("cn", name));
            add.Attributes.Add(schema.Profile == LdapProfile.ActiveDirectory
                ? new DirectoryAttribute("groupType", GlobalSecurityGroup)
                : new DirectoryAttribute("member", dn));
            await connections.Send(add, cancellationToken);
            var created = await connections.Read(dn, [schema.IdAttribute], cancellationToken);
            return new GroupResult(true, created is null ? null : schema.Id(created), Created: true);
        }
        catch (DirectoryOperationException e)
        {
            return GroupResult.Failed($"The directory refused group '{name}' ({e.Response?.ResultCode}): {e.Response?.ErrorMessage ?? e.Message}");
        }
    }

    /// <summary>Adds and removes only the members that differ, in one modify. An account is matched by its DN and
    /// by the DNs this run moved it from, which the group may still hold (OpenLDAP's refint overlay rewrites them after
    /// the move has answered); adding it replaces such a DN. When the rewrite lands between the read and the modify,
    /// the directory refuses the modify, which is worked out again from a fresh read.</summary>
    public async Task<GroupResult> ChangeMembers(string groupId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove,
        CancellationToken cancellationToken)
    {
        var adds = new List<string[]>();
        foreach (var id in add)
        {
            if ((await accounts.EntryById(id, cancellationToken))?.DistinguishedName is not { } dn)
            {
                return GroupResult.Failed($"The account {id} to add to the group was not found.", groupId: groupId);
            }
            adds.Add([dn, .. accounts.FormerDns(id)]);
        }
        var removes = new List<string[]>();
        foreach (var id in remove)
        {
            if ((await accounts.EntryById(id, cancellationToken))?.DistinguishedName is { } dn)
            {
                removes.Add([dn, .. accounts.FormerDns(id)]);
            }
        }
        for (var attempt = 1; ; attempt++)
        {
            var group = await GroupById(groupId, cancellationToken);
            if (group is null)
            {
                return GroupResult.Failed($"No group with {schema.IdAttribute} {groupId} exists under {Options.GroupsBase}.");
            }
            var current = Members(group).Where(dn => !IsSelf(group, dn)).Select(LdapText.Normal).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var adding = adds.Where(dns => !current.Contains(LdapText.Normal(dns[0]))).ToList();
            var removing = removes.Where(dns => dns.Any(dn => current.Contains(LdapText.Normal(dn)))).ToList();
            // The values to delete: every DN a removed account is named by, and the former DNs of added ones.
            var deleting = adds.SelectMany(dns => dns.Skip(1)).Concat(removing.SelectMany(dns => dns))
                .Where(dn => current.Contains(LdapText.Normal(dn))).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var after = current.Count - deleting.Count + adding.Count;
            var modifications = Modifications(group, after, [.. adding.Select(dns => dns[0])], deleting);
            if (modifications.Count > 0)
            {
                var request = new ModifyRequest(group.DistinguishedName);
                request.Modifications.AddRange([.. modifications]);
                try
                {
                    await connections.Send(request, cancellationToken);
                }
                catch (DirectoryOperationException e) when (attempt < 3
                    && e.Response?.ResultCode is ResultCode.NoSuchAttribute or ResultCode.AttributeOrValueExists)
                {
                    continue;
                }
                catch (DirectoryOperationException e)
                {
                    return GroupResult.Failed($"The directory refused the members ({e.Response?.ResultCode}): {e.Response?.ErrorMessage ?? e.Message}",
                        groupId: groupId);
                }
            }
            return new GroupResult(true, groupId, Added: adding.Count, Removed: removing.Count);
        }
    }

    private List<DirectoryAttributeModification> Modifications(SearchResultEntry group, int after, List<string> adding, List<string> removing)
    {
        var self = group.DistinguishedName;
        var placeholder = Members(group).Any(dn => IsSelf(group, dn));
        var keepsPlaceholder = schema.Profile == LdapProfile.OpenLdap && after == 0;
        var modifications = new List<DirectoryAttributeModification>();
        if (keepsPlaceholder && !placeholder)
        {
            adding.Add(self);
        }
        if (placeholder && !keepsPlaceholder)
        {
            removing.Add(self);
        }
        foreach (var (values, operation) in new[] { (adding, DirectoryAttributeOperation.Add), (removing, DirectoryAttributeOperation.Delete) })
        {
            if (values.Count > 0)
            {
                var modification = new DirectoryAttributeModification { Name = "member", Operation = operation };
                modification.AddRange(values.ToArray()); // a string[]: object[] is refused
                modifications.Add(modification);
            }
        }
        adding.Remove(self);
        removing.Remove(self);
        return modifications;
    }

    private async Task<SearchResultEntry?> GroupById(string id, CancellationToken cancellationToken)
    {
        if (schema.IdFilter(id) is not { } filter)
        {
            return null;
        }
        await foreach (var entry in connections.Search(Options.GroupsBase, $"(&{schema.GroupFilter}{filter})", Attributes, cancellationToken))
        {
            return entry;
        }
        return null;
    }

    private static IEnumerable<string> Members(SearchResultEntry group) => LdapText.All(group, "member").Where(m => m.Length > 0);

    private static bool IsSelf(SearchResultEntry group, string dn) => LdapText.SameDn(group.DistinguishedName, dn);
}
