using Headwater.Connectors.Ldap;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>OpenLDAP entries named by cn (<c>rdn: cn</c>) rather than the profile's uid, against slapd.</summary>
[Collection(SlapdCollectionDefinition.Name)]
public sealed class LdapNamingTests(Slapd slapd) : IDisposable
{
    private readonly string _ou = slapd.ResetOu("naming");
    private LdapDestination? _destination;

    private LdapDestination Destination => _destination ??= new LdapDestination("directory", slapd.Options(_ou) with
    {
        Rdn = "cn",
        Unique = new HashSet<string>(["uid"], StringComparer.OrdinalIgnoreCase),
    });

    private static PlannedChange Hire(string workerId, string first, string last, string uid) => new(ChangeKind.Create, workerId, null,
        [
            new("uid", null, uid), new("employeeNumber", null, workerId), new("givenName", null, first), new("sn", null, last),
            new("cn", null, $"{first} {last}"),
        ], ReasonCode.Hired, "hire");

    private async Task<ChangeResult> Applied(PlannedChange change)
    {
        var result = await Destination.Apply(change, null);
        Assert.True(result.Succeeded, result.Error);
        return result;
    }

    [Fact]
    public async Task Entries_are_named_by_cn_numbered_when_taken_and_renamed_when_the_cn_changes_keeping_uid_and_groups()
    {
        var first = (await Applied(Hire("E7401", "Emmy", "Noether", "emmy.noether"))).AccountId!;
        var second = await Applied(Hire("E7402", "Emmy", "Noether", "emmy.noether.2"));
        var group = (await ((IGroupWriter)Destination).CreateGroup("Algebraists")).GroupId!;
        Assert.True((await ((IGroupWriter)Destination).ChangeMembers(group, [first], [])).Succeeded);

        Assert.Equal($"cn=Emmy Noether,{_ou}", slapd.ById(first)!.DistinguishedName, ignoreCase: true);
        Assert.Equal($"cn=Emmy Noether2,{_ou}", slapd.ById(second.AccountId!)!.DistinguishedName, ignoreCase: true);
        Assert.Equal("Emmy Noether2", second.Values!["cn"]);

        await Applied(new PlannedChange(ChangeKind.Update, "E7401", first, [new("cn", "Emmy Noether", "Amalie Noether")],
            ReasonCode.Changed, "rename"));

        var renamed = slapd.ById(first)!;
        Assert.Equal($"cn=Amalie Noether,{_ou}", renamed.DistinguishedName, ignoreCase: true);
        Assert.Equal(["Amalie Noether"], DirectoryPeer.All(renamed, "cn"));
        Assert.Equal("emmy.noether", DirectoryPeer.First(renamed, "uid"));
        Assert.Contains(renamed.DistinguishedName, await slapd.MembersIncluding(group, renamed.DistinguishedName), StringComparer.OrdinalIgnoreCase);
    }

    public void Dispose() => _destination?.Dispose();
}
