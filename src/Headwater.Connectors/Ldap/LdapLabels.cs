using Headwater.Connectors.Destinations;

namespace Headwater.Connectors.Ldap;

/// <summary>The labels and hints of <c>type: ldap</c>'s keys, as forms show them (docs/ldap.md).</summary>
internal static class LdapLabels
{
    private static readonly IReadOnlyList<KeyLabel> Marker =
    [
        new("attribute", "Attribute", "The attribute that holds the marker."),
        new("value", "Value", "The value that marks the entry."),
    ];

    public static IReadOnlyList<KeyLabel> All { get; } =
    [
        new("url", "Directory URL", "ldaps://host (LDAPS, port 636) or ldap://host (StartTLS, port 389)."),
        new("bindDn", "Bind DN", "The service account's DN, or for Active Directory its UPN."),
        new("password", "Bind password", "The service account's password."),
        new("baseDn", "Base DN", "Where accounts are looked for, and new entries go unless OU says otherwise."),
        new("profile", "Profile", "openldap (default) or active-directory."),
        new("ou", "OU expression", "An expression giving the DN of the OU a worker's entry belongs in."),
        new("leaversOu", "Leavers OU", "The DN of an OU under the base DN where a leaver's entry is moved."),
        new("startTls", "StartTLS", "With ldap://, true (default) upgrades before binding; false is plain LDAP."),
        new("allowPlainLdap", "Allow plain LDAP", "true allows startTls: false to a host that is not this machine."),
        new("caFile", "CA file", "A PEM file of the CA that issued the directory's certificate."),
        new("verifyCertificate", "Verify certificate", "false skips the check (Windows only); name the CA file instead."),
        new("groupsDn", "Groups DN", "Where derived groups are created and looked for (default: the base DN)."),
        new("disable", "Disable with", "How an OpenLDAP account is disabled when not by ppolicy; not for Active Directory.") { Keys = Marker },
        new("notManaged", "Not managed when", "Entries holding this value are never listed, matched, changed or deleted.") { Keys = Marker },
        new("unique", "Unique values", "Per attribute, the candidate expressions its value is generated from, one a line, in order.")
        {
            Named = true,
        },
        new("pageSize", "Page size", "Entries per page of a search, 1 to 5000 (default 200)."),
        new("rdn", "Naming attribute", "The attribute entries are named by: uid (OpenLDAP's default) or cn; Active Directory takes cn only."),
    ];
}
