using Headwater.Connectors.Ldap;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>What a directory needs beyond the conformance suite, against slapd: unique names generated from
/// candidates, OUs and transfers, entries marked not managed, and a configured disable attribute.</summary>
[Collection(SlapdCollectionDefinition.Name)]
public sealed class LdapDirectoryTests(Slapd slapd) : IDisposable
{
    private readonly string _ou = slapd.ResetOu("directory");
    private readonly List<LdapDestination> _destinations = [];

    private LdapDestination Destination(Func<LdapOptions, LdapOptions>? configure = null)
    {
        var options = slapd.Options(_ou) with { Unique = new HashSet<string>(["uid"], StringComparer.OrdinalIgnoreCase) };
        var destination = new LdapDestination("directory", (configure ?? (o => o))(options));
        _destinations.Add(destination);
        return destination;
    }

    /// <summary>A hire whose uid comes from the profile's candidates (first.last, then first.m.last), as the
    /// default mapping gives them.</summary>
    private static PlannedChange Hire(string workerId, string first, string last, string? middle = null, string? ou = null)
    {
        var first1 = $"{first}.{last}".ToLowerInvariant();
        var second = middle is null ? null : $"{first}.{middle[0]}.{last}".ToLowerInvariant();
        // An empty candidate is left out, as the planner leaves out every empty value of a create.
        List<AttributeChange> attributes =
        [
            new("uid", null, first1), new("employeeNumber", null, workerId), new("givenName", null, first),
            new("sn", null, last), new("cn", null, $"{first} {last}"), new("mail", null, $"{workerId.ToLowerInvariant()}@headwater.example"),
        ];
        if (second is not null)
        {
            attributes.Add(new("uid#2", null, second));
        }
        if (ou is not null)
        {
            attributes.Add(new(LdapMapping.OuTarget, null, ou));
        }
        return new PlannedChange(ChangeKind.Create, workerId, null, attributes, ReasonCode.Hired, "hire");
    }

    private static string Applied(ChangeResult result)
    {
        Assert.True(result.Succeeded, result.Error);
        return result.AccountId!;
    }

    [Fact]
    public async Task Two_hires_with_the_same_name_in_one_run_get_different_uids_and_the_chosen_one_is_returned()
    {
        var destination = Destination();

        var results = await Task.WhenAll(
            destination.Apply(Hire("E5001", "Ada", "Lovelace"), null),
            destination.Apply(Hire("E5002", "Ada", "Lovelace"), null));

        var uids = results.Select(r => DirectoryPeer.First(slapd.ById(Applied(r))!, "uid")).Order().ToList();
        Assert.Equal(["ada.lovelace", "ada.lovelace2"], uids);
        Assert.Equal(uids, results.Select(r => r.Values!["uid"]).Order());
    }

    [Fact]
    public async Task A_candidate_held_by_an_entry_Headwater_does_not_own_is_passed_over_and_that_entry_is_untouched()
    {
        slapd.Add($"cn=Grace Hopper,{_ou}", ("objectClass", ["inetOrgPerson"]), ("uid", ["grace.hopper"]), ("sn", ["Hopper"]),
            ("employeeNumber", ["X-1"]));
        var destination = Destination();

        var id = Applied(await destination.Apply(Hire("E5003", "Grace", "Hopper", middle: "Murray"), null));

        Assert.Equal("grace.m.hopper", DirectoryPeer.First(slapd.ById(id)!, "uid"));
        var other = slapd.ByDn($"cn=Grace Hopper,{_ou}")!;
        Assert.Equal(("grace.hopper", "X-1"), (DirectoryPeer.First(other, "uid"), DirectoryPeer.First(other, "employeeNumber")));
        Assert.Null(DirectoryPeer.First(other, "mail"));
    }

    [Fact]
    public async Task A_transfer_moves_the_entry_to_its_new_OU_keeping_its_id_and_group_memberships()
    {
        foreach (var ou in new[] { "east", "west" })
        {
            slapd.Add($"ou={ou},{_ou}", ("objectClass", ["organizationalUnit"]), ("ou", [ou]));
        }
        var destination = Destination();
        var groups = (IGroupWriter)destination;
        var id = Applied(await destination.Apply(Hire("E5004", "Alan", "Turing", ou: $"ou=east,{_ou}"), null));
        var group = (await groups.CreateGroup("Location: Bletchley")).GroupId!;
        Assert.True((await groups.ChangeMembers(group, [id], [])).Succeeded);

        var transfer = new PlannedChange(ChangeKind.Update, "E5004", id,
            [new(LdapMapping.OuTarget, $"ou=east,{_ou}", $"ou=west,{_ou}"), new("title", null, "Cryptanalyst")], ReasonCode.Changed, "transfer");
        Assert.Equal(id, Applied(await destination.Apply(transfer, null)));

        var entry = slapd.ById(id)!;
        Assert.Equal($"uid=alan.turing,ou=west,{_ou}", entry.DistinguishedName, ignoreCase: true);
        Assert.Equal("Cryptanalyst", DirectoryPeer.First(entry, "title"));
        Assert.Contains(entry.DistinguishedName, DirectoryPeer.All(slapd.ById(group)!, "member"), StringComparer.OrdinalIgnoreCase);
        var listed = await groups.ListGroups().SingleAsync();
        Assert.Equal([id], listed.MemberAccountIds);
    }

