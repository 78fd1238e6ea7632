using System.DirectoryServices.Protocols;
using System.Net;
using Headwater.Connectors.Ldap;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>The tests that share the OpenLDAP slapd that eng/slapd.sh starts; xUnit runs them one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SlapdCollectionDefinition : ICollectionFixture<Slapd>
{
    public const string Name = "OpenLDAP slapd";
}

/// <summary>
/// The OpenLDAP slapd started by eng/slapd.sh (as ./test.sh does), read from HEADWATER_TEST_LDAP, with a raw
/// connection as the directory's root account for seeding and reading entries without the destination under test.
/// When the variable is missing every test fails with the step that fixes it; none is skipped.
/// </summary>
public sealed class Slapd : IDisposable
{
    public const string Variable = "HEADWATER_TEST_LDAP";

    private readonly Dictionary<string, string> _settings;
    private readonly Lazy<LdapConnection> _raw;

    public Slapd()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        Assert.False(string.IsNullOrWhiteSpace(text),
            $"{Variable} is not set: run `export {Variable}=$(eng/slapd.sh 57201 57202)` (installs and starts OpenLDAP slapd), or ./test.sh.");
        _settings = text.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        _raw = new Lazy<LdapConnection>(() => Connect(_settings["adminDn"], _settings["adminPassword"]));
    }

    public string BaseDn => _settings["baseDn"];
    public string CaFile => _settings["caFile"];
    public Uri LdapsUrl => new(_settings["url"]);
    public Uri StartTlsUrl => new(_settings["startTlsUrl"]);

    public LdapConnection Raw => _raw.Value;

    /// <summary>The destination's options for the service account, with entries under <paramref name="baseDn"/>.</summary>
    public LdapOptions Options(string baseDn) => new()
    {
        Url = LdapsUrl,
        BindDn = _settings["bindDn"],
        Password = _settings["password"],
        BaseDn = baseDn,
        CaFile = CaFile,
        GroupsDn = "ou=groups," + baseDn,
    };

    /// <summary>Empties <paramref name="ou"/> under the base, creating it and its groups OU; returns its DN.</summary>
    public string ResetOu(string ou)
    {
        var dn = $"ou={ou},{BaseDn}";
        var entries = Search(dn, "(objectClass=*)", SearchScope.Subtree, "1.1").Select(e => e.DistinguishedName)
            .OrderByDescending(d => d.Length).ToList();
        foreach (var entry in entries)
        {
            Raw.SendRequest(new DeleteRequest(entry));
        }
        Add(dn, ("objectClass", ["organizationalUnit"]), ("ou", [ou]));
        Add("ou=groups," + dn, ("objectClass", ["organizationalUnit"]), ("ou", ["groups"]));
        return dn;
    }

    public void Add(string dn, params (string Name, string[] Values)[] attributes)
    {
        var request = new AddRequest(dn);
        foreach (var (name, values) in attributes)
        {
            request.Attributes.Add(new DirectoryAttribute(name, values));
        }
        Raw.SendRequest(request);
    }

    public void Modify(string dn, string attribute, params string[] values) =>
        Raw.SendRequest(new ModifyRequest(dn, DirectoryAttributeOperation.Replace, attribute, values));

    public List<SearchResultEntry> Search(string baseDn, string filter, SearchScope scope = SearchScope.Subtree, params string[] attributes)
    {
        try
        {
            var response = (SearchResponse)Raw.SendRequest(new SearchRequest(baseDn, filter, scope,
                attributes.Length == 0 ? ["*", "entryUUID", "pwdAccountLockedTime"] : attributes));
            return [.. response.Entries.Cast<SearchResultEntry>()];
        }
        catch (DirectoryOperationException e) when (e.Response.ResultCode == ResultCode.NoSuchObject)
        {
            return [];
        }
    }

    /// <summary>The entry with this entryUUID, or null.</summary>
    public SearchResultEntry? ById(string id) => Search(BaseDn, $"(entryUUID={id})").SingleOrDefault();

    public SearchResultEntry? ByDn(string dn) => Search(dn, "(objectClass=*)", SearchScope.Base).SingleOrDefault();

    public static string? First(SearchResultEntry entry, string attribute) =>
        entry.Attributes[attribute] is { Count: > 0 } values ? values[0] as string : null;

    public static string[] All(SearchResultEntry entry, string attribute) =>
        entry.Attributes[attribute] is { } values ? [.. values.GetValues(typeof(string)).Cast<string>()] : [];

    private LdapConnection Connect(string dn, string password)
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier(LdapsUrl.Host, LdapsUrl.Port), new NetworkCredential(dn, password), AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        if (!OperatingSystem.IsWindows())
        {
            // The CA's folder holds only the CA (eng/slapd.sh): libldap trusts every certificate in it.
            connection.SessionOptions.TrustedCertificatesDirectory = Path.GetDirectoryName(CaFile);
            connection.SessionOptions.StartNewTlsSessionContext();
        }
        connection.SessionOptions.SecureSocketLayer = true;
        connection.Bind();
        return connection;
    }

    public void Dispose()
    {
        if (_raw.IsValueCreated)
        {
            _raw.Value.Dispose();
        }
    }
}
