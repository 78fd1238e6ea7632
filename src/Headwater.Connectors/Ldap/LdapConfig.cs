using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;

namespace Headwater.Connectors.Ldap;

/// <summary>A <c>type: ldap</c> destination's own keys, as written (docs/ldap.md); the password as its reference.</summary>
public sealed record LdapConfig(
    string? Url,
    string? BindDn = null,
    SecretRef? Password = null,
    string? BaseDn = null,
    string? Profile = null,
    string? Ou = null,
    string? StartTls = null,
    string? AllowPlainLdap = null,
    string? CaFile = null,
    string? VerifyCertificate = null,
    string? GroupsDn = null,
    LdapMarkerConfig? Disable = null,
    LdapMarkerConfig? NotManaged = null,
    IReadOnlyList<LdapUniqueConfig>? Unique = null,
    string? PageSize = null,
    string? LeaversOu = null,
    string? Rdn = null) : KindConfig
{
    internal static readonly string[] MarkerKeys = ["attribute", "value"];

    internal static LdapConfig Bind(ConfigSection section, string name)
    {
        var variable = name.ToUpperInvariant().Replace('-', '_') + "_LDAP_PASSWORD";
        LdapMarkerConfig? Marker(string key) =>
            section.Child(key, MarkerKeys) is { } m ? new LdapMarkerConfig(m.Text("attribute"), m.Text("value")) : null;
        var unique = section.Child("unique", null) is { } u
            ? u.Keys.Select(attribute => new LdapUniqueConfig(attribute, u.Texts(attribute) ?? [])).ToList()
            : null;
        return new LdapConfig(section.Text("url"), section.Text("bindDn"), section.Secret("password", variable), section.Text("baseDn"),
            section.Text("profile"), section.Text("ou"), section.Text("startTls"), section.Text("allowPlainLdap"), section.Text("caFile"),
            section.Text("verifyCertificate"), section.Text("groupsDn"), Marker("disable"), Marker("notManaged"), unique,
            section.Text("pageSize"), section.Text("leaversOu"), section.Text("rdn"));
    }

    /// <summary>The profile as written, leniently: anything but active-directory is OpenLDAP (a wrong value is reported when checked).</summary>
    internal LdapProfile ProfileOrDefault =>
        string.Equals(Profile?.Trim(), "active-directory", StringComparison.OrdinalIgnoreCase) ? LdapProfile.ActiveDirectory : LdapProfile.OpenLdap;

    public override void Write(ConfigMapBuilder map)
    {
        static ConfigMap? Marker(LdapMarkerConfig? m) => m is null ? null
            : new ConfigMapBuilder().Text("attribute", m.Attribute).Text("value", m.Value).Build(empty: true);
        map.Text("url", Url).Text("bindDn", BindDn).Secret("password", Password).Text("baseDn", BaseDn).Text("profile", Profile)
            .Text("rdn", Rdn)
            .Text("ou", Ou).Text("leaversOu", LeaversOu).Bare("startTls", StartTls).Bare("allowPlainLdap", AllowPlainLdap).Text("caFile", CaFile)
            .Bare("verifyCertificate", VerifyCertificate).Text("groupsDn", GroupsDn).Add("disable", Marker(Disable))
            .Add("notManaged", Marker(NotManaged));
        if (Unique is { } unique)
        {
            map.Add("unique", unique.Aggregate(new ConfigMapBuilder(), (m, u) => m.Texts(u.Attribute, u.Candidates)).Build(empty: true));
        }
        map.Bare("pageSize", PageSize);
    }
}

/// <summary><c>disable:</c> or <c>notManaged:</c>, as written.</summary>
public sealed record LdapMarkerConfig(string? Attribute, string? Value);

/// <summary>One attribute of <c>unique:</c>: its candidate expressions in order, as written.</summary>
public sealed record LdapUniqueConfig(string Attribute, IReadOnlyList<string> Candidates);