    [Fact]
    public async Task An_entry_marked_not_managed_is_never_listed_found_adopted_or_changed()
    {
        slapd.Add($"cn=Kept Apart,{_ou}", ("objectClass", ["inetOrgPerson"]), ("uid", ["kept.apart"]), ("sn", ["Apart"]),
            ("employeeNumber", ["E5005"]), ("employeeType", ["service"]), ("title", ["Original"]));
        var kept = DirectoryPeer.First(slapd.ByDn($"cn=Kept Apart,{_ou}")!, "entryUUID")!;
        var destination = Destination(o => o with { NotManaged = new LdapMarker("employeeType", "service") });

        Assert.Empty(await destination.ListAccounts().ToListAsync());
        Assert.Null(await destination.Find(AccountKey.ExternalId, "E5005"));
        var created = Applied(await destination.Apply(Hire("E5005", "Kept", "Apart"), null));
        var update = await destination.Apply(new PlannedChange(ChangeKind.Update, "E5005", kept, [new("title", "Original", "Changed")],
            ReasonCode.Changed, "update"), null);
        var delete = await destination.Apply(new PlannedChange(ChangeKind.Delete, "E5005", kept, [], ReasonCode.Changed, "delete"), null);

        Assert.NotEqual(kept, created);
        Assert.Equal("kept.apart2", DirectoryPeer.First(slapd.ById(created)!, "uid"));
        Assert.False(update.Succeeded);
        Assert.Contains("not managed", update.Error, StringComparison.Ordinal);
        Assert.False(delete.Succeeded);
        var entry = slapd.ById(kept)!;
        Assert.Equal(("Original", "kept.apart"), (DirectoryPeer.First(entry, "title"), DirectoryPeer.First(entry, "uid")));
    }

    [Fact]
    public async Task Disabling_through_a_configured_attribute_sets_it_and_a_rehire_enables_the_same_entry()
    {
        var destination = Destination(o => o with { Disabled = new LdapMarker("employeeType", "inactive") });
        var id = Applied(await destination.Apply(Hire("E5006", "Rosalind", "Franklin"), null));

        Applied(await destination.Apply(new PlannedChange(ChangeKind.Deactivate, "E5006", id, [], ReasonCode.Changed, "leaver", Active: false), null));
        var disabled = slapd.ById(id)!;
        Assert.Equal("inactive", DirectoryPeer.First(disabled, "employeeType"));
        Assert.Null(DirectoryPeer.First(disabled, "pwdAccountLockedTime"));
        Assert.False((await destination.Find(AccountKey.ExternalId, "E5006"))!.Active);

        Assert.Equal(id, Applied(await destination.Apply(new PlannedChange(ChangeKind.Reactivate, "E5006", id, [], ReasonCode.Changed, "rehire"), null)));
        Assert.Null(DirectoryPeer.First(slapd.ById(id)!, "employeeType"));
        Assert.True((await destination.Find(AccountKey.ExternalId, "E5006"))!.Active);
    }

    [Fact]
    public async Task A_create_that_fails_lets_its_unique_value_go_for_the_next_hire()
    {
        var destination = Destination();
        // No sn, which every person entry must have: the directory refuses it.
        var refused = Hire("E5007", "Mary", "Somerville") with
        {
            Attributes = [.. Hire("E5007", "Mary", "Somerville").Attributes.Where(a => a.Name != "sn")],
        };

        Assert.False((await destination.Apply(refused, null)).Succeeded);
        var id = Applied(await destination.Apply(Hire("E5008", "Mary", "Somerville"), null));

        Assert.Equal("mary.somerville", DirectoryPeer.First(slapd.ById(id)!, "uid"));
    }

    public void Dispose()
    {
        foreach (var destination in _destinations)
        {
            destination.Dispose();
        }
    }
}
