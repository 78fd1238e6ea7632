using System.DirectoryServices.Protocols;
using Headwater.Connectors.Ldap;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>Where entries go in the directory's tree, against both slapd and Samba AD: a transfer and a change of
/// groups in the same run, OUs made when missing, and nothing put outside the base.</summary>
public abstract class DirectoryStructureTests(DirectoryPeer peer, string ou) : IDisposable
{
    private readonly List<LdapDestination> _destinations = [];

    protected string Ou { get; } = peer.ResetOu(ou);

    protected abstract LdapOptions Options(string baseDn);

    /// <summary>How many groups each moved entry is also in.</summary>
    protected virtual int Teams => 100;

    /// <summary>A hire with the profile's attributes, in <paramref name="parent"/> when given.</summary>
    protected abstract PlannedChange Hire(string workerId, string first, string last, string? parent = null);

    /// <summary>A destination as one run has it: what it learns of moves lasts as long as it does.</summary>
    protected LdapDestination Destination(Func<LdapOptions, LdapOptions>? configure = null)
    {
        var destination = new LdapDestination("directory", (configure ?? (o => o))(Options(Ou)));
        _destinations.Add(destination);
        return destination;
    }

    protected string AddOu(string name, string? parent = null)
    {
        var dn = $"ou={name},{parent ?? Ou}";
        peer.Add(dn, ("objectClass", ["organizationalUnit"]), ("ou", [name]));
        return dn;
    }

    protected static string Applied(ChangeResult result)
    {
        Assert.True(result.Succeeded, result.Error);
        return result.AccountId!;
    }

    protected static async Task<string> Group(IGroupWriter groups, string name, IReadOnlyCollection<string> members)
    {
        var group = await groups.CreateGroup(name);
        Assert.True(group.Succeeded, group.Error);
        var changed = await groups.ChangeMembers(group.GroupId!, members, []);
        Assert.True(changed.Succeeded, changed.Error);
        return group.GroupId!;
    }

