using System.DirectoryServices.Protocols;
using System.Net;
using Headwater.Testing;

namespace Headwater.Tests.Support;

/// <summary>A test directory as the line eng/slapd.sh or eng/samba-ad.sh prints (key=value pairs separated by ';'),
/// and a connection to it as one of its accounts, for a test to seed and read entries without the code under test.</summary>
internal sealed class DirectoryLine(IReadOnlyDictionary<string, string> settings, string dnKey, string passwordKey)
{
    public IReadOnlyDictionary<string, string> Settings { get; } = settings;

    public string this[string key] => Settings[key];

    /// <summary>OpenLDAP slapd (HEADWATER_TEST_LDAP), reached as its root account.</summary>
    public static DirectoryLine Slapd() => new(Read("HEADWATER_TEST_LDAP", "eng/slapd.sh 57201 57202"), "adminDn", "adminPassword");

    /// <summary>Samba's AD domain controller (HEADWATER_TEST_AD), reached as the domain's administrator.</summary>
    public static DirectoryLine SambaAd() => new(Read("HEADWATER_TEST_AD", "eng/samba-ad.sh"), "bindDn", "password");

    /// <summary>Sends the request on a connection of its own; one the server drops is opened again
    /// (<see cref="DirectoryRetry"/>).</summary>
    public DirectoryResponse Send(DirectoryRequest request)
    {
        LdapConnection? connection = null;
        try
        {
            return DirectoryRetry.Send(request, () => connection ??= Connect(), dropped =>
            {
                dropped.Dispose();
                connection = null;
            });
        }
        finally
        {
            connection?.Dispose();
        }
    }

    /// <summary>The entries <paramref name="request"/> finds.</summary>
    public List<SearchResultEntry> Search(SearchRequest request) => [.. ((SearchResponse)Send(request)).Entries.Cast<SearchResultEntry>()];

    private LdapConnection Connect()
    {
        var url = new Uri(Settings["url"]);
        var connection = new LdapConnection(new LdapDirectoryIdentifier(url.Host, url.Port),
            new NetworkCredential(Settings[dnKey], Settings[passwordKey]), AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        if (!OperatingSystem.IsWindows())
        {
            connection.SessionOptions.TrustedCertificatesDirectory = Path.GetDirectoryName(Settings["caFile"]);
            connection.SessionOptions.StartNewTlsSessionContext();
        }
        connection.SessionOptions.SecureSocketLayer = true;
        return connection;
    }

    /// <summary>A new, empty OU for a test (under <paramref name="parent"/>, else the base).</summary>
    public string NewOu(string? parent = null)
    {
        var name = $"sync-{Guid.NewGuid():N}";
        var dn = $"ou={name},{parent ?? Settings["baseDn"]}";
        Send(new AddRequest(dn, new DirectoryAttribute("objectClass", "organizationalUnit"),
            new DirectoryAttribute("ou", name)));
        return dn;
    }

    private static Dictionary<string, string> Read(string variable, string start)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        Assert.False(string.IsNullOrWhiteSpace(text), $"{variable} is not set: run `export {variable}=$({start})`, or ./test.sh.");
        return text.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }
}
