using Headwater.Connectors.Destinations;
using Headwater.Core.Configuration;
using Headwater.Core.Destinations;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Microsoft.Extensions.DependencyInjection;

namespace Headwater.Connectors.Ldap;

/// <summary><c>type: ldap</c>: an LDAP directory, OpenLDAP or Active Directory by <c>profile</c>, reached over LDAPS or
/// StartTLS with a service account (docs/ldap.md).</summary>
public sealed class LdapKind : DestinationKind<LdapConfig>
{
    private static readonly (string, LdapProfile)[] Profiles = [("openldap", LdapProfile.OpenLdap), ("active-directory", LdapProfile.ActiveDirectory)];

    public override string Type => "ldap";

    public override IReadOnlyList<string> Keys { get; } =
        ["url", "bindDn", "password", "baseDn", "profile", "ou", "leaversOu", "startTls", "allowPlainLdap", "caFile", "verifyCertificate", "groupsDn",
            "disable", "notManaged", "unique", "pageSize", "rdn"];

    public override IReadOnlyList<KeyLabel> Labels => LdapLabels.All;

    public override IReadOnlyList<AttributeMapping> DefaultMapping { get; } = LdapMapping.For(LdapProfile.OpenLdap, null, null);

    public override IReadOnlyList<MatchKey> MatchBy { get; } = LdapMapping.MatchBy(LdapProfile.OpenLdap);

    public override IReadOnlyList<AttributeMapping> DefaultMappingFor(KindConfig settings) => settings is LdapConfig ldap
        ? LdapMapping.For(ldap.ProfileOrDefault, ldap.Unique?.Select(u => (u.Attribute, u.Candidates)), ldap.Ou)
        : DefaultMapping;

    public override IReadOnlyList<MatchKey> MatchByFor(KindConfig settings) =>
        settings is LdapConfig ldap ? LdapMapping.MatchBy(ldap.ProfileOrDefault) : MatchBy;

    public override IEnumerable<string> CheckMapping(IReadOnlyList<AttributeMapping> mappings, KindConfig? settings = null)
    {
        var targets = mappings.Select(m => m.Target).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // The settings name the profile and the naming attribute; without them the mapping tells the profile.
        var ldap = settings as LdapConfig;
        var profile = ldap?.ProfileOrDefault ?? (targets.Contains("sAMAccountName") ? LdapProfile.ActiveDirectory : LdapProfile.OpenLdap);
        // A naming attribute the profile cannot take is reported by the settings' own check, not here.
        var named = ldap?.Rdn?.Trim() is { } written && LdapSchema.NamingAttributes(profile).Contains(written, StringComparer.OrdinalIgnoreCase)
            ? written : null;
        var rdn = LdapSchema.For(profile, named).RdnAttribute;
        if (!targets.Contains(rdn))
        {
            yield return $"a new entry is named by its {rdn}: map one, or keep the defaults";
        }
        if (mappings.Any(m => m.Target.Equals("sAMAccountName", StringComparison.OrdinalIgnoreCase) && m.Applies == MappingApplies.Always))
        {
            yield return "sAMAccountName is never changed after creation: map it with applies: onCreate";
        }
    }

    public override string? CheckGroups(DestinationOptions options) => null;

    public override void Register(IServiceCollection services, string name, DestinationOptions options) =>
        services.AddKeyedTransient<IDestination>(name, (_, _) => new LdapDestination(name, (LdapOptions)options));

    public override KindConfig Bind(ConfigSection section, string name) => LdapConfig.Bind(section, name);