    [Fact]
    public async Task A_transfer_and_a_change_of_groups_in_one_run_leave_the_groups_naming_the_moved_entries()
    {
        var (east, west) = (AddOu("east"), AddOu("west"));
        var hiring = Destination();
        var workers = Enumerable.Range(1, 10).Select(i => $"E71{i:D2}").ToList();
        var ids = new List<string>();
        foreach (var worker in workers)
        {
            ids.Add(Applied(await hiring.Apply(Hire(worker, "Kurt", $"Goedel{worker}", east), null)));
        }
        // Groups the moves leave alone, made before the one they leave: slapd's refint rewrites these first, which
        // leaves the group change time to come before it.
        var teams = new List<string>();
        for (var team = 1; team <= Teams; team++)
        {
            teams.Add(await Group(hiring, $"Team {team}", ids));
        }
        var eastGroup = await Group(hiring, "Site East", ids);
        var westGroup = await Group(hiring, "Site West", []);

        // Each a run of its own, as an incremental sync with one transfer is: the move, then straight after it the
        // group changes it leads to, the removal first for some and the addition first for others.
        for (var i = 0; i < ids.Count; i++)
        {
            var run = Destination();
            Applied(await run.Apply(new PlannedChange(ChangeKind.Update, workers[i], ids[i], [new(LdapMapping.OuTarget, east, west)],
                ReasonCode.Changed, "transfer"), null));
            var changes = new Func<Task<GroupResult>>[]
            {
                () => ((IGroupWriter)run).ChangeMembers(eastGroup, [], [ids[i]]), () => ((IGroupWriter)run).ChangeMembers(westGroup, [ids[i]], []),
            };
            foreach (var change in i % 2 == 0 ? changes : changes.Reverse())
            {
                var result = await change();
                Assert.True(result.Succeeded, result.Error);
                Assert.Equal(1, result.Added + result.Removed);
            }
        }
        var dns = ids.Select(id => peer.ById(id)!.DistinguishedName).ToList();
        Assert.All(dns, dn => Assert.True(LdapText.IsUnder(dn, west), dn));
        // The groups the runs did not change are rewritten by the directory (slapd's refint, in its own time).
        foreach (var team in teams)
        {
            Assert.Equal(dns.Order(StringComparer.OrdinalIgnoreCase), (await peer.MembersIncluding(team, dns[^1])).Order(StringComparer.OrdinalIgnoreCase),
                StringComparer.OrdinalIgnoreCase);
        }
        Assert.Equal(dns.Order(StringComparer.OrdinalIgnoreCase), Named(westGroup).Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        Assert.Empty(Named(eastGroup));
        var listed = await ((IGroupWriter)Destination()).ListGroups().ToDictionaryAsync(g => g.Name, g => g.MemberAccountIds.Order().ToList());
        Assert.Equal(ids.Order(), listed["Site West"]);
        Assert.Equal(ids.Order(), listed[$"Team {Teams}"]);
        Assert.Empty(listed["Site East"]);
    }

    [Fact]
    public async Task A_hire_or_a_transfer_into_OUs_that_do_not_exist_creates_them_under_the_base()
    {
        var france = $"ou=France,ou=Europe,{Ou}";
        var destination = Destination();

        var hires = await Task.WhenAll(
            destination.Apply(Hire("E7201", "Emilie", "Chatelet", $"ou=Paris,{france}"), null),
            destination.Apply(Hire("E7202", "Sophie", "Germain", $"ou=Paris,{france}"), null));
        var transfer = await destination.Apply(new PlannedChange(ChangeKind.Update, "E7202", Applied(hires[1]),
            [new(LdapMapping.OuTarget, $"ou=Paris,{france}", $@"ou=Lyon\, Rh\C3\B4ne,{france}")], ReasonCode.Changed, "transfer"), null);

        Assert.True(LdapText.SameDn(LdapText.Parent(peer.ById(Applied(hires[0]))!.DistinguishedName), $"ou=Paris,{france}"));
        // The directory gives the DN back in a form of its own: the OU is found by its value, escapes undone.
        var lyon = peer.Search(Ou, "(ou=Lyon, Rhône)").Single().DistinguishedName;
        Assert.True(LdapText.SameDn(LdapText.Parent(peer.ById(Applied(transfer))!.DistinguishedName), lyon));
        var ous = peer.Search(Ou, "(objectClass=organizationalUnit)").Select(e => DirectoryPeer.First(e, "ou")).ToList();
        Assert.Equal(["Europe", "France", "Lyon, Rhône", "Paris"], ous.Where(o => o != "groups" && o != ou).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_OU_outside_the_base_or_a_missing_container_that_is_no_OU_fails_that_person_and_creates_nothing()
    {
        var destination = Destination();
        var outside = $"ou=elsewhere-{ou},{peer.BaseDn}";
        var id = Applied(await destination.Apply(Hire("E7301", "Mary", "Anning"), null));

        var outsideHire = await destination.Apply(Hire("E7302", "Caroline", "Herschel", outside), null);
        var containerHire = await destination.Apply(Hire("E7303", "Dorothy", "Hodgkin", $"cn=Contractors,{Ou}"), null);
        var outsideMove = await destination.Apply(new PlannedChange(ChangeKind.Update, "E7301", id,
            [new(LdapMapping.OuTarget, null, outside), new("title", null, "Palaeontologist")], ReasonCode.Changed, "transfer"), null);

        Assert.False(outsideHire.Succeeded);
        Assert.Contains("not under baseDn", outsideHire.Error, StringComparison.Ordinal);
        Assert.False(containerHire.Succeeded);
        Assert.Contains("only organizational units", containerHire.Error, StringComparison.Ordinal);
        Assert.False(outsideMove.Succeeded);
        Assert.False(outsideMove.Retryable);
        Assert.Null(peer.ByDn(outside));
        Assert.Null(peer.ByDn($"cn=Contractors,{Ou}"));
        var entry = peer.ById(id)!;
        Assert.True(LdapText.SameDn(LdapText.Parent(entry.DistinguishedName), Ou));
        Assert.Null(DirectoryPeer.First(entry, "title"));
        Assert.True((await destination.Apply(Hire("E7304", "Chien", "Wu"), null)).Succeeded);
    }

    /// <summary>The group's member values other than its own DN (an empty groupOfNames's placeholder).</summary>
    protected string[] Named(string groupId)
    {
        var group = peer.ById(groupId)!;
        return [.. DirectoryPeer.All(group, "member").Where(m => !LdapText.SameDn(m, group.DistinguishedName))];
    }

    public void Dispose()
    {
        foreach (var destination in _destinations)
        {
            destination.Dispose();
        }
        GC.SuppressFinalize(this);
    }
}

[Collection(SlapdCollectionDefinition.Name)]
public sealed class OpenLdapStructureTests(Slapd slapd) : DirectoryStructureTests(slapd, "structure")
{
    protected override LdapOptions Options(string baseDn) => slapd.Options(baseDn);

    protected override PlannedChange Hire(string workerId, string first, string last, string? parent = null)
    {
        var uid = $"{first}.{last}".ToLowerInvariant();
        List<AttributeChange> attributes =
        [
            new("uid", null, uid), new("employeeNumber", null, workerId), new("givenName", null, first), new("sn", null, last),
            new("cn", null, $"{first} {last}"),
        ];
        if (parent is not null)
        {
            attributes.Add(new(LdapMapping.OuTarget, null, parent));
        }
        return new PlannedChange(ChangeKind.Create, workerId, null, attributes, ReasonCode.Hired, "hire");
    }
}

[Collection(SambaAdCollectionDefinition.Name)]
public sealed class ActiveDirectoryStructureTests(SambaAd ad) : DirectoryStructureTests(ad, "structure")
{
    /// <summary>AD keeps member values naming a moved entry in step as part of the move; a couple of groups show it.</summary>
    protected override int Teams => 2;

    protected override LdapOptions Options(string baseDn) => ad.Options(baseDn);

    protected override PlannedChange Hire(string workerId, string first, string last, string? parent = null)
    {
        var name = $"{first}.{last}".ToLowerInvariant();
        List<AttributeChange> attributes =
        [
            new("cn", null, $"{first} {last}"), new("sAMAccountName", null, name[..Math.Min(20, name.Length)]),
            new("userPrincipalName", null, $"{name}@headwater.test"), new("employeeID", null, workerId), new("givenName", null, first),
            new("sn", null, last), new("displayName", null, $"{first} {last}"),
        ];
        if (parent is not null)
        {
            attributes.Add(new(LdapMapping.OuTarget, null, parent));
        }
        return new PlannedChange(ChangeKind.Create, workerId, null, attributes, ReasonCode.Hired, "hire");
    }

    [Fact]
    public async Task A_listing_pages_through_2100_accounts_in_pages_of_1000()
    {
        const int count = 2_100;
        var ou = await Seeded(count);

        using var destination = new LdapDestination("listing", ad.Options(ou) with { PageSize = 1_000 });
        var listed = await destination.ListAccounts().ToListAsync();

        Assert.Equal(count, listed.Count);
        Assert.Equal(count, listed.Select(a => a.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"B{i:D4}"), listed.Select(a => a.ExternalId!).Order(StringComparer.Ordinal));
    }

    /// <summary>An OU of <paramref name="count"/> accounts, seeded in bulk the first time and kept, marked as complete
    /// once all are in: Samba deletes about as slowly as it adds, so emptying it before each run would double the time.</summary>
    private async Task<string> Seeded(int count)
    {
        var dn = $"ou=listing,{ad.BaseDn}";
        var complete = $"{count} accounts";
        if (ad.ByDn(dn) is { } existing && DirectoryPeer.First(existing, "description") == complete)
        {
            return dn;
        }
        ad.ResetOu("listing");
        await ad.AddAll([.. Enumerable.Range(0, count).Select(i => new AddRequest($"CN=bulk{i:D4},{dn}",
            new DirectoryAttribute("objectClass", "user"), new DirectoryAttribute("sAMAccountName", $"bulk{i:D4}"),
            new DirectoryAttribute("userAccountControl", "544"), new DirectoryAttribute("employeeID", $"B{i:D4}")))]);
        ad.Send(new ModifyRequest(dn, DirectoryAttributeOperation.Replace, "description", complete));
        return dn;
    }
}
