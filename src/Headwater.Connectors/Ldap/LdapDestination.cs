using System.Collections.Concurrent;
using System.DirectoryServices.Protocols;
using System.Runtime.CompilerServices;
using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Ldap;

/// <summary>
/// An LDAP directory (OpenLDAP, or Active Directory per its profile) as a Headwater destination. Accounts are
/// entries under <see cref="LdapOptions.BaseDn"/>, known by an id that survives moves and renames (entryUUID or
/// objectGUID); attribute paths are LDAP attribute names. Entries marked not managed are invisible to Headwater: never
/// listed, found, adopted or changed. A refused record is returned as a failed <see cref="ChangeResult"/>, never thrown.
/// </summary>
public sealed partial class LdapDestination : IAccountReader, IAccountWriter, IGroupWriter, IAccountLocations, IDisposable
{
    private static readonly HashSet<string> Unlisted = new(StringComparer.OrdinalIgnoreCase)
        { "objectClass", "userPassword", "unicodePwd", "objectGUID", "objectSid", "entryUUID", "pwdAccountLockedTime", "userAccountControl" };

    private readonly LdapConnections _connections;
    private readonly LdapSchema _schema;
    private readonly UniqueValues _unique = new();
    private readonly LookupBatches _lookups;

    /// <summary>Entries' DNs by id: as recorded by earlier runs (<see cref="Remember"/>), and as learnt in this one (a
    /// report's manager was usually created or read moments before), so linking a manager or updating needs no search.</summary>
    private readonly ConcurrentDictionary<string, string> _dns = new(StringComparer.OrdinalIgnoreCase);

    public LdapDestination(string name, LdapOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _connections = new LdapConnections(options);
        _schema = LdapSchema.For(options.Profile, options.Rdn);
        _lookups = new LookupBatches((filter, cancellationToken) =>
            _connections.Search(LookupBase, filter, _schema.AccountAttributes(Options), cancellationToken));
        Groups = new LdapGroups(_connections, _schema, this);
    }

    public string Name { get; }

    private LdapOptions Options => _connections.Options;

    internal LdapGroups Groups { get; }

    /// <summary>How many searches this destination has sent.</summary>
    internal int Searched => _connections.Searched;

    IAsyncEnumerable<DestinationGroup> IGroupWriter.ListGroups(CancellationToken cancellationToken) => Groups.ListGroups(cancellationToken);

    Task<GroupResult> IGroupWriter.CreateGroup(string name, CancellationToken cancellationToken) => Groups.CreateGroup(name, cancellationToken);

    Task<GroupResult> IGroupWriter.ChangeMembers(string groupId, IReadOnlyCollection<string> add, IReadOnlyCollection<string> remove,
        CancellationToken cancellationToken) => Groups.ChangeMembers(groupId, add, remove, cancellationToken);

    public async IAsyncEnumerable<DestinationAccount> ListAccounts([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entry in _connections.Search(Options.BaseDn, _schema.AccountFilter, _schema.AccountAttributes(Options), cancellationToken))
        {
            if (!IsNotManaged(entry) && ToAccount(entry) is { } account)
            {
                _dns[account.Id] = entry.DistinguishedName; // a later update in the run goes straight to it
                yield return account;
            }
        }
    }

    /// <summary>Searches for the key's attribute (employeeNumber or employeeID, uid or sAMAccountName, mail); LDAP
    /// compares these ignoring case.</summary>
    public async Task<DestinationAccount?> Find(AccountKey key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var entry = await FindEntry(KeyAttribute(key), value, cancellationToken);
        return entry is null ? null : ToAccount(entry);
    }

    private string KeyAttribute(AccountKey key) => key switch
    {
        AccountKey.ExternalId => _schema.ExternalIdAttribute,
        AccountKey.UserName => _schema.UserNameAttribute,
        _ => LdapSchema.Mail,
    };

    /// <summary>The managed-or-adoptable account entry whose <paramref name="attribute"/> is <paramref name="value"/>.</summary>
    private async Task<SearchResultEntry?> FindEntry(string attribute, string value, CancellationToken cancellationToken)
    {
        var filter = $"(&{_schema.AccountFilter}({attribute}={LdapText.Filter(value)}))";
        await foreach (var entry in _connections.Search(Options.BaseDn, filter, _schema.AccountAttributes(Options), cancellationToken))
        {
            if (!IsNotManaged(entry))
            {
                return entry;
            }
        }
        return null;
    }

