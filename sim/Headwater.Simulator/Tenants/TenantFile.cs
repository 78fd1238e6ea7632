using System.Text.Json;
using Headwater.Simulator.Generation;
using Headwater.Simulator.Ukg;

namespace Headwater.Simulator.Tenants;

/// <summary>
/// A tenant written out by hand, so a test can pin an exact scenario. Employees use <see cref="EmployeeRow"/>'s
/// property names in camelCase; dates the file leaves out are filled from the hire date.
/// </summary>
public sealed record TenantFile(
    IReadOnlyList<Company> Companies, IReadOnlyList<OrgLevel> OrgLevels, IReadOnlyList<Location> Locations,
    IReadOnlyList<Job> Jobs, IReadOnlyList<EmployeeRow> Employees, IReadOnlyList<Role>? Roles = null)
{
    public static TenantData Load(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize(stream, UkgJsonContext.Default.TenantFile)
            ?? throw new InvalidDataException($"The tenant file '{path}' is empty.");
        return file.ToData();
    }

    public TenantData ToData() => new(
        Companies, OrgLevels, Locations, Jobs, Roles ?? Catalog.Roles, [.. Employees.Select(Complete)], new HashSet<string>());

    private static EmployeeRow Complete(EmployeeRow row)
    {
        var lastHire = row.LastHireDate == default ? row.OriginalHireDate : row.LastHireDate;
        var created = row.DateTimeCreated == default ? row.OriginalHireDate.ToDateTime(new TimeOnly(9, 0)) : row.DateTimeCreated;
        return row with
        {
            LastHireDate = lastHire,
            StatusStartDate = row.StatusStartDate == default ? lastHire : row.StatusStartDate,
            DateInJob = row.DateInJob == default ? lastHire : row.DateInJob,
            DateTimeCreated = created,
            DateTimeChanged = row.DateTimeChanged == default ? created : row.DateTimeChanged,
            SupervisorCompanyId = row.SupervisorCompanyId ?? (row.SupervisorId is null ? null : row.CompanyId),
        };
    }
}
