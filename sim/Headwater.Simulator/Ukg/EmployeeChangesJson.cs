using System.Globalization;
using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Ukg;

/// <summary>EmployeeChangesResponse: the change feed's own names (jobCode, workLocation, employeeStatus,
/// supervisorId, terminationDate), a boolean isActive, and employeeNumber as a number, which loses leading zeros.</summary>
internal static class EmployeeChangesJson
{
    public static void Write(UkgJson json, EmployeeRow row)
    {
        var tenant = json.Tenant;
        var supervisor = tenant.HomeRowOf(row.SupervisorId);
        var job = tenant.FindJob(row.JobCode);
        var w = json.Writer;
        w.WriteStartObject();
        json.String("firstName"u8, row.FirstName);
        json.String("middleName"u8, row.MiddleName);
        json.String("lastName"u8, row.LastName);
        json.String("preferredName"u8, row.PreferredName);
        json.String("prefix"u8, row.NamePrefix);
        json.String("suffix"u8, row.NameSuffix);
        json.String("emailAddress"u8, row.EmailAddress);
        json.String("alternateEmailAddress"u8, null);
        json.String("countryCode"u8, row.AddressCountry);
        json.String("languageCode"u8, "EN");
        w.WriteNumber("employeeNumber"u8, long.Parse(row.EmployeeNumber, CultureInfo.InvariantCulture));
        json.String("employeeId"u8, row.EmployeeId);
        json.String("personId"u8, row.PersonId.ToString());
        json.String("userIntegrationKey"u8, UserProfileJson.IntegrationKey(row).ToString());
        json.String("companyName"u8, tenant.FindCompany(row.CompanyId)?.CompanyName);
        json.String("companyId"u8, row.CompanyId);
        json.String("supervisorId"u8, row.SupervisorId);
        json.String("supervisorName"u8, supervisor is null ? null : $"{supervisor.FirstName} {supervisor.LastName}");
        json.String("salaryOrHourly"u8, row.SalaryOrHourly);
        json.String("fullTimeOrPartTime"u8, row.FullTimeOrPartTimeCode);
        json.Bool("isActive"u8, !row.IsTerminated);
        json.String("employeeStatus"u8, row.StatusCode);
        json.String("employeeType"u8, row.EmployeeTypeCode);
        json.Date("emplStatusStartDate"u8, row.StatusStartDate);
        json.String("workLocation"u8, row.LocationCode);
        json.String("jobCode"u8, row.JobCode);
        json.String("alternateJobTitle"u8, job?.Title);
        json.String("jobGroupCode"u8, job?.JobGroupCode);
        json.String("projectCode"u8, null);
        json.String("orgLevel1Code"u8, row.OrgLevel1Code);
        json.String("orgLevel2Code"u8, row.OrgLevel2Code);
        json.String("orgLevel3Code"u8, row.OrgLevel3Code);
        json.String("orgLevel4Code"u8, row.OrgLevel4Code);
        json.String("workPhone"u8, row.WorkPhone);
        json.String("homePhone"u8, row.HomePhone);
        json.String("employeeAddress1"u8, row.AddressLine1);
        json.String("employeeAddress2"u8, null);
        json.String("city"u8, row.AddressCity);
        json.String("state"u8, row.AddressState);
        json.String("zipCode"u8, row.AddressZipCode);
        json.String("gender"u8, row.Gender);
        json.Date("hireDate"u8, row.OriginalHireDate);
        json.Date("terminationDate"u8, row.DateOfTermination);
        json.Date("dateInJob"u8, row.DateInJob);
        json.Date("dateOfLastHire"u8, row.LastHireDate);
        w.WriteEndObject();
    }
}

/// <summary>employee-job-history-details: note isOrgchange with a lower-case c.</summary>
internal static class JobHistoryJson
{
    public static void Write(UkgJson json, JobHistoryEntry entry)
    {
        var row = entry.Row;
        var job = json.Tenant.FindJob(row.JobCode);
        var supervisor = json.Tenant.HomeRowOf(row.SupervisorId);
        var w = json.Writer;
        w.WriteStartObject();
        json.String("systemId"u8, entry.SystemId.ToString());
        json.String("companyId"u8, row.CompanyId);
        json.String("employeeId"u8, row.EmployeeId);
        json.String("homeCompanyId"u8, row.IsHomeCompany ? row.CompanyId : json.Tenant.HomeRowOf(row.EmployeeId)?.CompanyId);
        json.Date("jobEffectiveDate"u8, entry.JobEffectiveDate);
        json.Date("integrationEffectiveDate"u8, entry.JobEffectiveDate);
        json.DateTime("dateTimeCreated"u8, entry.DateTimeCreated);
        json.Bool("isJobChange"u8, entry.IsJobChange);
        json.Bool("isOrgchange"u8, entry.IsOrgChange);
        json.Bool("isPromotion"u8, entry.IsPromotion);
        json.Bool("isRateChange"u8, false);
        json.Bool("isTransfer"u8, entry.IsTransfer);
        json.String("jobCode"u8, row.JobCode);
        json.String("jobDescription"u8, job?.Title);
        json.String("jobTitle"u8, job?.Title);
        json.String("jobGroupCode"u8, job?.JobGroupCode);
        json.String("locationCode"u8, row.LocationCode);
        json.String("orgLevel1Code"u8, row.OrgLevel1Code);
        json.String("orgLevel2Code"u8, row.OrgLevel2Code);
        json.String("orgLevel3Code"u8, row.OrgLevel3Code);
        json.String("orgLevel4Code"u8, row.OrgLevel4Code);
        json.String("reasonCode"u8, entry.ReasonCode);
        json.String("employeeStatus"u8, row.StatusCode);
        json.String("employeeType"u8, row.EmployeeTypeCode);
        json.String("fullTimeOrPartTime"u8, row.FullTimeOrPartTimeCode);
        json.String("salaryOrHourly"u8, row.SalaryOrHourly);
        json.String("supervisorId"u8, row.SupervisorId);
        json.String("supervisorNameFirst"u8, supervisor?.FirstName);
        json.String("supervisorNameLast"u8, supervisor?.LastName);
        w.WriteEndObject();
    }
}
