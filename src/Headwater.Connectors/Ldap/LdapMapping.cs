using Headwater.Core.Mapping;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Ldap;

/// <summary>
/// The mappings a directory starts with, per profile. Targets are LDAP attribute names; <see cref="OuTarget"/> is
/// where the entry goes (from <c>ou:</c>); a unique attribute's candidates are the attribute, then <c>attribute#2</c>,
/// <c>attribute#3</c>… (from <c>unique:</c>), picked from when the entry is created and never recomputed.
/// </summary>
public static class LdapMapping
{
    /// <summary>The parent DN of the worker's entry: a move when it changes.</summary>
    public const string OuTarget = "@ou";

    /// <summary>The name a generated naming value (AD's CN) follows: the first of its candidates, kept in step, so a
    /// change of name renames the entry (numbered again when another entry holds the new name).</summary>
    public const string NameTarget = "@name";

    // Names made for sign-in: the preferred first name, folded to ASCII, without spaces or apostrophes.
    private const string First = "replace(replace(ascii(coalesce(preferredName, firstName)), ' ', ''), \"'\", '')";
    private const string Last = "replace(replace(ascii(lastName), ' ', ''), \"'\", '')";
    private const string Initial = "left(ascii(middleName), 1)";

    /// <summary>first.last, then first.m.last when there is a middle name; a number is added to the last when both are taken.</summary>
    public static IReadOnlyList<string> NameCandidates { get; } =
        [$"lower({First} + '.' + {Last})", $"if(empty(middleName), null, lower({First} + '.' + {Initial} + '.' + {Last}))"];

    /// <summary>The display name, then with the middle initial.</summary>
    public static IReadOnlyList<string> CnCandidates { get; } =
    [
        "trim(coalesce(preferredName, firstName) + ' ' + lastName)",
        "if(empty(middleName), null, trim(coalesce(preferredName, firstName) + ' ' + left(middleName, 1) + '. ' + lastName))",
    ];

    /// <summary>The person attributes both profiles write alike.</summary>
    private static readonly AttributeMapping[] Person =
    [
        new("givenName", "coalesce(preferredName, firstName)"),
        // Required of a person entry: never removed.
        new("sn", "lastName", WhenEmpty: WhenEmpty.Ignore),
        new("displayName", "displayName"),
        // Usually owned by the mail system: a blank in HR must not strip it.
        new("mail", "email", WhenEmpty: WhenEmpty.Ignore),
        new("title", "primary.jobTitle"),
        new("telephoneNumber", "workPhone"),
    ];

    /// <summary>Mapped as they always are, beside the unique attributes.</summary>
    private static readonly AttributeMapping[] OpenLdapCommon =
    [
        new("cn", "trim(coalesce(preferredName, firstName) + ' ' + lastName)", WhenEmpty: WhenEmpty.Ignore),
        new("employeeNumber", "employeeNumber", WhenEmpty: WhenEmpty.Ignore),
        .. Person,
        new("departmentNumber", "primary.orgLevel2.name"),
        new("o", "primary.companyName"),
    ];

    private static readonly AttributeMapping[] ActiveDirectoryCommon =
    [
        // The join key back to the worker; never cleared.
        new("employeeID", "id", WhenEmpty: WhenEmpty.Ignore),
        new("employeeNumber", "employeeNumber"),
        .. Person,
        new("department", "primary.orgLevel2.name"),
        new("company", "primary.companyName"),
        // Written as the end of that day; empty is "never expires".
        new("accountExpires", "primary.terminationDate"),
    ];

    /// <summary>The unique attributes each profile generates, with their candidates.</summary>
    public static IReadOnlyList<(string Attribute, IReadOnlyList<string> Candidates)> UniqueDefaults(LdapProfile profile) =>
        profile == LdapProfile.ActiveDirectory
            ? [("cn", CnCandidates), ("sAMAccountName", NameCandidates), ("userPrincipalName", ["lower(email)"])]
            : [("uid", NameCandidates)];

    /// <summary>The profile's mapping with <paramref name="unique"/> in place of the profile's own candidates for
    /// those attributes, and the entry's OU from <paramref name="ou"/> when given.</summary>
    public static IReadOnlyList<AttributeMapping> For(LdapProfile profile, IEnumerable<(string Attribute, IReadOnlyList<string> Candidates)>? unique,
        string? ou)
    {
        var chosen = UniqueDefaults(profile).ToDictionary(u => u.Attribute, u => u.Candidates, StringComparer.OrdinalIgnoreCase);
        foreach (var (attribute, candidates) in unique ?? [])
        {
            chosen[attribute] = candidates;
        }
        var common = profile == LdapProfile.ActiveDirectory ? ActiveDirectoryCommon : OpenLdapCommon;
        var mappings = chosen.SelectMany(u => Candidates(u.Key, u.Value)).ToList();
        var rdn = LdapSchema.For(profile).RdnAttribute;
        if (!rdn.Equals(LdapSchema.For(profile).UserNameAttribute, StringComparison.OrdinalIgnoreCase) && chosen.TryGetValue(rdn, out var names))
        {
            mappings.Add(new AttributeMapping(NameTarget, names[0], WhenEmpty: WhenEmpty.Ignore));
        }
        mappings.AddRange(common.Where(m => !chosen.ContainsKey(m.Target)));
        if (!string.IsNullOrWhiteSpace(ou))
        {
            mappings.Add(new AttributeMapping(OuTarget, ou, WhenEmpty: WhenEmpty.Ignore));
        }
        return mappings;
    }

    /// <summary>Matching on a first sync: the external id, then the email address. Not the generated user name:
    /// two people with the same name would be taken for one.</summary>
    public static IReadOnlyList<MatchKey> MatchBy(LdapProfile profile) =>
        [new(AccountKey.ExternalId, LdapSchema.For(profile).ExternalIdAttribute), new(AccountKey.Email, LdapSchema.Mail)];

    private static IEnumerable<AttributeMapping> Candidates(string attribute, IReadOnlyList<string> candidates) =>
        candidates.Select((expression, i) => new AttributeMapping(i == 0 ? attribute : $"{attribute}{UniqueValues.CandidateMark}{i + 1}",
            expression, MappingApplies.OnCreate, WhenEmpty.Ignore));
}