    protected override DestinationOptions? Validate(LdapConfig ldap, ConfigCheck check, string name)
    {
        ArgumentNullException.ThrowIfNull(ldap);
        ArgumentNullException.ThrowIfNull(check);
        var before = check.Reader.Problems.Count;
        var text = check.Text("url", ldap.Url, required: true);
        Uri? url = null;
        if (text is not null && (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out url) || url.Scheme is not ("ldap" or "ldaps")))
        {
            check.Problem("url", $"'{text}' is not an ldaps:// or ldap:// URL, e.g. ldaps://dc1.example.com");
            url = null;
        }
        var startTls = check.Bool("startTls", ldap.StartTls);
        var allowPlain = check.Bool("allowPlainLdap", ldap.AllowPlainLdap) ?? false;
        var security = url?.Scheme == "ldaps" ? LdapSecurity.Ldaps : startTls == false ? LdapSecurity.None : LdapSecurity.StartTls;
        if (url is not null && LdapOptions.SecurityProblem(url, security, allowPlain) is { } insecure)
        {
            check.Problem(url.Scheme == "ldaps" && startTls == true ? "startTls" : "url", $"'{url.GetLeftPart(UriPartial.Authority)}' {insecure}");
        }
        var bindDn = check.Text("bindDn", ldap.BindDn, required: true);
        var password = check.Secret("password", ldap.Password);
        if (ldap.Password is null && !check.Reader.Reported(check.At("password")))
        {
            check.Problem("password", $"required: write ${{{name.ToUpperInvariant().Replace('-', '_')}_LDAP_PASSWORD}}");
        }
        var baseDn = check.Text("baseDn", ldap.BaseDn, required: true);
        var profile = check.Choice("profile", ldap.Profile, Profiles);
        var caFile = check.Text("caFile", ldap.CaFile);
        if (caFile is not null && !File.Exists(caFile))
        {
            check.Problem("caFile", $"'{caFile}' does not exist");
        }
        var verify = check.Bool("verifyCertificate", ldap.VerifyCertificate) ?? true;
        if (!verify && !OperatingSystem.IsWindows())
        {
            check.Problem("verifyCertificate", "cannot be turned off here (libldap always checks the certificate); "
                + "name the directory's CA with caFile instead");
        }
        var disable = Marker(check.Child("disable"), ldap.Disable);
        var notManaged = Marker(check.Child("notManaged"), ldap.NotManaged);
        var pageSize = check.WholeNumber("pageSize", ldap.PageSize, 1, 5000);
        if (profile == LdapProfile.ActiveDirectory && security == LdapSecurity.None && url is not null)
        {
            check.Problem("startTls", "Active Directory sets a new account's password (unicodePwd) only over an encrypted "
                + "connection; use ldaps:// or StartTLS");
        }
        if ((profile ?? LdapProfile.OpenLdap) == LdapProfile.ActiveDirectory && disable is not null)
        {
            check.Problem("disable", "Active Directory accounts are disabled through userAccountControl; remove disable");
        }
        var naming = LdapSchema.NamingAttributes(profile ?? LdapProfile.OpenLdap);
        var rdn = check.Text("rdn", ldap.Rdn)?.Trim();
        if (rdn is not null && !naming.Contains(rdn, StringComparer.OrdinalIgnoreCase))
        {
            check.Problem("rdn", (profile ?? LdapProfile.OpenLdap) == LdapProfile.ActiveDirectory
                ? $"'{rdn}' cannot name Active Directory accounts, which are named by cn; remove rdn"
                : $"'{rdn}' cannot name entries: write uid or cn");
        }
        var leaversOu = check.Text("leaversOu", ldap.LeaversOu)?.Trim();
        if (leaversOu is not null && baseDn is not null && !LdapText.IsUnder(leaversOu, baseDn.Trim()))
        {
            check.Problem("leaversOu", $"'{leaversOu}' is not under baseDn ({baseDn.Trim()}), where accounts are looked for");
        }
        if (check.Reader.Problems.Count > before)
        {
            return null;
        }
        return new LdapOptions
        {
            Url = url!,
            Security = security,
            BindDn = bindDn!.Trim(),
            Password = password!,
            BaseDn = baseDn!.Trim(),
            Profile = profile ?? LdapProfile.OpenLdap,
            CaFile = caFile,
            VerifyCertificate = verify,
            GroupsDn = check.Text("groupsDn", ldap.GroupsDn)?.Trim(),
            LeaversOu = leaversOu,
            Disabled = disable,
            NotManaged = notManaged,
            PageSize = pageSize ?? 200,
            Rdn = rdn is null ? null : naming.First(a => a.Equals(rdn, StringComparison.OrdinalIgnoreCase)),
            Unique = LdapMapping.UniqueDefaults(profile ?? LdapProfile.OpenLdap).Select(u => u.Attribute)
                .Concat(ldap.Unique?.Select(u => u.Attribute) ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
    }

    private static LdapMarker? Marker(ConfigCheck check, LdapMarkerConfig? written)
    {
        if (written is null)
        {
            return null;
        }
        var attribute = check.Text("attribute", written.Attribute, required: true);
        var value = check.Text("value", written.Value, required: true);
        return attribute is null || value is null ? null : new LdapMarker(attribute.Trim(), value.Trim());
    }
}
