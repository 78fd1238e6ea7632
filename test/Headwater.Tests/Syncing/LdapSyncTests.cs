using System.DirectoryServices.Protocols;
using System.Text.Json;
using Headwater.Connectors.Ldap;
using Headwater.Core.Destinations;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Data;
using Headwater.Tests.Support;

namespace Headwater.Tests.Syncing;

/// <summary>
/// The engine syncing the simulator's workers into OpenLDAP slapd (eng/slapd.sh, HEADWATER_TEST_LDAP) with the
/// openldap profile's own mapping: every hire gets its own generated uid, the uid chosen is what Headwater records,
/// a re-sync with nothing changed plans nothing, and a leaver is locked through ppolicy.
/// </summary>
public sealed class LdapSyncTests
{
    [Fact]
    public async Task A_first_sync_creates_everyone_with_unique_uids_records_them_and_a_resync_changes_nothing()
    {
        var settings = DirectoryLine.Slapd();
        var ou = settings.NewOu();
        var options = Options(settings, ou);
        var kind = new LdapKind();
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 40, configure: d => d with
        {
            Kind = kind,
            Options = options,
            Mapper = Mapper.Create(LdapMapping.For(LdapProfile.OpenLdap, null, $"'{ou}'")),
            Policy = new SyncPolicy { MatchBy = LdapMapping.MatchBy(LdapProfile.OpenLdap) },
        });

        var first = await sync.Sync();

