using System.DirectoryServices.Protocols;

namespace Headwater.Connectors.Ldap;

/// <summary>
/// What a profile's accounts look like in the directory: their object classes and search filter, the attribute
/// that names the entry (its RDN), the one that identifies it for good (its id, unchanged by a move or a rename), and
/// those Headwater matches by.
/// </summary>
internal sealed record LdapSchema(
    LdapProfile Profile,
    string[] ObjectClasses,
    string AccountFilter,
    string RdnAttribute,
    string IdAttribute,
    string ExternalIdAttribute,
    string UserNameAttribute,
    string[] GroupClasses,
    string GroupFilter)
{
    public const string Mail = "mail";
    public const string Manager = "manager";

    public static LdapSchema OpenLdap { get; } = new(LdapProfile.OpenLdap, ["top", "person", "organizationalPerson", "inetOrgPerson"],
        "(objectClass=inetOrgPerson)", "uid", "entryUUID", "employeeNumber", "uid", ["top", "groupOfNames"], "(objectClass=groupOfNames)");

    public static LdapSchema ActiveDirectory { get; } = new(LdapProfile.ActiveDirectory, ["top", "person", "organizationalPerson", "user"],
        "(&(objectCategory=person)(objectClass=user))", "cn", "objectGUID", "employeeID", "sAMAccountName", ["top", "group"],
        "(objectClass=group)");

    public static LdapSchema For(LdapProfile profile) => profile == LdapProfile.ActiveDirectory ? ActiveDirectory : OpenLdap;

    /// <summary>The profile's schema with entries named by <paramref name="rdn"/>, when given.</summary>
    public static LdapSchema For(LdapProfile profile, string? rdn) => rdn is null ? For(profile) : For(profile) with { RdnAttribute = rdn };

    /// <summary>The attributes that may name a profile's account entries: one of these is always there. AD names
    /// user entries by cn only.</summary>
    public static string[] NamingAttributes(LdapProfile profile) => profile == LdapProfile.ActiveDirectory ? ["cn"] : ["uid", "cn"];

    /// <summary>Whether the entry is an account (what <see cref="AccountFilter"/> finds), judged from its attributes.</summary>
    public bool IsAccount(SearchResultEntry entry) => Profile == LdapProfile.ActiveDirectory
        ? LdapText.All(entry, "objectClass").Contains("user", StringComparer.OrdinalIgnoreCase)
            && LdapText.First(entry, "objectCategory") is { } category && category.StartsWith("CN=Person,", StringComparison.OrdinalIgnoreCase)
        : LdapText.All(entry, "objectClass").Contains("inetOrgPerson", StringComparer.OrdinalIgnoreCase);

    /// <summary>The attributes read for an account: all user attributes, and the operational ones Headwater needs.</summary>
    public string[] AccountAttributes(LdapOptions options) =>
        ["*", IdAttribute, options.DisabledMarker.Attribute, "userAccountControl"];

    /// <summary>The entry's id as text: entryUUID as it is, objectGUID as a GUID.</summary>
    public string? Id(SearchResultEntry entry)
    {
        if (entry.Attributes[IdAttribute] is not { Count: > 0 } values)
        {
            return null;
        }
        // objectGUID is binary; read as bytes, since a value that happens to be valid UTF-8 comes back as text.
        return Profile == LdapProfile.ActiveDirectory
            ? new Guid((byte[])values.GetValues(typeof(byte[]))[0]).ToString()
            : values[0]?.ToString();
    }

    /// <summary>A filter that finds the entry with id <paramref name="id"/>; null when it cannot be an id.</summary>
    public string? IdFilter(string id)
    {
        if (Profile != LdapProfile.ActiveDirectory)
        {
            return $"({IdAttribute}={LdapText.Filter(id)})";
        }
        return Guid.TryParse(id, out var guid)
            ? $"({IdAttribute}={string.Concat(guid.ToByteArray().Select(b => $"\\{b:x2}"))})"
            : null;
    }
}
