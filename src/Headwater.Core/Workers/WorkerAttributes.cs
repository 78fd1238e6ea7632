using System.Globalization;

namespace Headwater.Core.Workers;

/// <summary>
/// A worker flattened to named values: the names a mapping refers to (<c>firstName</c>, <c>primary.jobTitle</c>,
/// <c>primary.orgLevel2.name</c>, <c>lifecycle.state</c>, <c>ukg.person.emailAddress</c>, …), what is stored
/// between reads, and what "which fields changed" compares. Audit timestamps are left out, so a record the source
/// touched without changing anything is not a change.
/// </summary>
public static class WorkerAttributes
{
    public static SortedDictionary<string, string?> Of(Worker worker)
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

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
