using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Headwater.Core.Workers;

namespace Headwater.Reading;

/// <summary>
/// A worker flattened to named values: what is stored, compared between reads ("which fields changed") and hashed.
/// Audit timestamps are left out, so a record UKG touched without changing anything is not a change.
/// </summary>
public static class WorkerFields
{
    public static SortedDictionary<string, string?> Flatten(Worker worker)
    {
        var fields = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["id"] = worker.Id,
            ["employeeNumber"] = worker.EmployeeNumber,
            ["personId"] = worker.PersonId,
            ["firstName"] = worker.FirstName,
            ["middleName"] = worker.MiddleName,
            ["lastName"] = worker.LastName,
            ["preferredName"] = worker.PreferredName,
            ["displayName"] = worker.DisplayName,
            ["email"] = worker.Email,
            ["userName"] = worker.UserName,
            ["workPhone"] = worker.WorkPhone,
            ["managerId"] = worker.ManagerId,
            ["managerEmail"] = worker.ManagerEmail,
            ["roles"] = worker.Roles.Count == 0 ? null : string.Join(";", worker.Roles.Order(StringComparer.Ordinal)),
            ["lifecycle.state"] = worker.Lifecycle.State.ToString(),
            ["lifecycle.since"] = Date(worker.Lifecycle.Since),
            ["lifecycle.until"] = Date(worker.Lifecycle.Until),
            ["lifecycle.reason"] = worker.Lifecycle.Reason,
        };
        foreach (var employment in worker.Employments)
        {
            var prefix = employment.IsHome ? "primary." : $"employment[{employment.CompanyId}].";
            fields[prefix + "companyId"] = employment.CompanyId;
            fields[prefix + "companyCode"] = employment.CompanyCode;
            fields[prefix + "companyName"] = employment.CompanyName;
            fields[prefix + "statusCode"] = employment.StatusCode;
            fields[prefix + "jobCode"] = employment.JobCode;
            fields[prefix + "jobTitle"] = employment.JobTitle;
            fields[prefix + "employeeType"] = employment.EmployeeType;
            fields[prefix + "fullTimeOrPartTime"] = employment.FullTimeOrPartTime;
            fields[prefix + "locationCode"] = employment.LocationCode;
            fields[prefix + "locationName"] = employment.LocationName;
            fields[prefix + "originalHireDate"] = Date(employment.OriginalHireDate);
            fields[prefix + "lastHireDate"] = Date(employment.LastHireDate);
            fields[prefix + "terminationDate"] = Date(employment.TerminationDate);
            fields[prefix + "statusStartDate"] = Date(employment.StatusStartDate);
            fields[prefix + "leaveReason"] = employment.LeaveReason;
            fields[prefix + "terminationReason"] = employment.TerminationReason;
            foreach (var unit in employment.OrgUnits)
            {
                fields[$"{prefix}orgLevel{unit.Level}.code"] = unit.Code;
                fields[$"{prefix}orgLevel{unit.Level}.name"] = unit.Name;
                fields[$"{prefix}orgLevel{unit.Level}.levelName"] = unit.LevelName;
            }
        }
        foreach (var (key, value) in worker.Raw)
        {
            if (!key.EndsWith("imeChanged", StringComparison.OrdinalIgnoreCase))
            {
                fields["ukg." + key] = value;
            }
        }
        return fields;
    }

    /// <summary>A hash over the fields and the worker's issues, so a new issue alone (another worker took the same
    /// email) also counts as a change.</summary>
    public static string Hash(SortedDictionary<string, string?> fields, IReadOnlyList<WorkerIssue> issues)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in fields)
        {
            text.Append(key).Append('=').Append(value).Append('\n');
        }
        foreach (var issue in issues)
        {
            text.Append("issue=").Append(issue.Code).Append(':').Append(issue.Message).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The names of the fields whose values differ, in order.</summary>
    public static List<string> Differences(IReadOnlyDictionary<string, string?> before, IReadOnlyDictionary<string, string?> after) =>
        [.. before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(k => !string.Equals(before.GetValueOrDefault(k), after.GetValueOrDefault(k), StringComparison.Ordinal))];

    /// <summary>The next day on which the lifecycle changes by date alone, so a read re-derives it then.</summary>
    public static DateOnly? ReviewOn(Worker worker) => worker.Lifecycle switch
    {
        { State: LifecycleState.PendingStart, Since: { } start } => start,
        { Until: { } until } => until.AddDays(1),
        _ => null,
    };

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
