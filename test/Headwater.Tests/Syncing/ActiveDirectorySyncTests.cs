using System.DirectoryServices.Protocols;
using System.Globalization;
using Headwater.Connectors.Ldap;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Data;
using Headwater.Tests.Support;

namespace Headwater.Tests.Syncing;

/// <summary>
/// The engine syncing the simulator's workers into Samba's AD domain controller (eng/samba-ad.sh, HEADWATER_TEST_AD)
/// with the active-directory profile's own mapping: enabled accounts with unique sAMAccountNames, managers as DNs,
/// nothing planned on a re-sync, and a leaver disabled with accountExpires at the end of the termination day.
/// </summary>
public sealed class ActiveDirectorySyncTests
{
    private const int AccountDisable = 0x2;

    [Fact]
    public async Task A_sync_creates_enabled_unique_accounts_linked_to_their_managers_and_disables_a_leaver_expiring_that_day()
    {
        var settings = DirectoryLine.SambaAd();
        var ou = settings.NewOu();
        var options = new LdapOptions
        {
            Url = new Uri(settings["url"]), BindDn = settings["bindDn"], Password = settings["password"], BaseDn = ou,
            CaFile = settings["caFile"], Profile = LdapProfile.ActiveDirectory,
            Unique = LdapMapping.UniqueDefaults(LdapProfile.ActiveDirectory).Select(u => u.Attribute)
                .ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
        await using var sync = await SyncHarness.StartAsync(StateStore.Sqlite(), employees: 14, configure: d => d with
        {
            Kind = new LdapKind(),
            Options = options,
            Mapper = Mapper.Create(LdapMapping.For(LdapProfile.ActiveDirectory, null, $"'{ou}'")),
            Policy = new SyncPolicy { MatchBy = LdapMapping.MatchBy(LdapProfile.ActiveDirectory) },
        });

        var first = await sync.Sync();

        Assert.True(first.Run.Status == SyncRunStatus.Succeeded,
            $"{first.Run.Status}: {string.Join("; ", first.FailedChanges.Select(c => $"{c.WorkerId} {c.Kind}: {c.Error}"))}");
        var creates = first.Plan.Changes.Where(c => c.Kind == ChangeKind.Create).ToList();
        Assert.InRange(creates.Count, 8, 14);
        var entries = Users(settings, ou);
        Assert.Equal(creates.Count, entries.Count);
        var names = entries.Select(e => First(e, "sAMAccountName")!).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.InRange(n.Length, 1, 20));
        Assert.All(entries.Where(e => creates.Single(c => c.WorkerId == First(e, "employeeID")).Active),
            e => Assert.Equal(0, Control(e) & AccountDisable));
        var dns = entries.Select(e => e.DistinguishedName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var managed = entries.Where(e => First(e, "manager") is not null).ToList();
        Assert.NotEmpty(managed);
        Assert.All(managed, e => Assert.Contains(First(e, "manager")!, dns));

        sync.Clock.Advance(TimeSpan.FromHours(1));
        var again = await sync.Sync();
        Assert.Equal(SyncRunStatus.Succeeded, again.Run.Status);
        Assert.DoesNotContain(again.Plan.Changes, c => c.IsChange);

        var leaver = creates.First(c => c.Active).WorkerId;
        var lastDay = sync.Ukg.Tenant.Today().AddDays(-1);
        sync.Ukg.Tenant.Terminate(leaver, lastDay);
        sync.Clock.Advance(TimeSpan.FromHours(1));
        var third = await sync.Sync();

        Assert.Equal(SyncRunStatus.Succeeded, third.Run.Status);
        var left = Users(settings, ou).Single(e => First(e, "employeeID") == leaver);
        Assert.Equal(AccountDisable, Control(left) & AccountDisable);
        var endOfDay = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToFileTime();
        Assert.Equal(endOfDay.ToString(CultureInfo.InvariantCulture), First(left, "accountExpires"));
    }

    private static int Control(SearchResultEntry entry) => int.Parse(First(entry, "userAccountControl")!, CultureInfo.InvariantCulture);

    private static string? First(SearchResultEntry entry, string attribute) =>
        entry.Attributes.Contains(attribute) ? (string)entry.Attributes[attribute][0] : null;

    /// <summary>The user entries under <paramref name="ou"/>, read as the domain's administrator.</summary>
    private static List<SearchResultEntry> Users(DirectoryLine settings, string ou)
    {
        return settings.Search(new SearchRequest(ou, "(objectClass=user)", SearchScope.Subtree,
            "sAMAccountName", "employeeID", "userAccountControl", "manager", "accountExpires"));
    }
}