        Assert.True(first.Run.Status == SyncRunStatus.Succeeded,
            $"{first.Run.Status}: {string.Join("; ", first.FailedChanges.Select(c => $"{c.WorkerId} {c.Kind}: {c.Error}"))}");
        var created = first.Plan.Changes.Count(c => c.Kind == ChangeKind.Create);
        Assert.InRange(created, 30, 40);
        using var directory = new LdapDestination("check", options);
        var entries = await directory.ListAccounts().ToListAsync();
        Assert.Equal(created, entries.Count);
        Assert.Equal(created, entries.Select(e => e.UserName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var recorded = (await sync.Accounts()).ToDictionary(a => a.AccountId, a => JsonDocument.Parse(a.Values).RootElement.GetProperty("uid").GetString());
        Assert.All(entries, e => Assert.Equal(e.UserName, recorded[e.Id]));

        sync.Clock.Advance(TimeSpan.FromHours(1));
        var again = await sync.Sync();
        Assert.Equal(SyncRunStatus.Succeeded, again.Run.Status);
        Assert.DoesNotContain(again.Plan.Changes, c => c.IsChange);

        var leaver = (await sync.Accounts()).First(a => a.Active).WorkerId!;
        sync.Ukg.Tenant.Terminate(leaver, sync.Ukg.Tenant.Today().AddDays(-1));
        sync.Clock.Advance(TimeSpan.FromHours(1));
        var third = await sync.Sync();

        Assert.Equal(SyncRunStatus.Succeeded, third.Run.Status);
        Assert.Equal([(leaver, ChangeKind.Deactivate)], third.Plan.Changes.Where(c => c.IsChange).Select(c => (c.WorkerId, c.Kind)));
        var after = await directory.ListAccounts().ToListAsync();
        Assert.Equal([(await sync.AccountOf(leaver)).AccountId], after.Where(a => !a.Active).Select(a => a.Id));
    }

    [Fact]
    public async Task A_leaver_goes_to_the_leavers_OU_a_rehire_brings_them_back_and_the_grace_period_ends_in_a_delete()
    {
        var settings = DirectoryLine.Slapd();
        var ou = settings.NewOu();
        var leavers = settings.NewOu(parent: ou);
        var options = Options(settings, ou) with { LeaversOu = leavers };
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 20, configure: d => d with
        {
            Kind = new LdapKind(),
            Options = options,
            Mapper = Mapper.Create(LdapMapping.For(LdapProfile.OpenLdap, null, $"'{ou}'")),
            Policy = new SyncPolicy { MatchBy = LdapMapping.MatchBy(LdapProfile.OpenLdap), DeleteAfter = TimeSpan.FromDays(30) },
        });
        Assert.Equal(SyncRunStatus.Succeeded, (await sync.Sync()).Run.Status);
        using var directory = new LdapDestination("check", options);
        var active = (await sync.Accounts()).Where(a => a.Active).Select(a => a.WorkerId!).ToList();
        var (leaver, rehired) = (active[0], active[1]);
        async Task<DestinationAccount> Entry(string worker)
        {
            var id = (await sync.AccountOf(worker)).AccountId;
            return (await directory.ListAccounts().ToListAsync()).Single(a => a.Id == id);
        }
        async Task<string> Parent(string worker) => RawParent(settings, ou, (await sync.AccountOf(worker)).AccountId);

        foreach (var worker in new[] { leaver, rehired })
        {
            sync.Ukg.Tenant.Terminate(worker, sync.Ukg.Tenant.Today().AddDays(-1));
        }
        sync.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(SyncRunStatus.Succeeded, (await sync.Sync()).Run.Status);
        Assert.Equal(leavers, await Parent(leaver), ignoreCase: true);
        Assert.Equal(leavers, await Parent(rehired), ignoreCase: true);
        Assert.False((await Entry(leaver)).Active);

        sync.Ukg.Tenant.Rehire(rehired, sync.Ukg.Tenant.Today());
        sync.Clock.Advance(TimeSpan.FromDays(1));
        var rehire = await sync.Sync();
        Assert.Contains((rehired, ChangeKind.Reactivate), rehire.Plan.Changes.Select(c => (c.WorkerId, c.Kind)));
        Assert.DoesNotContain(rehire.Plan.Changes, c => c.WorkerId == leaver && c.IsChange);
        Assert.Equal(ou, await Parent(rehired), ignoreCase: true);
        Assert.True((await Entry(rehired)).Active);

        sync.Clock.Advance(TimeSpan.FromDays(31));
        var later = await sync.Sync();

        Assert.Contains((leaver, ChangeKind.Delete), later.Plan.Changes.Select(c => (c.WorkerId, c.Kind)));
        Assert.DoesNotContain(later.Plan.Changes, c => c.WorkerId == rehired && c.IsChange);
        Assert.Equal(SyncRunStatus.Succeeded, later.Run.Status);
        Assert.DoesNotContain(await directory.ListAccounts().ToListAsync(), a => a.ExternalId == leaver);
        Assert.True((await Entry(rehired)).Active);
    }

    [Fact]
    public async Task Each_entry_s_DN_is_recorded_for_later_runs_and_one_moved_by_hand_since_is_found_and_recorded_again()
    {
        var settings = DirectoryLine.Slapd();
        var ou = settings.NewOu();
        var elsewhere = settings.NewOu(parent: ou);
        var options = Options(settings, ou);
        var mappings = LdapMapping.For(LdapProfile.OpenLdap, null, $"'{ou}'");
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 20, configure: d => d with
        {
            Kind = new LdapKind(), Options = options, Mapper = Mapper.Create(mappings),
            Policy = new SyncPolicy { MatchBy = LdapMapping.MatchBy(LdapProfile.OpenLdap) },
        });
        Assert.Equal(SyncRunStatus.Succeeded, (await sync.Sync()).Run.Status);
        using var directory = new LdapDestination("check", options);
        var entries = (await directory.ListAccounts().ToListAsync()).ToDictionary(e => e.Id);
        var accounts = await sync.Accounts();
        Assert.All(accounts, a => Assert.Equal(entries[a.AccountId].Location, a.Location, ignoreCase: true));

