using Headwater.Connectors.Ldap;
using Headwater.Connectors.Tests.Destinations;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>
/// The destination conformance suite against OpenLDAP slapd with the openldap profile: seeding and raw reads go
/// through the directory's root account, not the destination. The suite's "custom" attribute is employeeType: an
/// LDAP directory refuses attributes its object classes do not allow, so an attribute of a schema it was not told
/// about cannot be kept, and the one here is an inetOrgPerson attribute no default mapping writes.
/// </summary>
[Collection(SlapdCollectionDefinition.Name)]
public sealed class LdapConformanceTests(Slapd slapd) : DestinationConformanceTests, IDisposable
{
    private string _ou = "";
    private int _seeded;
    private LdapDestination? _ldap;

    protected override ConformancePaths Paths { get; } = new(
        "uid", "employeeNumber", "givenName", "sn", "displayName", "title", "mail", "telephoneNumber", "departmentNumber", "employeeType");

    protected override bool KeepsCustomAttributes => true;

    protected override Task ResetDestination()
    {
        _ou = slapd.ResetOu("conformance");
        return Task.CompletedTask;
    }

    protected override IDestination CreateDestination() => _ldap = new LdapDestination("directory", slapd.Options(_ou));

    protected override Task<string> SeedUnmanagedAccount(SeedAccount account)
    {
        var dn = $"cn=seed{++_seeded},{_ou}";
        var attributes = new List<(string, string[])>
        {
            ("objectClass", ["inetOrgPerson"]), ("uid", [account.UserName]), ("sn", [account.FamilyName ?? "Seeded"]),
        };
        if (account.ExternalId is not null)
        {
            attributes.Add(("employeeNumber", [account.ExternalId]));
        }
        if (account.Email is not null)
        {
            attributes.Add(("mail", [account.Email]));
        }
        if (account.GivenName is not null)
        {
            attributes.Add(("givenName", [account.GivenName]));
        }
        if (!account.Active)
        {
            attributes.Add(("pwdAccountLockedTime", ["000001010000Z"]));
        }
        slapd.Add(dn, [.. attributes]);
        return Task.FromResult(DirectoryPeer.First(slapd.ByDn(dn)!, "entryUUID")!);
    }

    protected override Task<RawAccount?> ReadRaw(string accountId, IEnumerable<string> paths)
    {
        if (slapd.ById(accountId) is not { } entry)
        {
            return Task.FromResult<RawAccount?>(null);
        }
        var managerId = DirectoryPeer.First(entry, "manager") is { } managerDn ? DirectoryPeer.First(slapd.ByDn(managerDn)!, "entryUUID") : null;
        return Task.FromResult<RawAccount?>(new RawAccount(accountId, DirectoryPeer.First(entry, "pwdAccountLockedTime") is null, managerId,
            paths.Distinct().ToDictionary(p => p, p => DirectoryPeer.First(entry, p))));
    }

    protected override async Task<string> EnsureGroup(string name)
    {
        var result = await ((IGroupWriter)_ldap!).CreateGroup(name);
        Assert.True(result.Succeeded, result.Error);
        return result.GroupId!;
    }

    protected override async Task<bool> SetGroupMembers(string groupId, IReadOnlyCollection<string> accountIds)
    {
        var current = await ReadGroupMembers(groupId);
        var result = await ((IGroupWriter)_ldap!).ChangeMembers(groupId, [.. accountIds.Except(current)], [.. current.Except(accountIds)]);
        Assert.True(result.Succeeded, result.Error);
        return true;
    }

    protected override Task<IReadOnlyCollection<string>> ReadGroupMembers(string groupId)
    {
        var group = slapd.ById(groupId)!;
        // An empty groupOfNames holds its own DN, which is no member.
        IReadOnlyCollection<string> members = [.. DirectoryPeer.All(group, "member").Where(m => !m.Equals(group.DistinguishedName, StringComparison.OrdinalIgnoreCase))
            .Select(dn => DirectoryPeer.First(slapd.ByDn(dn)!, "entryUUID")!)];
        return Task.FromResult(members);
    }

    public void Dispose() => _ldap?.Dispose();
}
