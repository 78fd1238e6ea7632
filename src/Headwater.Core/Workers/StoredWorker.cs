using System.Globalization;
using System.Text.RegularExpressions;

namespace Headwater.Core.Workers;

/// <summary>
/// Rebuilds a worker from the named values <see cref="WorkerAttributes.Of"/> gives, as stored after each read, so
/// a sync can plan over every worker while a read re-derives only those that changed.
/// <c>WorkerAttributes.Of(StoredWorker.From(WorkerAttributes.Of(w), …))</c> gives the same values again.
/// </summary>
public static partial class StoredWorker
{
    public static Worker From(IReadOnlyDictionary<string, string?> fields, IReadOnlyList<WorkerIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(fields);
        string? Get(string key) => fields.GetValueOrDefault(key);
        var employments = new List<Employment>();
        var primary = EmploymentFrom(fields, "primary.", Get("primary.companyId") ?? "", isHome: true);
        employments.Add(primary);
        foreach (var company in fields.Keys.Select(k => OtherEmployment().Match(k)).Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            employments.Add(EmploymentFrom(fields, $"employment[{company}].", company, isHome: false));
        }
        var raw = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (key.StartsWith("ukg.", StringComparison.Ordinal))
            {
                raw[key[4..]] = value;
            }
        }
        return new Worker
        {
            Id = Get("id") ?? "",
            EmployeeNumber = Get("employeeNumber") ?? "",
            PersonId = Get("personId"),
            FirstName = Get("firstName") ?? "",
            MiddleName = Get("middleName"),
            LastName = Get("lastName") ?? "",
            PreferredName = Get("preferredName"),
            Email = Get("email"),
            UserName = Get("userName"),
            WorkPhone = Get("workPhone"),
            ManagerId = Get("managerId"),
            ManagerEmail = Get("managerEmail"),
            Roles = Get("roles")?.Split(';', StringSplitOptions.RemoveEmptyEntries) ?? [],
            Primary = primary,
            Employments = employments,
            Lifecycle = new Lifecycle(
                Enum.TryParse<LifecycleState>(Get("lifecycle.state"), out var state) ? state : LifecycleState.Unknown,
                Date(Get("lifecycle.since")), Date(Get("lifecycle.until")), Get("lifecycle.reason") ?? ""),
            Raw = raw,
            Issues = issues,
        };
    }

    private static Employment EmploymentFrom(IReadOnlyDictionary<string, string?> fields, string prefix, string companyId, bool isHome)
    {
        string? Get(string key) => fields.GetValueOrDefault(prefix + key);
        var units = new List<OrgUnit>();
        for (var level = 1; level <= 9; level++)
        {
            if (Get($"orgLevel{level}.code") is { } code)
            {
                units.Add(new OrgUnit(level, code, Get($"orgLevel{level}.name"), Get($"orgLevel{level}.levelName")));
            }
        }
        return new Employment
        {
            CompanyId = companyId,
            CompanyCode = Get("companyCode"),
            CompanyName = Get("companyName"),
            IsHome = isHome,
            StatusCode = Get("statusCode") ?? "",
            JobCode = Get("jobCode"),
            JobTitle = Get("jobTitle"),
            EmployeeType = Get("employeeType"),
            FullTimeOrPartTime = Get("fullTimeOrPartTime"),
            OrgUnits = units,
            LocationCode = Get("locationCode"),
            LocationName = Get("locationName"),
            OriginalHireDate = Date(Get("originalHireDate")),
            LastHireDate = Date(Get("lastHireDate")),
            TerminationDate = Date(Get("terminationDate")),
            StatusStartDate = Date(Get("statusStartDate")),
            LeaveReason = Get("leaveReason"),
            TerminationReason = Get("terminationReason"),
        };
    }

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    [GeneratedRegex(@"^employment\[([^\]]+)\]\.companyId$", RegexOptions.CultureInvariant)]
    private static partial Regex OtherEmployment();
}