        // Moved by hand: the DN recorded for it is stale.
        var moved = accounts[0];
        var rdn = moved.Location![..moved.Location!.IndexOf(',', StringComparison.Ordinal)];
        settings.Send(new ModifyDNRequest(moved.Location, elsewhere, rdn) { DeleteOldRdn = true });
        // A new mapping of title: new services (as a new process) with only the recorded DNs to go by.
        await sync.Reconfigure(d => d with
        {
            Mapper = Mapper.Create([.. mappings.Select(m => m.Target == "title" ? m with { Expression = "primary.jobTitle + ' (acting)'" } : m)]),
        });
        var retitled = await sync.Sync(everyone: true);

        Assert.Equal(SyncRunStatus.Succeeded, retitled.Run.Status);
        Assert.Equal(accounts.Count, retitled.Run.Applied);
        var after = (await directory.ListAccounts().ToListAsync()).ToDictionary(e => e.Id);
        Assert.All(after.Values, e => Assert.EndsWith(" (acting)", e.Attributes["title"], StringComparison.Ordinal));
        Assert.Equal(elsewhere, RawParent(settings, ou, moved.AccountId), ignoreCase: true);
        var recorded = (await sync.Accounts()).ToDictionary(a => a.AccountId);
        Assert.Equal(after[moved.AccountId].Location, recorded[moved.AccountId].Location, ignoreCase: true);
        Assert.EndsWith(elsewhere, recorded[moved.AccountId].Location!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_demo_with_the_ldap_flag_syncs_the_simulated_tenant_into_the_directory()
    {
        var settings = DirectoryLine.Slapd();
        var ou = settings.NewOu();
        // The line eng/slapd.sh prints, with entries in an OU of this test's own.
        var line = string.Join(';', settings.Settings.Select(p => $"{p.Key}={(p.Key == "baseDn" ? ou : p.Value)}"));
        using var cli = new CliHarness(new Dictionary<string, string>());

        var demo = await cli.Run("demo", "--employees", "60", "--ldap", line);

        Assert.Equal(0, demo.Exit);
        Assert.Contains($"entries under {ou}", demo.Output, StringComparison.Ordinal);
        var options = new LdapOptions
        {
            Url = new Uri(settings["url"]), BindDn = settings["bindDn"], Password = settings["password"], BaseDn = ou, CaFile = settings["caFile"],
        };
        using var directory = new LdapDestination("check", options);
        var accounts = await directory.ListAccounts().ToListAsync();
        Assert.InRange(accounts.Count, 40, 70);
        Assert.Contains(accounts, a => !a.Active);
        Assert.Contains($"The directory now holds {accounts.Count} accounts ({accounts.Count(a => !a.Active)} disabled).", demo.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain(settings["password"], demo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_refuses_an_ldap_line_without_a_base_DN_and_says_what_is_missing()
    {
        using var cli = new CliHarness(new Dictionary<string, string>());

        var demo = await cli.Run("demo", "--ldap", "url=ldaps://127.0.0.1:1;bindDn=cn=x;password=secret-value");

        Assert.Equal(1, demo.Exit);
        Assert.Contains("--ldap lacks baseDn", demo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", demo.Output, StringComparison.Ordinal);
    }

    /// <summary>The openldap profile's settings for entries under <paramref name="ou"/>, with uid generated unique.</summary>
    private static LdapOptions Options(DirectoryLine settings, string ou) => new()
    {
        Url = new Uri(settings["url"]), BindDn = settings["bindDn"], Password = settings["password"], BaseDn = ou, CaFile = settings["caFile"],
        Unique = new HashSet<string>(["uid"], StringComparer.OrdinalIgnoreCase),
    };

    /// <summary>The DN of the OU holding the entry with this entryUUID, read as the root account.</summary>
    private static string RawParent(DirectoryLine settings, string baseDn, string accountId)
    {
        var request = new SearchRequest(baseDn, $"(entryUUID={accountId})", SearchScope.Subtree, "1.1");
        var dn = settings.Search(request).Single().DistinguishedName;
        return dn[(dn.IndexOf(',', StringComparison.Ordinal) + 1)..];
    }
}
