using System.Net;
using Headwater.Core.Destinations;

namespace Headwater.Connectors.Ldap;

/// <summary>Which kind of directory: it decides the object classes, the default mapping and how an account is disabled.</summary>
public enum LdapProfile { OpenLdap, ActiveDirectory }

/// <summary>How the connection is protected: LDAPS from the first byte, StartTLS on the plain port, or nothing
/// (only to this machine, or when a setting allows it).</summary>
public enum LdapSecurity { Ldaps, StartTls, None }

/// <summary>An attribute and the value it holds while the condition is true (an entry disabled, an entry not managed).</summary>
public sealed record LdapMarker(string Attribute, string Value);

/// <summary>
/// How to reach one directory and keep accounts in it (docs/ldap.md): the server, the service account,
/// where entries go, the profile, and the directory-specific choices (how accounts are disabled, which entries are
/// never touched, where groups live).
/// </summary>
public sealed record LdapOptions : DestinationOptions
{
    public required Uri Url { get; init; }

    public LdapSecurity Security { get; init; } = LdapSecurity.Ldaps;

    /// <summary>A DN or, for Active Directory, a UPN.</summary>
    public required string BindDn { get; init; }

    public required string Password { get; init; }

    /// <summary>Where accounts are searched for, and where they go unless the <c>ou</c> expression says otherwise.</summary>
    public required string BaseDn { get; init; }

    public LdapProfile Profile { get; init; } = LdapProfile.OpenLdap;

    /// <summary>The attribute that names account entries (their RDN) when not the profile's: <c>cn</c> instead of
    /// OpenLDAP's <c>uid</c>. Null: the profile's.</summary>
    public string? Rdn { get; init; }

    /// <summary>A PEM file of the CA(s) the server's certificate must chain to, instead of the machine's.</summary>
    public string? CaFile { get; init; }

    /// <summary>Whether the server's certificate is checked at all. Off only for a test directory.</summary>
    public bool VerifyCertificate { get; init; } = true;

    /// <summary>Where derived groups are created; <see cref="BaseDn"/> when not given.</summary>
    public string? GroupsDn { get; init; }

    /// <summary>The value that says an account is disabled, when the profile's own mechanism is not used (openldap
    /// only; Active Directory always uses userAccountControl). Null: ppolicy's <c>pwdAccountLockedTime</c>.</summary>
    public LdapMarker? Disabled { get; init; }

    /// <summary>Where a terminated entry is moved when it is disabled (under <see cref="BaseDn"/>); a rehire moves it
    /// back. Null: disabled entries stay where they are.</summary>
    public string? LeaversOu { get; init; }

    /// <summary>Entries holding this value are never adopted, changed or listed as accounts.</summary>
    public LdapMarker? NotManaged { get; init; }

    /// <summary>The attributes whose values are generated from candidates (the mapping's <c>attribute</c>,
    /// <c>attribute#2</c>…), picked unique when an entry is created. A candidate that came out empty is not in the
    /// change at all, so the destination is told which attributes are generated rather than guessing from it.</summary>
    public IReadOnlySet<string> Unique { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Entries asked for per page of a search (the paged results control).</summary>
    public int PageSize { get; init; } = 200;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public string GroupsBase => GroupsDn ?? BaseDn;

    /// <summary>The account's permanent lock under ppolicy: a pwdAccountLockedTime of 000001010000Z.</summary>
    public static LdapMarker PolicyLock { get; } = new("pwdAccountLockedTime", "000001010000Z");

    public LdapMarker DisabledMarker => Disabled ?? PolicyLock;

    /// <summary>What is wrong with reaching <paramref name="url"/> with <paramref name="security"/>; null when nothing is.</summary>
    public static string? SecurityProblem(Uri url, LdapSecurity security, bool allowPlain)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (security == LdapSecurity.Ldaps && url.Scheme != "ldaps")
        {
            return "is ldap://: LDAPS needs an ldaps:// URL";
        }
        if (security != LdapSecurity.Ldaps && url.Scheme == "ldaps")
        {
            return "is ldaps://: StartTLS and plain LDAP need an ldap:// URL";
        }
        if (security == LdapSecurity.None && !allowPlain && !IsLoopback(url))
        {
            return "would send the password unencrypted; use ldaps:// or StartTLS, or set allowPlainLdap for a test directory";
        }
        return null;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
}
