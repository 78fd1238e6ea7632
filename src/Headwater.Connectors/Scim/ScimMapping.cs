using Headwater.Core.Mapping;

namespace Headwater.Connectors.Scim;

/// <summary>The mapping a SCIM destination starts with; configuration adds to or replaces it per target.</summary>
public static class ScimMapping
{
    /// <summary>The SCIM 2.0 enterprise user extension (RFC 7643 §4.3); its attributes are "urn…:User:name".</summary>
    public const string EnterpriseUser = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /// <summary>
    /// The SCIM core user and enterprise extension. <c>active</c> is not here: the planner sets it from the
    /// worker's lifecycle. Nor is the manager: the planner links it by the manager's worker id.
    /// </summary>
    public static IReadOnlyList<AttributeMapping> Defaults { get; } =
    [
        // What people sign in with is their work email, so it is the userName; a worker without one (not yet
        // issued, or no mailbox) still needs a unique, stable name, and the employee number is both. Lowercased
        // because apps compare userName ignoring case while HR enters email in any case. Never cleared: it is
        // the account's identity.
        new("userName", "lower(coalesce(email, employeeNumber))", WhenEmpty: WhenEmpty.Ignore),
        // The join key back to the worker; never cleared.
        new("externalId", "id", WhenEmpty: WhenEmpty.Ignore),
        new("name.givenName", "coalesce(preferredName, firstName)"),
        new("name.familyName", "lastName"),
        new("name.formatted", "trim(coalesce(preferredName, firstName) + ' ' + lastName)"),
        new("displayName", "displayName"),
        // Left alone when HR has no email: the address is usually owned by the mail system, an HR field blanked
        // by mistake or during a mailbox move must not strip a person's sign-in and notifications, and a leaver
        // is handled by deactivation rather than by removing the address.
        new("emails[type eq \"work\"].value", "email", WhenEmpty: WhenEmpty.Ignore),
        new("title", "primary.jobTitle"),
        new("phoneNumbers[type eq \"work\"].value", "workPhone"),
        new($"{EnterpriseUser}:employeeNumber", "employeeNumber"),
        new($"{EnterpriseUser}:department", "primary.orgLevel2.name"),
        new($"{EnterpriseUser}:division", "primary.orgLevel1.name"),
        new($"{EnterpriseUser}:costCenter", "primary.orgLevel3.code"),
        new($"{EnterpriseUser}:organization", "primary.companyName"),
    ];
}
