using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Tests.Destinations;

/// <summary>The destination's attribute path for each kind of attribute the suite writes: simple (userName,
/// externalId, displayName, title), complex (given and family name), multi-valued (work email and phone), an extension
/// attribute (department) and an attribute of a custom schema.</summary>
public sealed record ConformancePaths(
    string UserName, string ExternalId, string GivenName, string FamilyName, string DisplayName, string Title,
    string WorkEmail, string WorkPhone, string Department, string CustomAttribute)
{
    public IReadOnlyList<string> All => [UserName, ExternalId, GivenName, FamilyName, DisplayName, Title, WorkEmail, WorkPhone, Department];
}

/// <summary>An account put in the destination behind Headwater's back, as an administrator would have.</summary>
public sealed record SeedAccount(string UserName, string? ExternalId = null, string? Email = null, string? GivenName = null,
    string? FamilyName = null, bool Active = true);

/// <summary>An account as the destination stores it, read without the destination under test.</summary>
public sealed record RawAccount(string Id, bool Active, string? ManagerId, IReadOnlyDictionary<string, string?> Values)
{
    public string? this[string path] => Values.GetValueOrDefault(path);
}

/// <summary>
/// What every destination must do, whatever it talks to: create with each kind of attribute, update each kind,
/// clear, deactivate, reactivate, delete, find and adopt an existing account, re-run without duplicating, link
/// managers, keep group membership in step, page through a large destination, and turn a rejected record into a
/// failure with a reason while the run carries on. A destination's test class derives from this and supplies the
/// destination, a way to seed accounts and read raw state around it, and its attribute paths.
/// <para>
/// None of it applies to a destination that only takes whole runs (<see cref="IRunReceiver"/>, such as the file
/// destination): it holds no accounts to read, find, adopt or page through, and it is never given single changes
/// to apply, so there is no per-record failure, manager link or group membership to check. Those destinations run
/// <see cref="RunReceiverConformanceTests"/> instead.
/// </para>
/// </summary>
public abstract partial class DestinationConformanceTests : IAsyncLifetime
{
    private IDestination? _destination;

    protected IDestination Destination => _destination ?? throw new InvalidOperationException("InitializeAsync has not run.");

    /// <summary>Every part of this suite reads and writes accounts one at a time.</summary>
    protected IAccountReader Reader => (IAccountReader)Destination;

    protected IAccountWriter Writer => (IAccountWriter)Destination;

    /// <summary>The destination's attribute paths.</summary>
    protected abstract ConformancePaths Paths { get; }

    /// <summary>Whether the destination stores attributes of a schema it was not told about. When not, creating with
    /// one must still succeed with everything else kept.</summary>
    protected abstract bool KeepsCustomAttributes { get; }

    /// <summary>Whether a user name may hold quotes and backslashes (Active Directory's sAMAccountName may not); when
    /// not, the lookup of such a value is checked through the email address instead.</summary>
    protected virtual bool UserNamesMayHoldQuotes => true;

    /// <summary>How many accounts the paging test lists: more than a page of every destination here (SCIM pages of
    /// 100 to 200, LDAP pages of 200, slapd's 500-entry limit a search).</summary>
    protected virtual int ListingSize => 1200;

    /// <summary>Empties the destination before each test.</summary>
    protected abstract Task ResetDestination();

    protected abstract IDestination CreateDestination();

    /// <summary>Creates an account directly (not through the destination); returns its id.</summary>
    protected abstract Task<string> SeedUnmanagedAccount(SeedAccount account);

    protected virtual async Task SeedUnmanagedAccounts(IReadOnlyList<SeedAccount> accounts)
    {
        foreach (var account in accounts)
        {
            await SeedUnmanagedAccount(account);
        }
    }

    /// <summary>The account's active flag, manager and the values at <paramref name="paths"/>, read directly; null
    /// when it does not exist.</summary>
    protected abstract Task<RawAccount?> ReadRaw(string accountId, IEnumerable<string> paths);

    /// <summary>The id of the group with this name, created if needed, through the destination.</summary>
    protected abstract Task<string> EnsureGroup(string name);

    /// <summary>Sets the group's members to exactly these accounts through the destination; true on success.</summary>
    protected abstract Task<bool> SetGroupMembers(string groupId, IReadOnlyCollection<string> accountIds);

    /// <summary>The group's member ids, read directly.</summary>
    protected abstract Task<IReadOnlyCollection<string>> ReadGroupMembers(string groupId);

