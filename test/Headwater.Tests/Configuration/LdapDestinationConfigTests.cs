using System.Runtime.CompilerServices;
using Headwater.Configuration;
using Headwater.Connectors.Ldap;
using Headwater.Core.Planning;

namespace Headwater.Tests.Configuration;

/// <summary>A <c>type: ldap</c> destination in the integration file: the example loads with each profile's mapping
/// and matching, the connection's security is checked, and wrong values are reported at their keys.</summary>
public sealed class LdapDestinationConfigTests
{
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal)
    {
        ["UKG_BASE_URL"] = "https://env.ultipro.com",
        ["UKG_USERNAME"] = "HEADWATER_SVC",
        ["UKG_PASSWORD"] = "ukg-password",
        ["UKG_CUSTOMER_API_KEY"] = "K7QWZ",
        ["DIRECTORY_LDAP_PASSWORD"] = "directory-password",
        ["CORP_AD_LDAP_PASSWORD"] = "ad-password",
        ["HEADWATER_DATA_DIR"] = "/tmp/headwater-config-tests",
    };

    private static string? Environment(string name) => Variables.GetValueOrDefault(name);

    /// <summary>An OpenLDAP destination with <paramref name="keys"/> added from line 7.</summary>
    private static string Directory(string keys) => $$"""
        destinations:
          - name: directory
            type: ldap
            bindDn: cn=headwater,dc=example,dc=com
            password: ${DIRECTORY_LDAP_PASSWORD}
            baseDn: dc=example,dc=com
        {{string.Join("\n", keys.Split('\n').Select(line => "    " + line))}}
        """;

    private static IReadOnlyList<string> Problems(string yaml) =>
        Assert.Throws<ConfigurationException>(() => IntegrationFile.Parse(yaml, Environment, "test.yaml")).Problems;

    private static string ExampleFile([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "..", "examples", "ldap.yaml"));

    [Fact]
    public void The_example_file_loads_each_profile_with_its_mapping_OU_and_matching()
    {
        var integration = IntegrationFile.Load(ExampleFile(), Environment);

        var openLdap = integration.Destinations.Single(d => d.Name == "directory");
        var options = Assert.IsType<LdapOptions>(openLdap.Options);
        Assert.Equal((LdapProfile.OpenLdap, LdapSecurity.Ldaps, "directory-password"), (options.Profile, options.Security, options.Password));
        Assert.Equal(new LdapMarker("employeeType", "service"), options.NotManaged);
        var targets = openLdap.Mapper.Mappings.Select(m => m.Target).ToList();
        Assert.Contains("uid", targets);
        Assert.Contains("uid#2", targets);
        Assert.Contains(LdapMapping.OuTarget, targets);
        Assert.Equal([AccountKey.ExternalId, AccountKey.Email], openLdap.Policy.MatchBy.Select(m => m.Key));
        Assert.Equal("employeeNumber", openLdap.Policy.MatchBy[0].Target);

        var ad = integration.Destinations.Single(d => d.Name == "corp-ad");
        Assert.Equal(LdapProfile.ActiveDirectory, Assert.IsType<LdapOptions>(ad.Options).Profile);
        var adTargets = ad.Mapper.Mappings.Select(m => m.Target).ToList();
        Assert.Contains("sAMAccountName#2", adTargets);
        Assert.Contains("userPrincipalName", adTargets);
        Assert.Contains("accountExpires", adTargets);
        Assert.Equal("employeeID", ad.Policy.MatchBy[0].Target);
    }

    [Fact]
    public void Plain_LDAP_is_refused_to_another_host_and_allowed_to_this_machine_or_when_set()
    {
        Assert.Equal(
            ["destinations[0].url (line 7): 'ldap://ldap.example.com' would send the password unencrypted; use ldaps:// or StartTLS, "
                + "or set allowPlainLdap for a test directory"],
            Problems(Directory("url: ldap://ldap.example.com\nstartTls: false")));

        var loopback = IntegrationFile.Parse(Directory("url: ldap://127.0.0.1:389\nstartTls: false"), Environment, "test.yaml");
        var allowed = IntegrationFile.Parse(Directory("url: ldap://ldap.example.com\nstartTls: false\nallowPlainLdap: true"), Environment, "t.yaml");
        var startTls = IntegrationFile.Parse(Directory("url: ldap://ldap.example.com"), Environment, "test.yaml");

        Assert.Equal(LdapSecurity.None, ((LdapOptions)loopback.Destinations[0].Options).Security);
        Assert.Equal(LdapSecurity.None, ((LdapOptions)allowed.Destinations[0].Options).Security);
        Assert.Equal(LdapSecurity.StartTls, ((LdapOptions)startTls.Destinations[0].Options).Security);
    }

    [Fact]
    public void The_active_directory_profile_refuses_plain_LDAP_even_to_this_machine_or_when_allowed()
    {
        const string Refused = "Active Directory sets a new account's password (unicodePwd) only over an encrypted connection; "
            + "use ldaps:// or StartTLS";
        Assert.Equal([$"destinations[0].startTls (line 8): {Refused}"],
            Problems(Directory("url: ldap://127.0.0.1:389\nstartTls: false\nprofile: active-directory")));
        Assert.Equal([$"destinations[0].startTls (line 8): {Refused}"],
            Problems(Directory("url: ldap://dc1.example.com\nstartTls: false\nallowPlainLdap: true\nprofile: active-directory")));

        var startTls = IntegrationFile.Parse(Directory("url: ldap://dc1.example.com\nprofile: active-directory"), Environment, "t.yaml");
        Assert.Equal(LdapSecurity.StartTls, ((LdapOptions)startTls.Destinations[0].Options).Security);
    }

    [Fact]
    public void Wrong_values_are_reported_at_their_keys_and_a_written_password_is_not_echoed()
    {
        var yaml = Directory("url: https://ldap.example.com\nprofile: eDirectory\ncaFile: /nowhere/ca.pem\nnotManaged: { attribute: x }")
            .Replace("${DIRECTORY_LDAP_PASSWORD}", "hunter2", StringComparison.Ordinal);

        var problems = Problems(yaml);

        Assert.Contains(problems, p => p.StartsWith("destinations[0].url", StringComparison.Ordinal) && p.Contains("ldaps://", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("destinations[0].profile", StringComparison.Ordinal)
            && p.Contains("openldap, active-directory", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("destinations[0].caFile", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("destinations[0].notManaged.value", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("destinations[0].password", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public void The_naming_attribute_may_be_cn_or_uid_in_OpenLDAP_and_only_cn_in_Active_Directory()
    {
        var named = IntegrationFile.Parse(Directory("url: ldaps://ldap.example.com\nrdn: CN"), Environment, "test.yaml");
        var unnamed = IntegrationFile.Parse(Directory("url: ldaps://ldap.example.com"), Environment, "test.yaml");

        Assert.Equal("cn", ((LdapOptions)named.Destinations[0].Options).Rdn);
        Assert.Null(((LdapOptions)unnamed.Destinations[0].Options).Rdn);
        Assert.Equal(["destinations[0].rdn (line 8): 'mail' cannot name entries: write uid or cn"],
            Problems(Directory("url: ldaps://ldap.example.com\nrdn: mail")));
        Assert.Equal(["destinations[0].rdn (line 9): 'uid' cannot name Active Directory accounts, which are named by cn; remove rdn"],
            Problems(Directory("url: ldaps://ldap.example.com\nprofile: active-directory\nrdn: uid")));
    }

    [Fact]
    public void Entries_named_by_cn_need_no_uid_in_the_mapping_and_entries_named_by_uid_do()
    {
        const string NoUid = "mapping:\n  attributes:\n    - { target: uid, remove: true }";

        var named = IntegrationFile.Parse(Directory("url: ldaps://ldap.example.com\nrdn: cn\n" + NoUid), Environment, "test.yaml");

        Assert.DoesNotContain(named.Destinations[0].Mapper.Mappings, m => m.Target == "uid");
        Assert.Contains(Problems(Directory("url: ldaps://ldap.example.com\n" + NoUid)),
            p => p.Contains("a new entry is named by its uid", StringComparison.Ordinal));
    }
}
