using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// <summary>Groups a snapshot by employee ID, in the order the employment rows came. Rows without an employee ID
    /// cannot belong to anyone and are returned apart, for the read's report. Each person's rows go straight into
    /// arrays of their own size (one row, as a rule): at a million workers, grouping through lookups cost a few
    /// hundred megabytes more.</summary>
    public static (List<WorkerSource> Sources, int UnkeyedRows) FromSnapshot(UkgSnapshot snapshot)
    {
        var rows = new Dictionary<string, (EmploymentRecord[] Employments, PersonRecord[] People)>(snapshot.Employments.Count, StringComparer.OrdinalIgnoreCase);
        var order = new List<string>(snapshot.Employments.Count);
        var unkeyed = 0;
        foreach (var employment in snapshot.Employments)
        {
            if (string.IsNullOrWhiteSpace(employment.EmployeeId))
            {
                unkeyed++;
                continue;
            }
            var id = employment.EmployeeId.Trim();
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(rows, id, out var exists);
            if (!exists)
            {
                order.Add(id);
                entry = ([], []);
            }
            entry.Employments = [.. entry.Employments, employment];
        }
        foreach (var person in snapshot.People)
        {
            if (string.IsNullOrWhiteSpace(person.EmployeeId))
            {
                continue;
            }
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(rows, person.EmployeeId.Trim());
            if (!Unsafe.IsNullRef(ref entry))
            {
                entry.People = [.. entry.People, person];
            }
        }
        var supervisors = snapshot.Supervisors.Where(s => !string.IsNullOrWhiteSpace(s.EmployeeId))
            .GroupBy(s => s.EmployeeId!.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var roles = snapshot.Roles.Where(r => !string.IsNullOrWhiteSpace(r.EmployeeId) && !string.IsNullOrWhiteSpace(r.RoleName))
            .ToLookup(r => r.EmployeeId!.Trim(), r => r.RoleName!, StringComparer.OrdinalIgnoreCase);
        var nonHome = snapshot.NonHomeEmployments.ToLookup(k => k.EmployeeId.Trim(), k => k.CompanyId.Trim(), StringComparer.OrdinalIgnoreCase);
        var sources = new List<WorkerSource>(order.Count);
        foreach (var id in order)
        {
            var (employments, people) = rows[id];
            sources.Add(new WorkerSource(id, employments, people, nonHome.Contains(id) ? nonHome[id].ToArray() : [],
                supervisors.GetValueOrDefault(id), roles.Contains(id) ? roles[id].Distinct().ToArray() : null));
        }
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
