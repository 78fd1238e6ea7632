using Headwater.Connectors.Ldap;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>The tests that share the Samba AD domain controller that eng/samba-ad.sh provisions; one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SambaAdCollectionDefinition : ICollectionFixture<SambaAd>
{
    public const string Name = "Samba AD";
}

/// <summary>Samba's Active Directory domain controller started by eng/samba-ad.sh, read from HEADWATER_TEST_AD; raw
/// access as the domain administrator, who is also the destination's account.</summary>
public sealed class SambaAd() : DirectoryPeer(Variable, "eng/samba-ad.sh", "bindDn", "password")
{
    public const string Variable = "HEADWATER_TEST_AD";

    public LdapOptions Options(string baseDn) => ServiceOptions(baseDn, LdapProfile.ActiveDirectory);

    protected override string IdFilter(string id) =>
        $"(objectGUID={string.Concat(Guid.Parse(id).ToByteArray().Select(b => $"\\{b:x2}"))})";

    public override string IdOf(System.DirectoryServices.Protocols.SearchResultEntry entry) =>
        new Guid((byte[])entry.Attributes["objectGUID"].GetValues(typeof(byte[]))[0]).ToString();

    public override bool IsActive(System.DirectoryServices.Protocols.SearchResultEntry entry) =>
        (int.Parse(First(entry, "userAccountControl")!, System.Globalization.CultureInfo.InvariantCulture) & 2) == 0;
}
