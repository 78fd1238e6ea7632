using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Ukg;

/// <summary>EmpEmploymentDetails, as GET /personnel/v1/employment-details returns it: note employeeID, companyID,
/// supervisorID, supervisorCOID and timeclockID with an upper-case ID, and the is* flags typed as strings.</summary>
internal static class EmploymentDetailsJson
{
    public static void Write(UkgJson json, EmployeeRow row)
    {
        var tenant = json.Tenant;
        var company = tenant.FindCompany(row.CompanyId);
        var job = tenant.FindJob(row.JobCode);
        var supervisor = tenant.HomeRowOf(row.SupervisorId);
        var fullTime = row.FullTimeOrPartTimeCode == "F";
        var w = json.Writer;
        w.WriteStartObject();
        json.String("companyID"u8, row.CompanyId);
        json.String("companyCode"u8, company?.CompanyCode);
        json.String("companyName"u8, company?.CompanyName);
        json.String("employeeID"u8, row.EmployeeId);
        json.String("employeeNumber"u8, row.EmployeeNumber);
        json.String("primaryJobCode"u8, row.JobCode);
        json.String("jobDescription"u8, job?.Title);
        json.String("jobTitle"u8, job?.Title);
        json.String("jobGroupCode"u8, job?.JobGroupCode);
        json.String("jobChangeReasonCode"u8, null);
        json.String("positionCode"u8, null);
        json.Date("dateInJob"u8, row.DateInJob);
        json.String("orgLevel1Code"u8, row.OrgLevel1Code);
        json.String("orgLevel2Code"u8, row.OrgLevel2Code);
        json.String("orgLevel3Code"u8, row.OrgLevel3Code);
        json.String("orgLevel4Code"u8, row.OrgLevel4Code);
        json.String("primaryWorkLocationCode"u8, row.LocationCode);
        json.String("primaryProjectCode"u8, null);
        json.String("companyGLSegment"u8, null);
        json.String("locationGLSegment"u8, null);
        json.String("mailstop"u8, null);
        json.String("employeeStatusCode"u8, row.StatusCode);
        json.String("employeeTypeCode"u8, row.EmployeeTypeCode);
        json.String("fullTimeOrPartTimeCode"u8, row.FullTimeOrPartTimeCode);
        json.String("salaryOrHourly"u8, row.SalaryOrHourly);
        json.Date("statusStartDate"u8, row.StatusStartDate);
        json.String("leaveReasonCode"u8, row.LeaveReasonCode);
        json.String("plannedLeaveReason"u8, null);
        json.Date("originalHireDate"u8, row.OriginalHireDate);
        json.Date("lastHireDate"u8, row.LastHireDate);
        json.Date("dateOfTermination"u8, row.DateOfTermination);
        json.String("termReason"u8, row.TermReason);
        json.String("terminationReasonDescription"u8, TerminationReasons.Describe(row.TermReason));
        json.String("termType"u8, row.TermType);
        json.String("okToRehire"u8, row.DateOfTermination is null ? null : row.TermReason == "INV" ? "N" : "Y");
        json.String("hireSource"u8, null);
        json.Date("dateLastWorked"u8, row.IsTerminated ? row.DateOfTermination : null);
        json.Date("dateOfSuspension"u8, row.StatusCode == EmployeeStatus.Suspended ? row.StatusStartDate : null);
        json.Date("dateOfRetirement"u8, null);
        json.Date("dateOfEarlyRetirement"u8, null);
        json.Date("dateOfBenefitSeniority"u8, row.OriginalHireDate);
        json.Date("dateOfSeniority"u8, row.OriginalHireDate);
        json.String("supervisorID"u8, row.SupervisorId);
        json.String("supervisorFirstName"u8, supervisor?.FirstName);
        json.String("supervisorLastName"u8, supervisor?.LastName);
        json.String("supervisorEmployeeNumber"u8, supervisor?.EmployeeNumber);
        json.String("supervisorCOID"u8, row.SupervisorCompanyId);
        json.String("supervisorCompanyCode"u8, tenant.FindCompany(row.SupervisorCompanyId)?.CompanyCode);
        json.String("workPhoneNumber"u8, row.WorkPhone);
        json.String("workPhoneExtension"u8, null);
        json.String("workPhoneCountry"u8, row.WorkPhone is null ? null : "USA");
        json.String("languageCode"u8, "EN");
        json.String("payGroup"u8, row.SalaryOrHourly == "S" ? "SAL" : "HRLY");
        json.String("payGroupDescription"u8, row.SalaryOrHourly == "S" ? "Salaried Bi-Weekly" : "Hourly Weekly");
        json.String("payPeriod"u8, row.SalaryOrHourly == "S" ? "B" : "W");
        json.String("deductionGroupCode"u8, "ALL");
        json.String("earningGroupCode"u8, "ALL");
        json.String("autoAllocate"u8, "N");
        json.String("isAutoAllocated"u8, "N");
        json.String("isAutopaid"u8, row.SalaryOrHourly == "S" ? "Y" : "N");
        json.String("isMultipleJob"u8, "N");
        json.String("clockCode"u8, null);
        json.String("timeclockID"u8, row.SalaryOrHourly == "H" ? row.EmployeeNumber : null);
        json.Date("dateLastPayDatePaid"u8, null);
        json.Date("datePaidThru"u8, null);
        json.String("shift"u8, null);
        json.String("shiftGroup"u8, null);
        json.Number("scheduledAnnualHrs"u8, fullTime ? 2080 : 1040);
        json.Number("scheduledFTE"u8, fullTime ? 1 : 0.5);
        json.Number("scheduledWorkHrs"u8, fullTime ? 80 : 40);
        json.Number("weeklyHours"u8, fullTime ? 40 : 20);
        json.String("unionLocal"u8, null);
        json.String("unionNational"u8, null);
        json.Date("dateOfLocalUnion"u8, null);
        json.Date("dateOfNationalUnion"u8, null);
        json.DateTime("dateTimeCreated"u8, row.DateTimeCreated);
        json.DateTime("dateTimeChanged"u8, row.DateTimeChanged);
        w.WriteEndObject();
    }
}

internal static class TerminationReasons
{
    public static string? Describe(string? code) => code switch
    {
        null => null,
        "RES" => "Resignation",
        "INV" => "Involuntary",
        "RIF" => "Reduction in force",
        "RET" => "Retirement",
        "JOB" => "Job abandonment",
        _ => code,
    };
}
