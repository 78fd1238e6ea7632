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
        var primary = EmploymentFrom(fields, Keys.Primary, Get("primary.companyId") ?? "", isHome: true);
        employments.Add(primary);
        // Most workers have one employment: only keys that name another are matched (a plan rebuilds every worker).
        foreach (var company in fields.Keys.Where(k => k.StartsWith("employment[", StringComparison.Ordinal)).Select(k => OtherEmployment().Match(k))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
        {
            employments.Add(EmploymentFrom(fields, new Keys($"employment[{company}]."), company, isHome: false));
        }
        var raw = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            if (key.StartsWith("ukg.", StringComparison.Ordinal))
            {
                raw[StoredFields.Name(key.AsSpan(4))] = value;
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

    private static Employment EmploymentFrom(IReadOnlyDictionary<string, string?> fields, Keys keys, string companyId, bool isHome)
    {
        string? Get(string key) => fields.GetValueOrDefault(key);
        var units = new List<OrgUnit>();
        for (var level = 1; level <= 9; level++)
        {
            var (codeKey, nameKey, levelNameKey) = keys.OrgLevels[level];
            if (Get(codeKey) is { } code)
            {
                units.Add(new OrgUnit(level, code, Get(nameKey), Get(levelNameKey)));
            }
        }
        return new Employment
        {
            CompanyId = companyId,
            CompanyCode = Get(keys.CompanyCode),
            CompanyName = Get(keys.CompanyName),
            IsHome = isHome,
            StatusCode = Get(keys.StatusCode) ?? "",
            JobCode = Get(keys.JobCode),
            JobTitle = Get(keys.JobTitle),
            EmployeeType = Get(keys.EmployeeType),
            FullTimeOrPartTime = Get(keys.FullTimeOrPartTime),
            OrgUnits = units,
            LocationCode = Get(keys.LocationCode),
            LocationName = Get(keys.LocationName),
            OriginalHireDate = Date(Get(keys.OriginalHireDate)),
            LastHireDate = Date(Get(keys.LastHireDate)),
            TerminationDate = Date(Get(keys.TerminationDate)),
            StatusStartDate = Date(Get(keys.StatusStartDate)),
            LeaveReason = Get(keys.LeaveReason),
            TerminationReason = Get(keys.TerminationReason),
        };
    }

    /// <summary>An employment's stored names, built once for the primary employment rather than per worker.</summary>
    private sealed class Keys(string prefix)
    {
        public static readonly Keys Primary = new("primary.");

        public (string Code, string Name, string LevelName)[] OrgLevels { get; } =
            [.. Enumerable.Range(0, 10).Select(l => ($"{prefix}orgLevel{l}.code", $"{prefix}orgLevel{l}.name", $"{prefix}orgLevel{l}.levelName"))];

        public string CompanyCode { get; } = prefix + "companyCode";
        public string CompanyName { get; } = prefix + "companyName";
        public string StatusCode { get; } = prefix + "statusCode";
        public string JobCode { get; } = prefix + "jobCode";
        public string JobTitle { get; } = prefix + "jobTitle";
        public string EmployeeType { get; } = prefix + "employeeType";
        public string FullTimeOrPartTime { get; } = prefix + "fullTimeOrPartTime";
        public string LocationCode { get; } = prefix + "locationCode";
        public string LocationName { get; } = prefix + "locationName";
        public string OriginalHireDate { get; } = prefix + "originalHireDate";
        public string LastHireDate { get; } = prefix + "lastHireDate";
        public string TerminationDate { get; } = prefix + "terminationDate";
        public string StatusStartDate { get; } = prefix + "statusStartDate";
        public string LeaveReason { get; } = prefix + "leaveReason";
        public string TerminationReason { get; } = prefix + "terminationReason";
    }

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    [GeneratedRegex(@"^employment\[([^\]]+)\]\.companyId$", RegexOptions.CultureInvariant)]
    private static partial Regex OtherEmployment();
}
