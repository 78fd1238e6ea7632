using System.DirectoryServices.Protocols;
using System.Globalization;
using Headwater.Connectors.Ldap;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>The active-directory profile against Samba's AD domain controller: accounts created disabled, given a
/// password over LDAPS and enabled; sAMAccountName, UPN and CN kept unique and valid; userAccountControl,
/// accountExpires, the manager as a DN that follows a move, and security groups.</summary>
[Collection(SambaAdCollectionDefinition.Name)]
public sealed class ActiveDirectoryTests(SambaAd ad) : IDisposable
{
    private const int Disabled = 0x2;
    private readonly string _ou = ad.ResetOu("headwater");
    private LdapDestination? _destination;

    private LdapDestination Destination => _destination ??= new LdapDestination("corp-ad", ad.Options(_ou) with
    {
        Unique = new HashSet<string>(LdapMapping.UniqueDefaults(LdapProfile.ActiveDirectory).Select(u => u.Attribute), StringComparer.OrdinalIgnoreCase),
    });

    private static PlannedChange Hire(string workerId, string first, string last, bool active = true, string? sam = null, string? ou = null)
    {
        var name = $"{first}.{last}".ToLowerInvariant();
        List<AttributeChange> attributes =
        [
            new("cn", null, $"{first} {last}"), new("sAMAccountName", null, sam ?? name),
            new("userPrincipalName", null, $"{name}@headwater.test"), new("employeeID", null, workerId), new("givenName", null, first),
            new("sn", null, last), new("displayName", null, $"{first} {last}"), new("mail", null, $"{name}@headwater.example"),
        ];
        if (ou is not null)
        {
            attributes.Add(new(LdapMapping.OuTarget, null, ou));
        }
        return new PlannedChange(ChangeKind.Create, workerId, null, attributes, ReasonCode.Hired, "hire", Active: active);
    }

    private async Task<string> Applied(PlannedChange change, string? manager = null)
    {
        var result = await Destination.Apply(change, manager);
        Assert.True(result.Succeeded, result.Error);
        return result.AccountId!;
    }

    private static PlannedChange Change(ChangeKind kind, string workerId, string id, params AttributeChange[] attributes) =>
        new(kind, workerId, id, attributes, ReasonCode.Changed, "change", Active: kind != ChangeKind.Deactivate);

