using System.DirectoryServices.Protocols;
using System.Net;
using Headwater.Connectors.Ldap;
using Headwater.Testing;

namespace Headwater.Connectors.Tests.Ldap;

/// <summary>
/// A real directory the tests run against, started by the project's script and described by an environment variable
/// (key=value pairs separated by ';'), with a raw connection as an account that may do anything, for seeding and
/// reading entries without the destination under test. When the variable is missing every test fails with the step
/// that fixes it; none is skipped.
/// </summary>
public abstract class DirectoryPeer : IDisposable
{
    private readonly Lock _rawLock = new();
    private LdapConnection? _raw;
    private readonly string _rawDnKey;
    private readonly string _rawPasswordKey;

    protected DirectoryPeer(string variable, string start, string rawDnKey, string rawPasswordKey)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        Assert.False(string.IsNullOrWhiteSpace(text), $"{variable} is not set: run `export {variable}=$({start})`, or ./test.sh.");
        Settings = text.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        (_rawDnKey, _rawPasswordKey) = (rawDnKey, rawPasswordKey);
    }

    protected IReadOnlyDictionary<string, string> Settings { get; }

    public string BaseDn => Settings["baseDn"];
    public string CaFile => Settings["caFile"];
    public Uri LdapsUrl => new(Settings["url"]);

    /// <summary>Sends the request on the raw connection; one the server drops is opened again (<see cref="DirectoryRetry"/>).</summary>
    public DirectoryResponse Send(DirectoryRequest request) => DirectoryRetry.Send(request, RawConnection, dropped =>
    {
        lock (_rawLock)
        {
            if (_raw == dropped)
            {
                _raw = null;
            }
        }
        dropped.Dispose();
    });

    private LdapConnection RawConnection()
    {
        lock (_rawLock)
        {
            return _raw ??= ConnectRaw();
        }
    }

    /// <summary>The destination's options for the peer's service account, with entries under <paramref name="baseDn"/>.</summary>
    protected LdapOptions ServiceOptions(string baseDn, LdapProfile profile) => new()
    {
        Url = LdapsUrl,
        BindDn = Settings["bindDn"],
        Password = Settings["password"],
        BaseDn = baseDn,
        CaFile = CaFile,
        Profile = profile,
        GroupsDn = "ou=groups," + baseDn,
    };

    /// <summary>A search filter for the entry whose id (entryUUID, objectGUID) is <paramref name="id"/>.</summary>
    protected abstract string IdFilter(string id);

    /// <summary>The entry's id as the destination gives it.</summary>
    public abstract string IdOf(SearchResultEntry entry);

    /// <summary>Whether the account is enabled, by the directory's own mechanism.</summary>
    public abstract bool IsActive(SearchResultEntry entry);

    /// <summary>Empties <paramref name="ou"/> under the base, creating it and its groups OU; returns its DN.</summary>
    public string ResetOu(string ou)
    {
        var dn = $"ou={ou},{BaseDn}";
        foreach (var entry in Search(dn, "(objectClass=*)", SearchScope.Subtree, "1.1").Select(e => e.DistinguishedName)
            .OrderByDescending(d => d.Length))
        {
            Send(new DeleteRequest(entry));
        }
        Settle(dn);
        Add(dn, ("objectClass", ["organizationalUnit"]), ("ou", [ou]));
        Add("ou=groups," + dn, ("objectClass", ["organizationalUnit"]), ("ou", ["groups"]));
        return dn;
    }

    /// <summary>Waits for what the directory still does in its own time after the deletes under
    /// <paramref name="ouDn"/>; nothing by default.</summary>
    protected virtual void Settle(string ouDn)
    {
    }

    /// <summary>Adds the entries over several raw connections side by side: one connection waits for each answer in
    /// turn, which makes seeding thousands of entries take a long while. A dropped connection is opened again
    /// (<see cref="DirectoryRetry"/>).</summary>
    public async Task AddAll(IReadOnlyList<AddRequest> requests, int connections = 4)
    {
        await Task.WhenAll(Enumerable.Range(0, connections).Select(first => Task.Run(() =>
        {
            LdapConnection? connection = null;
            try
            {
                for (var i = first; i < requests.Count; i += connections)
                {
                    DirectoryRetry.Send(requests[i], () => connection ??= ConnectRaw(), dropped =>
                    {
                        dropped.Dispose();
                        connection = null;
                    });
                }
            }
            finally
            {
                connection?.Dispose();
            }
        })));
    }

    public void Add(string dn, params (string Name, string[] Values)[] attributes)
    {
        var request = new AddRequest(dn);
        foreach (var (name, values) in attributes)
        {
            request.Attributes.Add(new DirectoryAttribute(name, values));
        }
        Send(request);
    }

    public List<SearchResultEntry> Search(string baseDn, string filter, SearchScope scope = SearchScope.Subtree, params string[] attributes)
    {
        try
        {
            var response = (SearchResponse)Send(new SearchRequest(baseDn, filter, scope,
                attributes.Length == 0 ? ["*", "entryUUID", "objectGUID", "pwdAccountLockedTime"] : attributes));
            return [.. response.Entries.Cast<SearchResultEntry>()];
        }
        catch (DirectoryOperationException e) when (e.Response.ResultCode == ResultCode.NoSuchObject)
        {
            return [];
        }
    }

    /// <summary>The entry with this id, or null.</summary>
    public SearchResultEntry? ById(string id) => Search(BaseDn, IdFilter(id)).SingleOrDefault();

    public SearchResultEntry? ByDn(string dn) => Search(dn, "(objectClass=*)", SearchScope.Base).SingleOrDefault();

    public static string? First(SearchResultEntry entry, string attribute) =>
        entry.Attributes[attribute] is { Count: > 0 } values ? values[0] as string : null;

    public static string[] All(SearchResultEntry entry, string attribute) =>
        entry.Attributes[attribute] is { } values ? [.. values.GetValues(typeof(string)).Cast<string>()] : [];

    /// <summary>The entry's manager once it is <paramref name="dn"/>, or as it is after 60 s: refint rewrites it in its
    /// own time, as it does a group's members (<see cref="MembersIncluding"/>).</summary>
    public Task<string?> ManagerOnceIs(string id, string dn) =>
        Eventually(() => First(ById(id)!, "manager"), manager => string.Equals(manager, dn, StringComparison.OrdinalIgnoreCase));

    /// <summary>The group's members once they include <paramref name="dn"/>, or as they are after 60 s: OpenLDAP's refint
    /// overlay rewrites the member values that name a moved entry in a thread of its own, after the ModifyDN answered,
    /// one queued change at a time; a test's OU emptied of the listing test's 2,100 entries just before leaves that
    /// queue seconds long on a loaded machine.</summary>
    public Task<string[]> MembersIncluding(string groupId, string dn) =>
        Eventually(() => All(ById(groupId)!, "member"), members => members.Contains(dn, StringComparer.OrdinalIgnoreCase));

    /// <summary>What <paramref name="read"/> gives once it is <paramref name="done"/>, or after 60 s.</summary>
    private static async Task<T> Eventually<T>(Func<T> read, Func<T, bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = read();
            if (done(value) || clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                return value;
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Whether <paramref name="dn"/> signs in with <paramref name="password"/>, as a sign-in service would check.</summary>
    public bool Binds(string dn, string password)
    {
        try
        {
            return DirectoryRetry.Retrying(() =>
            {
                using var connection = Connect(dn, password);
                return true;
            });
        }
        catch (LdapException e) when (e.ErrorCode == 49)
        {
            return false;
        }
    }

    /// <summary>A new bound connection as the raw account, over LDAPS to the directory, or to <paramref name="port"/> on
    /// its host (a relay in front of it).</summary>
    public LdapConnection ConnectRaw(int? port = null) => Connect(Settings[_rawDnKey], Settings[_rawPasswordKey], port);

    private LdapConnection Connect(string dn, string password, int? port = null)
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier(LdapsUrl.Host, port ?? LdapsUrl.Port),
            new NetworkCredential(dn, password), AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        if (!OperatingSystem.IsWindows())
        {
            // The CA's folder holds only the CA (eng/test-certificate.sh): libldap trusts every certificate in it.
            connection.SessionOptions.TrustedCertificatesDirectory = Path.GetDirectoryName(CaFile);
            connection.SessionOptions.StartNewTlsSessionContext();
        }
        connection.SessionOptions.SecureSocketLayer = true;
        try
        {
            connection.Bind();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _raw?.Dispose();
        GC.SuppressFinalize(this);
    }
}
