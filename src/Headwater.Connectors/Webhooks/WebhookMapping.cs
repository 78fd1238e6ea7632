using Headwater.Core.Mapping;

namespace Headwater.Connectors.Webhooks;

/// <summary>The attributes a webhook's events carry unless <c>mapping:</c> says otherwise: who the worker is, their
/// job and where they work. Personal contact details beyond the work email are left out until mapped.</summary>
public static class WebhookMapping
{
    public static IReadOnlyList<AttributeMapping> Defaults { get; } =
    [
        new("employeeNumber", "employeeNumber"),
        new("firstName", "firstName"),
        new("preferredName", "preferredName"),
        new("lastName", "lastName"),
        new("displayName", "displayName"),
        new("email", "email"),
        new("jobTitle", "primary.jobTitle"),
        new("department", "primary.orgLevel2.name"),
        new("location", "primary.locationName"),
        new("company", "primary.companyName"),
        new("managerEmail", "managerEmail"),
        new("hireDate", "primary.lastHireDate"),
        new("terminationDate", "primary.terminationDate"),
    ];
}
