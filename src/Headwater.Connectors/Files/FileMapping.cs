using Headwater.Core.Mapping;

namespace Headwater.Connectors.Files;

/// <summary>The mapping a file destination starts with: a flat HR roster, one column per target.</summary>
public static class FileMapping
{
    /// <summary>
    /// Legal and preferred names are separate columns, as payroll and directory consumers want different ones.
    /// Dates are ISO 8601 (yyyy-MM-dd). <c>workerId</c>, <c>active</c> and <c>managerWorkerId</c> are not here:
    /// every file has them.
    /// </summary>
    public static IReadOnlyList<AttributeMapping> Defaults { get; } =
    [
        new("employeeNumber", "employeeNumber"),
        new("firstName", "firstName"),
        new("preferredName", "preferredName"),
        new("lastName", "lastName"),
        new("displayName", "displayName"),
        new("email", "email"),
        new("workPhone", "workPhone"),
        new("jobTitle", "primary.jobTitle"),
        new("department", "primary.orgLevel2.name"),
        new("division", "primary.orgLevel1.name"),
        new("costCenter", "primary.orgLevel3.code"),
        new("location", "primary.locationName"),
        new("company", "primary.companyName"),
        new("employeeType", "primary.employeeType"),
        new("fullTimeOrPartTime", "primary.fullTimeOrPartTime"),
        new("managerEmail", "managerEmail"),
        new("hireDate", "primary.lastHireDate"),
        new("originalHireDate", "primary.originalHireDate"),
        new("terminationDate", "primary.terminationDate"),
    ];

    /// <summary>The columns every file has besides the mapping's; a target may not take one of these names.</summary>
    public static IReadOnlyList<string> FixedColumns { get; } = ["workerId", "active", "managerWorkerId", "change", "reason"];
}
