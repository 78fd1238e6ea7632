using Headwater.Configuration;
using Headwater.Connectors.Ldap;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Scoping;

namespace Headwater.Demo;

/// <summary>
/// <c>headwater demo --ldap LINE</c>: a directory the demo syncs into beside the SCIM application, described by the
/// line eng/slapd.sh and eng/samba-ad.sh print (<c>url=…;bindDn=…;password=…;baseDn=…;caFile=…</c>, optionally
/// <c>profile=active-directory</c>). Entries go under its <c>baseDn</c>, with the profile's own mapping.
/// </summary>
public static class DemoDirectory
{
    public const string Name = "demo-directory";

    private static readonly string[] Required = ["url", "bindDn", "password", "baseDn"];

    /// <summary>The destination the line describes, or what is wrong with it (never echoing the password).</summary>
    public static (DestinationSettings? Settings, string? Problem) Parse(string line, GroupRules groups)
    {
        var pairs = line.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.Split('=', 2)).ToList();
        if (pairs.Any(p => p.Length != 2))
        {
            return (null, "--ldap takes key=value pairs separated by ';', as eng/slapd.sh prints them (url=…;bindDn=…;password=…;baseDn=…).");
        }
        var values = pairs.GroupBy(p => p[0], StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
        if (Required.Where(k => string.IsNullOrWhiteSpace(values.GetValueOrDefault(k))).ToList() is { Count: > 0 } missing)
        {
            return (null, $"--ldap lacks {string.Join(", ", missing)}: give url, bindDn, password and baseDn (and caFile for a test CA).");
        }
        if (!Uri.TryCreate(values["url"], UriKind.Absolute, out var url) || url.Scheme is not ("ldap" or "ldaps"))
        {
            return (null, $"--ldap url '{values["url"]}' is not an ldaps:// or ldap:// URL.");
        }
        var profile = values.GetValueOrDefault("profile") switch
        {
            null or "openldap" => LdapProfile.OpenLdap,
            "active-directory" => LdapProfile.ActiveDirectory,
            _ => (LdapProfile?)null,
        };
        if (profile is not { } chosen)
        {
            return (null, $"--ldap profile '{values["profile"]}' is neither openldap nor active-directory.");
        }
        var security = url.Scheme == "ldaps" ? LdapSecurity.Ldaps : LdapSecurity.StartTls;
        if (values.GetValueOrDefault("caFile") is { } caFile && !File.Exists(caFile))
        {
            return (null, $"--ldap caFile '{caFile}' does not exist.");
        }
        var options = new LdapOptions
        {
            Url = url,
            Security = security,
            BindDn = values["bindDn"],
            Password = values["password"],
            BaseDn = values["baseDn"],
            CaFile = values.GetValueOrDefault("caFile"),
            Profile = chosen,
            Unique = LdapMapping.UniqueDefaults(chosen).Select(u => u.Attribute).ToHashSet(StringComparer.OrdinalIgnoreCase),
        };
        var kind = new LdapKind();
        var settings = new DestinationSettings(Name, kind, options, Mapper.Create(LdapMapping.For(chosen, null, null)),
            new SyncPolicy { Leave = LeavePolicy.Deactivate, MatchBy = LdapMapping.MatchBy(chosen) }, new SafetyLimits(), WorkerScope.Everyone,
            groups, Concurrency: 8);
        return (settings, null);
    }
}
