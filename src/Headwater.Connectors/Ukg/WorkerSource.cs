using System.Text.Json.Serialization;

namespace Headwater.Connectors.Ukg;

/// <summary>
/// Everything UKG said about one person: a row per company from employment and person details, which of those
/// companies are not home, the supervisor details and roles. Stored between runs, so an incremental read can
/// merge the rows that changed with the ones that did not.
/// </summary>
public sealed record WorkerSource(
    string EmployeeId,
    IReadOnlyList<EmploymentRecord> Employments,
    IReadOnlyList<PersonRecord> People,
    IReadOnlyList<string> NonHomeCompanies,
    SupervisorRecord? Supervisor = null,
    IReadOnlyList<string>? Roles = null)
{
    /// <summary>Groups a snapshot by employee ID. Rows without an employee ID cannot belong to anyone and are
    /// returned apart, for the read's report.</summary>
    public static (List<WorkerSource> Sources, int UnkeyedRows) FromSnapshot(UkgSnapshot snapshot)
    {
        var people = snapshot.People.Where(p => !string.IsNullOrWhiteSpace(p.EmployeeId))
            .ToLookup(p => p.EmployeeId!.Trim(), StringComparer.OrdinalIgnoreCase);
        var supervisors = snapshot.Supervisors.Where(s => !string.IsNullOrWhiteSpace(s.EmployeeId))
            .GroupBy(s => s.EmployeeId!.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var roles = snapshot.Roles.Where(r => !string.IsNullOrWhiteSpace(r.EmployeeId) && !string.IsNullOrWhiteSpace(r.RoleName))
            .ToLookup(r => r.EmployeeId!.Trim(), r => r.RoleName!, StringComparer.OrdinalIgnoreCase);
        var nonHome = snapshot.NonHomeEmployments.ToLookup(k => k.EmployeeId.Trim(), k => k.CompanyId.Trim(), StringComparer.OrdinalIgnoreCase);
        var unkeyed = snapshot.Employments.Count(e => string.IsNullOrWhiteSpace(e.EmployeeId));
        var sources = snapshot.Employments.Where(e => !string.IsNullOrWhiteSpace(e.EmployeeId))
            .GroupBy(e => e.EmployeeId!.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new WorkerSource(
                g.Key, [.. g], [.. people[g.Key]], [.. nonHome[g.Key]],
                supervisors.GetValueOrDefault(g.Key), roles.Contains(g.Key) ? [.. roles[g.Key].Distinct()] : null))
            .ToList();
        return (sources, unkeyed);
    }

    /// <summary>This source with the rows of <paramref name="changed"/> replacing its own for the same companies.</summary>
    public WorkerSource Merge(WorkerSource changed) => this with
    {
        Employments = [.. Employments.Where(e => !changed.Employments.Any(c => SameCompany(c.CompanyId, e.CompanyId))), .. changed.Employments],
        People = [.. People.Where(p => !changed.People.Any(c => SameCompany(c.CompanyId, p.CompanyId))), .. changed.People],
        NonHomeCompanies = [.. NonHomeCompanies.Where(c => !changed.Employments.Any(e => SameCompany(e.CompanyId, c))), .. changed.NonHomeCompanies],
        Supervisor = changed.Supervisor ?? Supervisor,
        Roles = changed.Roles ?? Roles,
    };

    private static bool SameCompany(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkerSource))]
public sealed partial class WorkerSourceJsonContext : JsonSerializerContext;
