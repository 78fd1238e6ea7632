using System.DirectoryServices.Protocols;
using Headwater.Connectors.Ldap;
using Headwater.Connectors.Tests.Destinations;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>
/// The destination conformance suite against a real directory: seeding and raw reads go through the peer's raw
/// connection, not the destination. The suite's "custom" attribute is employeeType: a directory refuses attributes
/// its object classes do not allow, so an attribute of a schema it was not told about cannot be kept, and the one
/// here is one both inetOrgPerson and AD's user have but no default mapping writes.
/// </summary>
public abstract class DirectoryConformanceSuite(DirectoryPeer peer, string ou) : DestinationConformanceTests, IDisposable
{
    private string _ou = "";
    private int _seeded;
    private LdapDestination? _ldap;

    protected override bool KeepsCustomAttributes => true;

    protected abstract LdapOptions Options(string baseDn);

    /// <summary>The object class, user name, external id and disabled state of a seeded account, as the profile has them.</summary>
    protected abstract IEnumerable<(string Name, string[] Values)> ProfileAttributes(SeedAccount account);

    protected override Task ResetDestination()
    {
        _ou = peer.ResetOu(ou);
        return Task.CompletedTask;
    }

    protected override IDestination CreateDestination() => _ldap = new LdapDestination("directory", Options(_ou));

    protected override Task<string> SeedUnmanagedAccount(SeedAccount account)
    {
        var request = SeedRequest(account);
        peer.Send(request);
        return Task.FromResult(peer.IdOf(peer.ByDn(request.DistinguishedName)!));
    }

    protected override Task SeedUnmanagedAccounts(IReadOnlyList<SeedAccount> accounts) => peer.AddAll([.. accounts.Select(SeedRequest)]);

    private AddRequest SeedRequest(SeedAccount account)
    {
        var attributes = ProfileAttributes(account).Append(("sn", [account.FamilyName ?? "Seeded"])).ToList();
        foreach (var (name, value) in new[] { ("mail", account.Email), ("givenName", account.GivenName) })
        {
            if (value is not null)
            {
                attributes.Add((name, [value]));
            }
        }
        var request = new AddRequest($"cn=seed{Interlocked.Increment(ref _seeded)},{_ou}");
        request.Attributes.AddRange([.. attributes.Select(a => new DirectoryAttribute(a.Name, a.Values))]);
        return request;
    }

    protected override Task<RawAccount?> ReadRaw(string accountId, IEnumerable<string> paths)
    {
        if (peer.ById(accountId) is not { } entry)
        {
            return Task.FromResult<RawAccount?>(null);
        }
        var managerId = DirectoryPeer.First(entry, "manager") is { } managerDn ? peer.IdOf(peer.ByDn(managerDn)!) : null;
        return Task.FromResult<RawAccount?>(new RawAccount(accountId, peer.IsActive(entry), managerId,
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
        var group = peer.ById(groupId)!;
        // An empty groupOfNames holds its own DN, which is no member.
        IReadOnlyCollection<string> members = [.. DirectoryPeer.All(group, "member")
            .Where(m => !m.Equals(group.DistinguishedName, StringComparison.OrdinalIgnoreCase)).Select(dn => peer.IdOf(peer.ByDn(dn)!))];
        return Task.FromResult(members);
    }

    public void Dispose()
    {
        _ldap?.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The suite against OpenLDAP slapd with the openldap profile.</summary>
[Collection(SlapdCollectionDefinition.Name)]
public sealed class OpenLdapConformanceTests(Slapd slapd) : DirectoryConformanceSuite(slapd, "conformance")
{
    protected override ConformancePaths Paths { get; } = new(
        "uid", "employeeNumber", "givenName", "sn", "displayName", "title", "mail", "telephoneNumber", "departmentNumber", "employeeType");

    protected override LdapOptions Options(string baseDn) => slapd.Options(baseDn);

    protected override IEnumerable<(string Name, string[] Values)> ProfileAttributes(SeedAccount account)
    {
        yield return ("objectClass", ["inetOrgPerson"]);
        yield return ("uid", [account.UserName]);
        if (account.ExternalId is not null)
        {
            yield return ("employeeNumber", [account.ExternalId]);
        }
        if (!account.Active)
        {
            yield return ("pwdAccountLockedTime", [LdapOptions.PolicyLock.Value]);
        }
    }
}

/// <summary>The suite against Samba's AD domain controller with the active-directory profile. Seeded accounts
/// have no password, so they are marked as not needing one (PASSWD_NOTREQD) to be enabled.</summary>
[Collection(SambaAdCollectionDefinition.Name)]
public sealed class ActiveDirectoryConformanceTests(SambaAd ad) : DirectoryConformanceSuite(ad, "conformance")
{
    protected override ConformancePaths Paths { get; } = new(
        "sAMAccountName", "employeeID", "givenName", "sn", "displayName", "title", "mail", "telephoneNumber", "department", "employeeType");

    protected override bool UserNamesMayHoldQuotes => false;

    /// <summary>Samba deletes about as slowly as it adds (some 60 entries a second on a busy machine), and every test
    /// here starts by emptying the OU; 250 span two of the destination's 200-entry pages. The listing of 2,100
    /// accounts in pages of 1,000 is <see cref="ActiveDirectoryStructureTests"/>'.</summary>
    protected override int ListingSize => 250;

    protected override LdapOptions Options(string baseDn) => ad.Options(baseDn);

    protected override IEnumerable<(string Name, string[] Values)> ProfileAttributes(SeedAccount account)
    {
        yield return ("objectClass", ["user"]);
        yield return ("sAMAccountName", [account.UserName]);
        yield return ("userAccountControl", [account.Active ? "544" : "546"]);
        if (account.ExternalId is not null)
        {
            yield return ("employeeID", [account.ExternalId]);
        }
    }
}