    /// <summary>The account entry with this id, whether managed or not; null when there is none. Searched for
    /// together with the other changes' lookups in flight.</summary>
    internal async Task<SearchResultEntry?> EntryById(string id, CancellationToken cancellationToken)
    {
        if (_schema.IdFilter(id) is not { } filter)
        {
            return null;
        }
        var found = await _lookups.Search([filter], cancellationToken);
        if (found.FirstOrDefault(e => string.Equals(_schema.Id(e), id, StringComparison.OrdinalIgnoreCase)
            && LdapText.IsUnder(e.DistinguishedName, Options.BaseDn)) is not { } entry)
        {
            return null;
        }
        _dns[id] = entry.DistinguishedName;
        return entry;
    }

    /// <summary>
    /// Where lookups search: the base, or in Active Directory the whole domain, since AD refuses a sAMAccountName or
    /// userPrincipalName that any entry of the domain holds, wherever it is. Only entries under the base are ever
    /// taken as accounts.
    /// </summary>
    private string LookupBase => Options.Profile == LdapProfile.ActiveDirectory ? LdapText.Domain(Options.BaseDn) : Options.BaseDn;

    /// <summary>Whether <paramref name="entry"/> holding a value of <paramref name="attribute"/> takes it: anywhere in
    /// the domain for AD's domain-wide names, else under the base (a CN is unique among its siblings only).</summary>
    private bool Takes(SearchResultEntry entry, string attribute) =>
        (Options.Profile == LdapProfile.ActiveDirectory && ActiveDirectoryAccount.DomainUnique.Contains(attribute))
        || LdapText.IsUnder(entry.DistinguishedName, Options.BaseDn);

    /// <summary>Whether any entry where the value would clash holds <paramref name="value"/> in <paramref name="attribute"/>.</summary>
    private async Task<bool> Holds(string attribute, string value, CancellationToken cancellationToken)
    {
        await foreach (var entry in _connections.Search(LookupBase, $"({attribute}={LdapText.Filter(value)})", ["1.1"], cancellationToken))
        {
            if (Takes(entry, attribute))
            {
                return true;
            }
        }
        return false;
    }

    private bool IsNotManaged(SearchResultEntry entry) =>
        Options.NotManaged is { } marker && LdapText.All(entry, marker.Attribute).Any(v => string.Equals(v, marker.Value, StringComparison.OrdinalIgnoreCase));

    internal bool IsActive(SearchResultEntry entry)
    {
        if (_schema.Profile == LdapProfile.ActiveDirectory)
        {
            return !ActiveDirectoryAccount.IsDisabled(LdapText.First(entry, "userAccountControl"));
        }
        var marker = Options.DisabledMarker;
        return !LdapText.All(entry, marker.Attribute).Any(v => string.Equals(v, marker.Value, StringComparison.OrdinalIgnoreCase));
    }

    private DestinationAccount? ToAccount(SearchResultEntry entry)
    {
        if (_schema.Id(entry) is not { } id)
        {
            return null;
        }
        var attributes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in entry.Attributes.AttributeNames)
        {
            if (!Unlisted.Contains(name) && LdapText.First(entry, name) is { } value)
            {
                attributes[name] = value;
            }
        }
        return new DestinationAccount(id, LdapText.First(entry, _schema.ExternalIdAttribute), LdapText.First(entry, _schema.UserNameAttribute),
            LdapText.First(entry, LdapSchema.Mail), IsActive(entry), attributes, entry.DistinguishedName);
    }

    /// <summary>The DNs recorded with the accounts: an update goes straight to its entry's DN under an assertion that
    /// the entry there is still the one with its id (<see cref="ModifyKnown"/>), and a manager's DN needs no search.
    /// What this destination learnt itself in this run stands over what was recorded.</summary>
    public void Remember(IEnumerable<KeyValuePair<string, string>> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        foreach (var (id, dn) in locations)
        {
            _dns.TryAdd(id, dn);
        }
    }

    public void Dispose() => _connections.Dispose();
}