    private int Control(string id) => int.Parse(DirectoryPeer.First(ad.ById(id)!, "userAccountControl")!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_root_DSE_lists_neither_post_read_nor_assertion_so_creates_read_back_and_updates_search()
    {
        using var connections = new LdapConnections(ad.Options(_ou));

        Assert.False(await connections.Supports(LdapControls.PostReadOid, CancellationToken.None));
        Assert.False(await connections.Supports(LdapControls.AssertionOid, CancellationToken.None));
    }

    [Fact]
    public async Task A_new_account_gets_a_password_and_is_enabled_and_an_inactive_hire_stays_disabled()
    {
        var active = await Applied(Hire("E6001", "Ada", "Lovelace"));
        var inactive = await Applied(Hire("E6002", "Grace", "Hopper", active: false));

        Assert.Equal(0, Control(active) & Disabled);
        Assert.Equal(Disabled, Control(inactive) & Disabled);
        foreach (var id in new[] { active, inactive })
        {
            Assert.NotEqual("0", DirectoryPeer.First(ad.ById(id)!, "pwdLastSet"));
        }
        Assert.Equal(("ada.lovelace", "E6001"), (DirectoryPeer.First(ad.ById(active)!, "sAMAccountName"), DirectoryPeer.First(ad.ById(active)!, "employeeID")));
        Assert.True((await Destination.Find(AccountKey.ExternalId, "E6001"))!.Active);
        Assert.False((await Destination.Find(AccountKey.UserName, "grace.hopper"))!.Active);
    }

    [Fact]
    public async Task An_add_applied_before_its_answer_was_lost_and_sent_again_still_gets_its_password_and_is_enabled()
    {
        using var connections = new LdapConnections(ad.Options(_ou));
        AddRequest Add(string dn, string workerId) => new(dn, new DirectoryAttribute("objectClass", "user"),
            new DirectoryAttribute("sAMAccountName", dn[3..9]), new DirectoryAttribute("employeeID", workerId));
        var (ours, other) = ($"CN=Ada-01,{_ou}", $"CN=Ada-02,{_ou}");
        foreach (var applied in new[] { Add(ours, "E6001"), Add(other, "E6999") })
        {
            applied.Attributes.Add(new DirectoryAttribute("userAccountControl", "514")); // as it was applied the first time
            await connections.Send(applied, CancellationToken.None);
        }

        var result = await ActiveDirectoryAccount.Create(connections, Add(ours, "E6001"), Hire("E6001", "Ada", "Lovelace"),
            CancellationToken.None);
        var error = await Assert.ThrowsAsync<DirectoryOperationException>(() =>
            ActiveDirectoryAccount.Create(connections, Add(other, "E6002"), Hire("E6002", "Ada", "Byron"), CancellationToken.None));

        Assert.Null(result);
        var entry = ad.ByDn(ours)!;
        Assert.Equal(0, int.Parse(DirectoryPeer.First(entry, "userAccountControl")!, CultureInfo.InvariantCulture) & Disabled);
        Assert.NotEqual("0", DirectoryPeer.First(entry, "pwdLastSet"));
        Assert.Equal(ResultCode.EntryAlreadyExists, error.Response.ResultCode);
        Assert.Equal("E6999", DirectoryPeer.First(ad.ByDn(other)!, "employeeID"));
    }

    [Fact]
    public async Task Same_name_hires_get_unique_valid_sAMAccountNames_UPNs_and_CNs()
    {
        var results = await Task.WhenAll(
            Destination.Apply(Hire("E6003", "Maximilian", "Oberhollenzer", sam: "maximilian:oberhollenzer*"), null),
            Destination.Apply(Hire("E6004", "Maximilian", "Oberhollenzer", sam: "maximilian:oberhollenzer*"), null));

        var entries = results.Select(r => ad.ById(r.AccountId ?? throw new InvalidOperationException(r.Error))!).ToList();
        // The forbidden ':' and '*' taken out, cut to 20 characters, and the number within the 20.
        Assert.Equal(["maximilianoberholle2", "maximilianoberhollen"], entries.Select(e => DirectoryPeer.First(e, "sAMAccountName")).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.True(DirectoryPeer.First(e, "sAMAccountName")!.Length <= 20));
        Assert.Equal(["maximilian.oberhollenzer2@headwater.test", "maximilian.oberhollenzer@headwater.test"],
            entries.Select(e => DirectoryPeer.First(e, "userPrincipalName")).Order(StringComparer.Ordinal));
        Assert.Equal(2, entries.Select(e => DirectoryPeer.First(e, "cn")).Distinct().Count());
    }

    [Fact]
    public async Task A_sAMAccountName_and_UPN_held_anywhere_in_the_domain_are_passed_over_and_that_entry_is_left_alone()
    {
        // AD keeps both unique across the domain, not just under the destination's base.
        var elsewhere = ad.ResetOu("elsewhere");
        ad.Add($"cn=Katherine Johnson,{elsewhere}", ("objectClass", ["user"]), ("sAMAccountName", ["katherine.johnson"]),
            ("userPrincipalName", ["katherine.johnson@headwater.test"]), ("employeeID", ["E6060"]));

        var entry = ad.ById(await Applied(Hire("E6060", "Katherine", "Johnson")))!;

        Assert.Equal("katherine.johnson2", DirectoryPeer.First(entry, "sAMAccountName"));
        Assert.Equal("katherine.johnson2@headwater.test", DirectoryPeer.First(entry, "userPrincipalName"));
        Assert.EndsWith(_ou, entry.DistinguishedName, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("katherine.johnson", DirectoryPeer.First(ad.ByDn($"cn=Katherine Johnson,{elsewhere}")!, "sAMAccountName"));
    }

    [Fact]
    public async Task Disabling_and_enabling_flips_only_ACCOUNTDISABLE()
    {
        var id = await Applied(Hire("E6005", "Alan", "Turing"));
        var before = Control(id);

        await Applied(Change(ChangeKind.Deactivate, "E6005", id));
        Assert.Equal(before | Disabled, Control(id));
        await Applied(Change(ChangeKind.Reactivate, "E6005", id));

        Assert.Equal(before, Control(id));
    }

    [Fact]
    public async Task accountExpires_is_the_end_of_the_termination_day_and_clearing_it_means_never()
    {
        var id = await Applied(Hire("E6006", "Rosalind", "Franklin"));

        await Applied(Change(ChangeKind.Update, "E6006", id, new AttributeChange("accountExpires", null, "2026-12-31")));
        var expires = long.Parse(DirectoryPeer.First(ad.ById(id)!, "accountExpires")!, CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.FromFileTime(expires).ToUniversalTime());

        await Applied(Change(ChangeKind.Update, "E6006", id, new AttributeChange("accountExpires", "2026-12-31", null)));
        Assert.Equal("0", DirectoryPeer.First(ad.ById(id)!, "accountExpires"));
    }

    [Fact]
    public async Task The_manager_is_written_as_a_DN_that_follows_the_manager_when_moved()
    {
        foreach (var ou in new[] { "London", "Paris" })
        {
            ad.Add($"ou={ou},{_ou}", ("objectClass", ["organizationalUnit"]), ("ou", [ou]));
        }
        var manager = await Applied(Hire("E6007", "Marie", "Curie", ou: $"ou=London,{_ou}"));
        var report = await Applied(Hire("E6008", "Pierre", "Curie") with { ManagerWorkerId = "E6007" }, manager);
        Assert.Equal(ad.ById(manager)!.DistinguishedName, DirectoryPeer.First(ad.ById(report)!, "manager"), ignoreCase: true);

        await Applied(Change(ChangeKind.Update, "E6007", manager, new AttributeChange(LdapMapping.OuTarget, $"ou=London,{_ou}", $"ou=Paris,{_ou}")));

        var moved = ad.ById(manager)!.DistinguishedName;
        Assert.StartsWith("CN=Marie Curie,OU=Paris,", moved, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(moved, DirectoryPeer.First(ad.ById(report)!, "manager"), ignoreCase: true);
    }

    [Fact]
    public async Task Security_groups_keep_their_members_in_step()
    {
        var ids = new List<string>();
        foreach (var (worker, first) in new[] { ("E6009", "Ann"), ("E6010", "Ben"), ("E6011", "Cy") })
        {
            ids.Add(await Applied(Hire(worker, first, "Example")));
        }
        var groups = (IGroupWriter)Destination;
        var group = await groups.CreateGroup("Site London");
        Assert.True(group.Succeeded, group.Error);
        Assert.Equal(group.GroupId, (await groups.CreateGroup("Site London")).GroupId);

        Assert.True((await groups.ChangeMembers(group.GroupId!, ids, [])).Succeeded);
        var changed = await groups.ChangeMembers(group.GroupId!, [], [ids[0]]);

        Assert.True(changed.Succeeded, changed.Error);
        var listed = Assert.Single(await groups.ListGroups().ToListAsync());
        Assert.Equal(ids[1..].Order(), listed.MemberAccountIds.Order());
        Assert.Equal("-2147483646", DirectoryPeer.First(ad.ById(group.GroupId!)!, "groupType"));
    }

    [Fact]
    public async Task A_rename_changes_the_CN_and_display_attributes_but_never_the_sAMAccountName_and_the_CN_stays_unique()
    {
        var id = await Applied(Hire("E6012", "Ada", "Byron"));
        await Applied(Hire("E6013", "Ada", "Lovelace"));

        await Applied(Change(ChangeKind.Update, "E6012", id, new AttributeChange(LdapMapping.NameTarget, "Ada Byron", "Ada Lovelace"),
            new AttributeChange("sn", "Byron", "Lovelace"), new AttributeChange("displayName", "Ada Byron", "Ada Lovelace")));

        var renamed = ad.ById(id)!;
        // The other Ada Lovelace holds the plain name: the CN is numbered as on creation.
        Assert.StartsWith($"CN=Ada Lovelace2,{_ou}", renamed.DistinguishedName, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("Ada Lovelace2", "Lovelace", "Ada Lovelace", "ada.byron"), (DirectoryPeer.First(renamed, "cn"), DirectoryPeer.First(renamed, "sn"),
            DirectoryPeer.First(renamed, "displayName"), DirectoryPeer.First(renamed, "sAMAccountName")));

        var again = await Destination.Apply(Change(ChangeKind.Update, "E6012", id, new AttributeChange(LdapMapping.NameTarget, "Ada Lovelace", "Ada King")), null);
        Assert.True(again.Succeeded, again.Error);
        Assert.Equal("Ada King", again.Values!["cn"]);
        Assert.Equal(("Ada King", "ada.byron"), (DirectoryPeer.First(ad.ById(id)!, "cn"), DirectoryPeer.First(ad.ById(id)!, "sAMAccountName")));
    }

    [Fact]
    public async Task An_account_marked_not_managed_is_never_listed_found_adopted_or_changed()
    {
        ad.Add($"CN=Kept Apart,{_ou}", ("objectClass", ["user"]), ("sAMAccountName", ["kept.apart.svc"]), ("employeeID", ["E6030"]),
            ("employeeType", ["service"]), ("title", ["Original"]), ("userAccountControl", ["514"]));
        var kept = ad.IdOf(ad.ByDn($"CN=Kept Apart,{_ou}")!);
        _destination = new LdapDestination("corp-ad", ad.Options(_ou) with
        {
            Unique = LdapMapping.UniqueDefaults(LdapProfile.ActiveDirectory).Select(u => u.Attribute)
                .ToHashSet(StringComparer.OrdinalIgnoreCase),
            NotManaged = new LdapMarker("employeeType", "service"),
        });

        Assert.Empty(await Destination.ListAccounts().ToListAsync());
        Assert.Null(await Destination.Find(AccountKey.ExternalId, "E6030"));
        var created = await Applied(Hire("E6030", "Kept", "Apart", sam: "kept.apart.svc"));
        var retitle = Change(ChangeKind.Update, "E6030", kept, new AttributeChange("title", "Original", "Changed"));
        var update = await Destination.Apply(retitle, null);
        var delete = await Destination.Apply(Change(ChangeKind.Delete, "E6030", kept), null);

        Assert.NotEqual(kept, created);
        Assert.Equal("kept.apart.svc2", DirectoryPeer.First(ad.ById(created)!, "sAMAccountName"));
        Assert.False(update.Succeeded);
        Assert.Contains("not managed", update.Error, StringComparison.Ordinal);
        Assert.False(delete.Succeeded);
        var entry = ad.ById(kept)!;
        Assert.Equal(("Original", "kept.apart.svc"), (DirectoryPeer.First(entry, "title"), DirectoryPeer.First(entry, "sAMAccountName")));
    }

    [Fact]
    public async Task A_leaver_moves_to_the_leavers_OU_disabled_a_rehire_comes_back_and_a_delete_removes_it_there()
    {
        ad.Add($"ou=Staff,{_ou}", ("objectClass", ["organizationalUnit"]), ("ou", ["Staff"]));
        ad.Add($"ou=Leavers,{_ou}", ("objectClass", ["organizationalUnit"]), ("ou", ["Leavers"]));
        _destination = new LdapDestination("corp-ad", ad.Options(_ou) with
        {
            Unique = new HashSet<string>(LdapMapping.UniqueDefaults(LdapProfile.ActiveDirectory).Select(u => u.Attribute), StringComparer.OrdinalIgnoreCase),
            LeaversOu = $"ou=Leavers,{_ou}",
        });
        var id = await Applied(Hire("E6014", "Hedy", "Lamarr", ou: $"ou=Staff,{_ou}"));
        var group = (await ((IGroupWriter)Destination).CreateGroup("Inventors")).GroupId!;
        Assert.True((await ((IGroupWriter)Destination).ChangeMembers(group, [id], [])).Succeeded);

        var left = await Destination.Apply(new PlannedChange(ChangeKind.Deactivate, "E6014", id, [], ReasonCode.Terminated, "leaver", Active: false), null);

        Assert.True(left.Succeeded, left.Error);
        Assert.Equal($"ou=Leavers,{_ou}", left.Values![LdapMapping.OuTarget]);
        Assert.StartsWith($"CN=Hedy Lamarr,OU=Leavers,", ad.ById(id)!.DistinguishedName, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Disabled, Control(id) & Disabled);
        Assert.Contains(ad.ById(id)!.DistinguishedName, DirectoryPeer.All(ad.ById(group)!, "member"), StringComparer.OrdinalIgnoreCase);

        await Applied(new PlannedChange(ChangeKind.Reactivate, "E6014", id, [new(LdapMapping.OuTarget, $"ou=Leavers,{_ou}", $"ou=Staff,{_ou}")],
            ReasonCode.Rehired, "rehire"));
        Assert.StartsWith($"CN=Hedy Lamarr,OU=Staff,", ad.ById(id)!.DistinguishedName, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, Control(id) & Disabled);

        await Applied(new PlannedChange(ChangeKind.Deactivate, "E6014", id, [], ReasonCode.Terminated, "leaver", Active: false));
        await Applied(new PlannedChange(ChangeKind.Delete, "E6014", id, [], ReasonCode.DeleteAfterGrace, "grace over"));
        Assert.Null(ad.ById(id));
    }

    [Fact]
    public async Task A_new_account_the_service_account_may_not_give_a_password_is_removed_and_is_created_once_it_may()
    {
        var ou = $"ou=Delegated,{_ou}";
        ad.Add(ou, ("objectClass", ["organizationalUnit"]), ("ou", ["Delegated"]));
        using (var limited = new LdapDestination("corp-ad", ad.Delegated(ou, resetPassword: false)))
        {
            var refused = await limited.Apply(Hire("E6020", "Alan", "Turing"), null);

            Assert.False(refused.Succeeded);
            Assert.StartsWith("Active Directory refused the new account's password (InsufficientAccessRights: ", refused.Error);
            Assert.Contains("needs the Reset Password right on user objects in the account's OU", refused.Error);
            Assert.EndsWith("The account was removed again; the next sync creates it.", refused.Error);
            Assert.Empty(ad.Search(ou, "(employeeID=E6020)"));
        }

        using var granted = new LdapDestination("corp-ad", ad.Delegated(ou, resetPassword: true));
        var created = await granted.Apply(Hire("E6020", "Alan", "Turing"), null);

        Assert.True(created.Succeeded, created.Error);
        Assert.Equal(0, Control(created.AccountId!) & Disabled);
        Assert.NotEqual("0", DirectoryPeer.First(ad.ById(created.AccountId!)!, "pwdLastSet"));
    }

    [Fact]
    public async Task The_check_says_when_the_service_account_may_not_create_user_accounts_in_the_base()
    {
        var delegated = $"ou=Delegated,{_ou}";
        var elsewhere = $"ou=Elsewhere,{_ou}";
        ad.Add(delegated, ("objectClass", ["organizationalUnit"]), ("ou", ["Delegated"]));
        ad.Add(elsewhere, ("objectClass", ["organizationalUnit"]), ("ou", ["Elsewhere"]));
        var options = ad.Delegated(delegated, resetPassword: true);

        using var allowed = new LdapDestination("corp-ad", options);
        using var refused = new LdapDestination("corp-ad", options with { BaseDn = elsewhere });
        var pass = await allowed.Check();
        var fail = await refused.Check();

        Assert.True(pass.Passed, pass.Detail);
        Assert.EndsWith($"and read {delegated}, where it may create user accounts.", pass.Detail);
        Assert.False(fail.Passed);
        Assert.Equal($"{options.BindDn} may not create user accounts in {elsewhere}.", fail.Detail);
        Assert.Contains("Create, delete, and manage user accounts", fail.Fix);
        Assert.True((await Destination.Check()).Passed);
    }

    public void Dispose() => _destination?.Dispose();
}
