using System.DirectoryServices.Protocols;
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_entry_that_is_not_an_account_but_holds_the_persons_employee_number_is_not_taken_for_their_account(bool prepared)
    {
        var number = prepared ? "E5021" : "E5020";
        slapd.Add($"ou=Cost centre {number},{_ou}", ("objectClass", ["organizationalUnit", "extensibleObject"]),
            ("employeeNumber", [number]));
        var destination = Destination();
        var hire = Hire(number, "Barbara", prepared ? "Liskov" : "McClintock");
        if (prepared)
        {
            await destination.Prepare([hire]);
        }

        var id = Applied(await destination.Apply(hire, null));

        var entry = slapd.ById(id)!;
        Assert.Contains("inetOrgPerson", DirectoryPeer.All(entry, "objectClass"));
        Assert.Equal(number, DirectoryPeer.First(entry, "employeeNumber"));
        Assert.NotNull(slapd.ByDn($"ou=Cost centre {number},{_ou}"));
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
    public async Task Hires_prepared_together_are_looked_up_in_one_search_and_come_out_as_if_each_had_asked()
    {
        slapd.Add($"cn=Grace Hopper,{_ou}", ("objectClass", ["inetOrgPerson"]), ("uid", ["grace.hopper"]), ("sn", ["Hopper"]),
            ("employeeNumber", ["X-1"]));
        slapd.Add($"uid=own.entry,{_ou}", ("objectClass", ["inetOrgPerson"]), ("cn", ["Own Entry"]), ("sn", ["Entry"]),
            ("employeeNumber", ["E6003"]));
        var own = DirectoryPeer.First(slapd.ByDn($"uid=own.entry,{_ou}")!, "entryUUID");
        var destination = Destination();
        List<PlannedChange> hires =
        [
            Hire("E6001", "Grace", "Hopper", middle: "Murray"), Hire("E6002", "Ada", "Lovelace"), Hire("E6003", "Own", "Entry"),
            Hire("E6004", "Ada", "Lovelace"),
            .. Enumerable.Range(10, 36).Select(i => Hire($"E60{i}", "Filler", $"Person{i}")),
        ];

        await destination.Prepare(hires);
        var preparing = destination.Searched;
        var results = new List<ChangeResult>();
        foreach (var hire in hires)
        {
            results.Add(await destination.Apply(hire, null));
        }

        // The root DSE for the post-read control, and the one numbered uid that no one asked about beforehand.
        Assert.Equal((1, 2), (preparing, destination.Searched - preparing));
        var uids = results.Select(r => DirectoryPeer.First(slapd.ById(Applied(r))!, "uid")).ToList();
        Assert.Equal(["grace.m.hopper", "ada.lovelace", "own.entry", "ada.lovelace2"], uids[..4]);
        Assert.Equal(own, results[2].AccountId);
        Assert.Equal(("grace.hopper", "X-1"), (DirectoryPeer.First(slapd.ByDn($"cn=Grace Hopper,{_ou}")!, "uid"),
            DirectoryPeer.First(slapd.ByDn($"cn=Grace Hopper,{_ou}")!, "employeeNumber")));
        Assert.Equal(40, uids.Distinct().Count());
    }

    [Fact]
    public async Task Hires_too_many_for_one_part_are_prepared_while_the_first_are_added_and_none_asks_for_itself()
    {
        var destination = Destination();
        // Same-named hires in the first part and the last, so a later part's search finds what this run has added.
        List<PlannedChange> hires =
        [
            Hire("E6201", "Ada", "Lovelace"),
            .. Enumerable.Range(1000, 400).Select(i => Hire($"E{i}", "Filler", $"Person{i}")),
            Hire("E6202", "Ada", "Lovelace"),
        ];

        await destination.Prepare(hires);
        var applying = await Task.WhenAll(hires.Select(hire => destination.Apply(hire, null)));

        // 402 hires of two questions each (employeeNumber, uid): a first part of four searches of 200 terms, a
        // second of one, the root DSE, and the one numbered uid no one asked about. Hires asking for themselves
        // would have sent hundreds.
        Assert.Equal(7, destination.Searched);
        var uids = applying.Select(r => DirectoryPeer.First(slapd.ById(Applied(r))!, "uid")).ToList();
        Assert.Equal(402, uids.Distinct().Count());
        Assert.Equal(["ada.lovelace", "ada.lovelace2"], new[] { uids[0], uids[^1] }.Order());
    }

    [Fact]
    public async Task A_preparation_that_cannot_reach_the_directory_leaves_each_hire_to_find_out_for_itself()
    {
        var destination = Destination(o => o with { Url = new Uri("ldap://127.0.0.1:1"), Timeout = TimeSpan.FromSeconds(2) });

        await destination.Prepare([Hire("E6101", "Alan", "Kay"), Hire("E6102", "Barbara", "Liskov")]);
        var failed = await Assert.ThrowsAsync<DestinationException>(() => destination.Apply(Hire("E6101", "Alan", "Kay"), null));

        Assert.Equal(DestinationFailure.Unreachable, failed.Failure);
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
        Assert.Contains(entry.DistinguishedName, await slapd.MembersIncluding(group, entry.DistinguishedName), StringComparer.OrdinalIgnoreCase);
        var listed = await groups.ListGroups().SingleAsync();
        Assert.Equal([id], listed.MemberAccountIds);
    }

    [Fact]
    public async Task The_manager_is_written_as_a_DN_that_follows_the_manager_when_moved()
    {
        foreach (var ou in new[] { "north", "south" })
        {
            slapd.Add($"ou={ou},{_ou}", ("objectClass", ["organizationalUnit"]), ("ou", [ou]));
        }
        var destination = Destination();
        var manager = Applied(await destination.Apply(Hire("E5013", "Marie", "Curie", ou: $"ou=north,{_ou}"), null));
        var report = Applied(await destination.Apply(Hire("E5014", "Pierre", "Curie") with { ManagerWorkerId = "E5013" }, manager));
        Assert.Equal(slapd.ById(manager)!.DistinguishedName, DirectoryPeer.First(slapd.ById(report)!, "manager"), ignoreCase: true);

        var transfer = new PlannedChange(ChangeKind.Update, "E5013", manager,
            [new(LdapMapping.OuTarget, $"ou=north,{_ou}", $"ou=south,{_ou}")], ReasonCode.Changed, "transfer");
        Applied(await destination.Apply(transfer, null));

        var moved = slapd.ById(manager)!.DistinguishedName;
        Assert.Equal($"uid=marie.curie,ou=south,{_ou}", moved, ignoreCase: true);
        Assert.Equal(moved, await slapd.ManagerOnceIs(report, moved), ignoreCase: true);
    }

    [Fact]
    public async Task An_update_after_a_listing_reaches_an_entry_moved_since_and_never_one_that_took_its_place()
    {
        slapd.Add($"uid=moved,{_ou}", ("objectClass", ["inetOrgPerson"]), ("cn", ["Moved"]), ("sn", ["Moved"]),
            ("employeeNumber", ["E5010"]));
        slapd.Add($"uid=replaced,{_ou}", ("objectClass", ["inetOrgPerson"]), ("cn", ["Replaced"]), ("sn", ["Replaced"]),
            ("employeeNumber", ["E5011"]));
        var destination = Destination();
        var listed = await destination.ListAccounts().ToDictionaryAsync(a => a.UserName!, a => a.Id);
        // By hand since the listing: one entry renamed, the other deleted and someone else added at its DN.
        slapd.Send(new ModifyDNRequest($"uid=moved,{_ou}", _ou, "uid=moved.away") { DeleteOldRdn = true });
        slapd.Send(new DeleteRequest($"uid=replaced,{_ou}"));
        slapd.Add($"uid=replaced,{_ou}", ("objectClass", ["inetOrgPerson"]), ("cn", ["Newcomer"]), ("sn", ["Newcomer"]));
        PlannedChange Retitle(string workerId, string id) =>
            new(ChangeKind.Update, workerId, id, [new("title", null, "Retitled")], ReasonCode.Changed, "change");

        var moved = await destination.Apply(Retitle("E5010", listed["moved"]), null);
        var replaced = await destination.Apply(Retitle("E5011", listed["replaced"]), null);

        Assert.Equal("Retitled", DirectoryPeer.First(slapd.ById(Applied(moved))!, "title"));
        Assert.True(replaced.Gone, replaced.Error);
        Assert.Null(DirectoryPeer.First(slapd.ByDn($"uid=replaced,{_ou}")!, "title"));
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
    public async Task A_disabled_account_cannot_sign_in_and_can_again_once_enabled()
    {
        var destination = Destination();
        var id = Applied(await destination.Apply(Hire("E5012", "Grace", "Hopper"), null));
        var dn = slapd.ById(id)!.DistinguishedName;
        // The password a sign-in service checks; Headwater sets none in OpenLDAP.
        slapd.Send(new ModifyRequest(dn, DirectoryAttributeOperation.Replace, "userPassword", "Cobol-1959"));
        Assert.True(slapd.Binds(dn, "Cobol-1959"));

        var leaver = new PlannedChange(ChangeKind.Deactivate, "E5012", id, [], ReasonCode.Changed, "leaver", Active: false);
        Applied(await destination.Apply(leaver, null));
        Assert.NotNull(DirectoryPeer.First(slapd.ById(id)!, "pwdAccountLockedTime"));
        Assert.False(slapd.Binds(dn, "Cobol-1959"));

        Applied(await destination.Apply(new PlannedChange(ChangeKind.Reactivate, "E5012", id, [], ReasonCode.Changed, "rehire"), null));
        Assert.True(slapd.Binds(dn, "Cobol-1959"));
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

    [Fact]
    public async Task A_rename_changes_cn_and_the_display_attributes_but_keeps_the_uid_and_the_entry_where_it_is()
    {
        var destination = Destination();
        var id = Applied(await destination.Apply(Hire("E5009", "Ada", "Byron"), null));
        var dn = slapd.ById(id)!.DistinguishedName;

        Applied(await destination.Apply(new PlannedChange(ChangeKind.Update, "E5009", id,
            [new("cn", "Ada Byron", "Ada Lovelace"), new("sn", "Byron", "Lovelace"), new("displayName", null, "Ada Lovelace")],
            ReasonCode.Changed, "rename"), null));

        var entry = slapd.ById(id)!;
        Assert.Equal(dn, entry.DistinguishedName);
        Assert.Equal(("ada.byron", "Ada Lovelace", "Lovelace", "Ada Lovelace"), (DirectoryPeer.First(entry, "uid"), DirectoryPeer.First(entry, "cn"),
            DirectoryPeer.First(entry, "sn"), DirectoryPeer.First(entry, "displayName")));
    }

    [Fact]
    public async Task A_naming_attribute_mapped_on_every_sync_renames_the_entry_keeping_its_id_and_groups()
    {
        var destination = Destination();
        var groups = (IGroupWriter)destination;
        var id = Applied(await destination.Apply(Hire("E5010", "Emmy", "Noether"), null));
        var group = (await groups.CreateGroup("Mathematicians")).GroupId!;
        Assert.True((await groups.ChangeMembers(group, [id], [])).Succeeded);

        Applied(await destination.Apply(new PlannedChange(ChangeKind.Update, "E5010", id, [new("uid", "emmy.noether", "amalie.noether")],
            ReasonCode.Changed, "rename"), null));

        var entry = slapd.ById(id)!;
        Assert.Equal($"uid=amalie.noether,{_ou}", entry.DistinguishedName, ignoreCase: true);
        Assert.Equal(["amalie.noether"], DirectoryPeer.All(entry, "uid"));
        Assert.Contains(entry.DistinguishedName, await slapd.MembersIncluding(group, entry.DistinguishedName), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_leaver_moves_to_the_leavers_OU_locked_and_a_rehire_comes_back_to_its_OU()
    {
        foreach (var ou in new[] { "staff", "leavers" })
        {
            slapd.Add($"ou={ou},{_ou}", ("objectClass", ["organizationalUnit"]), ("ou", [ou]));
        }
        var destination = Destination(o => o with { LeaversOu = $"ou=leavers,{_ou}" });
        var groups = (IGroupWriter)destination;
        var id = Applied(await destination.Apply(Hire("E5011", "Lise", "Meitner", ou: $"ou=staff,{_ou}"), null));
        var group = (await groups.CreateGroup("Physicists")).GroupId!;
        Assert.True((await groups.ChangeMembers(group, [id], [])).Succeeded);

        var leave = await destination.Apply(new PlannedChange(ChangeKind.Deactivate, "E5011", id, [], ReasonCode.OnLeave, "leave", Active: false), null);
        Assert.Equal($"uid=lise.meitner,ou=staff,{_ou}", slapd.ById(Applied(leave))!.DistinguishedName, ignoreCase: true);
        Applied(await destination.Apply(new PlannedChange(ChangeKind.Reactivate, "E5011", id, [], ReasonCode.Changed, "back"), null));

        var left = await destination.Apply(new PlannedChange(ChangeKind.Deactivate, "E5011", id, [], ReasonCode.Terminated, "leaver", Active: false), null);

        Assert.Equal($"ou=leavers,{_ou}", left.Values![LdapMapping.OuTarget]);
        var moved = slapd.ById(Applied(left))!;
        Assert.Equal($"uid=lise.meitner,ou=leavers,{_ou}", moved.DistinguishedName, ignoreCase: true);
        Assert.False(slapd.IsActive(moved));
        Assert.Contains(moved.DistinguishedName, await slapd.MembersIncluding(group, moved.DistinguishedName), StringComparer.OrdinalIgnoreCase);

        Applied(await destination.Apply(new PlannedChange(ChangeKind.Reactivate, "E5011", id,
            [new(LdapMapping.OuTarget, $"ou=leavers,{_ou}", $"ou=staff,{_ou}")], ReasonCode.Rehired, "rehire"), null));
        var back = slapd.ById(id)!;
        Assert.Equal($"uid=lise.meitner,ou=staff,{_ou}", back.DistinguishedName, ignoreCase: true);
        Assert.True(slapd.IsActive(back));
    }

    [Fact]
    public async Task A_listing_pages_through_more_than_2000_entries_past_the_servers_500_entry_limit()
    {
        const int count = 2_100;
        var request = Enumerable.Range(0, count).Select(i => new System.DirectoryServices.Protocols.AddRequest($"uid=bulk{i:D4},{_ou}",
            new System.DirectoryServices.Protocols.DirectoryAttribute("objectClass", "inetOrgPerson"),
            new System.DirectoryServices.Protocols.DirectoryAttribute("uid", $"bulk{i:D4}"),
            new System.DirectoryServices.Protocols.DirectoryAttribute("cn", $"Bulk {i}"),
            new System.DirectoryServices.Protocols.DirectoryAttribute("sn", "Bulk"),
            new System.DirectoryServices.Protocols.DirectoryAttribute("employeeNumber", $"B{i:D4}")));
        foreach (var add in request)
        {
            slapd.Send(add);
        }
        var destination = Destination(o => o with { PageSize = 300 });

        var listed = await destination.ListAccounts().ToListAsync();

        Assert.Equal(count, listed.Count);
        Assert.Equal(count, listed.Select(a => a.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"B{i:D4}"), listed.Select(a => a.ExternalId!).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        foreach (var destination in _destinations)
        {
            destination.Dispose();
        }
    }
}