    public async Task InitializeAsync()
    {
        await ResetDestination();
        _destination = CreateDestination();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    // ---- plan building -------------------------------------------------------------------------------------------

    protected static string UserNameOf(string workerId) => $"{workerId.ToLowerInvariant()}@headwater.example";

    /// <summary>Every attribute kind for a worker, as a hire's plan would carry them.</summary>
    protected IReadOnlyList<AttributeChange> PersonAttributes(string workerId, string given = "Ada", string family = "Lovelace") =>
    [
        new(Paths.UserName, null, UserNameOf(workerId)),
        new(Paths.ExternalId, null, workerId),
        new(Paths.GivenName, null, given),
        new(Paths.FamilyName, null, family),
        new(Paths.DisplayName, null, $"{given} {family}"),
        new(Paths.Title, null, "Analyst"),
        new(Paths.WorkEmail, null, UserNameOf(workerId)),
        new(Paths.WorkPhone, null, "+1 617 555 0100"),
        new(Paths.Department, null, "Finance"),
    ];

    protected PlannedChange Hire(string workerId, bool active = true, string? managerWorkerId = null) =>
        new(ChangeKind.Create, workerId, null, PersonAttributes(workerId), ReasonCode.Hired, "hire", managerWorkerId, active);

    protected static PlannedChange Change(ChangeKind kind, string workerId, string accountId, params AttributeChange[] attributes) =>
        new(kind, workerId, accountId, attributes, ReasonCode.Changed, kind.ToString().ToLowerInvariant(), null, kind != ChangeKind.Deactivate);

    /// <summary>Applies a change that must succeed; returns the account id.</summary>
    protected async Task<string> Applied(PlannedChange change, string? managerAccountId = null)
    {
        var result = await Writer.Apply(change, managerAccountId);
        Assert.True(result.Succeeded, $"{change.Kind} {change.WorkerId} failed: {result.Error}");
        Assert.False(string.IsNullOrEmpty(result.AccountId));
        return result.AccountId!;
    }

    protected async Task<RawAccount> Raw(string accountId)
    {
        var raw = await ReadRaw(accountId, [.. Paths.All, Paths.CustomAttribute]);
        Assert.NotNull(raw);
        return raw;
    }

    protected async Task<List<DestinationAccount>> AllAccounts()
    {
        var accounts = new List<DestinationAccount>();
        await foreach (var account in Reader.ListAccounts())
        {
            accounts.Add(account);
        }
        return accounts;
    }

    // ---- create --------------------------------------------------------------------------------------------------

    [ConformanceFact]
    public async Task Create_writes_every_kind_of_attribute_and_returns_the_new_account_id()
    {
        var id = await Applied(Hire("E1001"));

        var raw = await Raw(id);
        Assert.Equal(id, raw.Id);
        Assert.True(raw.Active);
        foreach (var attribute in PersonAttributes("E1001"))
        {
            Assert.Equal(attribute.New, raw[attribute.Name]);
        }
    }

    [ConformanceFact]
    public async Task Create_reads_back_through_ListAccounts_and_Find_by_the_same_attribute_paths()
    {
        var id = await Applied(Hire("E1002"));

        var listed = Assert.Single(await AllAccounts());
        var found = await Reader.Find(AccountKey.ExternalId, "E1002");

        Assert.NotNull(found);
        foreach (var account in new[] { listed, found })
        {
            Assert.Equal(id, account.Id);
            Assert.Equal("E1002", account.ExternalId);
            Assert.Equal(UserNameOf("E1002"), account.UserName);
            Assert.Equal(UserNameOf("E1002"), account.Email);
            Assert.True(account.Active);
            foreach (var attribute in PersonAttributes("E1002"))
            {
                Assert.Equal(attribute.New, account.Attributes.GetValueOrDefault(attribute.Name));
            }
        }
    }

    [ConformanceFact]
    public async Task Create_with_active_false_makes_an_inactive_account()
    {
        var id = await Applied(Hire("E1003", active: false));

        Assert.False((await Raw(id)).Active);
        Assert.False((await Reader.Find(AccountKey.UserName, UserNameOf("E1003")))!.Active);
    }

    [ConformanceFact]
    public async Task Create_with_an_attribute_set_to_null_leaves_it_unset()
    {
        var change = Hire("E1004") with
        {
            Attributes = [.. PersonAttributes("E1004").Select(a => a.Name == Paths.Title || a.Name == Paths.WorkPhone ? a with { New = null } : a)],
        };

        var raw = await Raw(await Applied(change));

        Assert.Null(raw[Paths.Title]);
        Assert.Null(raw[Paths.WorkPhone]);
        Assert.Equal("Analyst", (await Raw(await Applied(Hire("E1005"))))[Paths.Title]);
    }

    [ConformanceFact]
    public async Task Create_with_a_custom_schema_attribute_succeeds_and_keeps_it_where_the_destination_supports_it()
    {
        var change = Hire("E1006") with { Attributes = [.. PersonAttributes("E1006"), new(Paths.CustomAttribute, null, "CC-100")] };

        var raw = await Raw(await Applied(change));

        Assert.Equal(KeepsCustomAttributes ? "CC-100" : null, raw[Paths.CustomAttribute]);
        Assert.Equal("Finance", raw[Paths.Department]);
        Assert.Equal("Ada", raw[Paths.GivenName]);
    }
}
