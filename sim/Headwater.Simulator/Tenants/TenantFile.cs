using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Headwater.Simulator.Generation;

namespace Headwater.Simulator.Tenants;

/// <summary>
/// A tenant written out by hand, so a test can pin an exact scenario. Employees use <see cref="EmployeeRow"/>'s
/// property names in camelCase; dates the file leaves out are filled from the hire date.
/// </summary>
public sealed record TenantFile(
    IReadOnlyList<Company> Companies, IReadOnlyList<OrgLevel> OrgLevels, IReadOnlyList<Location> Locations,
    IReadOnlyList<Job> Jobs, IReadOnlyList<EmployeeRow> Employees, IReadOnlyList<Role>? Roles = null)
{
    /// <summary>
    /// Reflection-based on purpose: System.Text.Json's source generator sets every init-only property, so a value the
    /// file leaves out would become null or zero instead of <see cref="EmployeeRow"/>'s default (dotnet/runtime#84484).
    /// </summary>
    /// <summary>How tenant files are read and written: camelCase, case-insensitive, enums as names.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static TenantData Load(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<TenantFile>(stream, JsonOptions)
            ?? throw new InvalidDataException($"The tenant file '{path}' is empty.");
        return file.ToData();
    }

    public TenantData ToData()
    {
        var homeCompanies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in Employees.OrderByDescending(r => r.IsHomeCompany))
        {
            homeCompanies.TryAdd(row.EmployeeId, row.CompanyId);
        }
        return new(Companies, OrgLevels, Locations, Jobs, Roles ?? Catalog.Roles,
            [.. Employees.Select(row => Complete(row, homeCompanies))], new HashSet<string>());
    }

    /// <summary>Fills what the file left out; a supervisor's company is their home company, as UKG's supervisorCOID is.</summary>
    private static EmployeeRow Complete(EmployeeRow row, Dictionary<string, string> homeCompanies)
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
            SupervisorCompanyId = row.SupervisorCompanyId ?? (row.SupervisorId is null ? null
                : homeCompanies.GetValueOrDefault(row.SupervisorId, row.CompanyId)),
        };
    }
}
