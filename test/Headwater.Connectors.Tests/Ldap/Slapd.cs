using Headwater.Connectors.Ldap;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>The tests that share the OpenLDAP slapd that eng/slapd.sh starts; xUnit runs them one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SlapdCollectionDefinition : ICollectionFixture<Slapd>
{
    public const string Name = "OpenLDAP slapd";
}

/// <summary>The OpenLDAP slapd started by eng/slapd.sh, read from HEADWATER_TEST_LDAP; raw access as its root account.</summary>
public sealed class Slapd() : DirectoryPeer(Variable, "eng/slapd.sh 57201 57202", "adminDn", "adminPassword")
{
    public const string Variable = "HEADWATER_TEST_LDAP";

    public Uri StartTlsUrl => new(Settings["startTlsUrl"]);

    /// <summary>The destination's options for the service account, with entries under <paramref name="baseDn"/>.</summary>
    public LdapOptions Options(string baseDn) => ServiceOptions(baseDn, LdapProfile.OpenLdap);

    protected override string IdFilter(string id) => $"(entryUUID={id})";

    public override string IdOf(System.DirectoryServices.Protocols.SearchResultEntry entry) => First(entry, "entryUUID")!;

    public override bool IsActive(System.DirectoryServices.Protocols.SearchResultEntry entry) => First(entry, "pwdAccountLockedTime") is null;
}
