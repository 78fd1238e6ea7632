using System.DirectoryServices.Protocols;
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

    public override string IdOf(SearchResultEntry entry) => First(entry, "entryUUID")!;

    public override bool IsActive(SearchResultEntry entry) => First(entry, "pwdAccountLockedTime") is null;

    /// <summary>
    /// Waits until refint has worked through the deletes. It queues one task per deleted entry and runs them in order,
    /// each looking for the groups that name the entry when it runs, not when the entry went. A test that reuses the
    /// OU soon after would otherwise see a late task take its new entry, which has the deleted one's DN, out of its
    /// new groups. So a marker entry named by a group is deleted last, and the group waits to lose it.
    /// </summary>
    protected override void Settle(string ouDn)
    {
        var name = $"refint-marker-{Guid.NewGuid():N}";
        var (marker, group) = ($"cn={name},{BaseDn}", $"cn={name}-group,{BaseDn}");
        Add(marker, ("objectClass", ["person"]), ("cn", [name]), ("sn", ["marker"]));
        Add(group, ("objectClass", ["groupOfNames"]), ("member", [marker, group]));
        Send(new DeleteRequest(marker));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (All(ByDn(group)!, "member").Contains(marker, StringComparer.OrdinalIgnoreCase))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120),
                $"slapd's refint did not finish the deletes under {ouDn} in two minutes.");
            Thread.Sleep(50);
        }
        Send(new DeleteRequest(group));
    }
}
