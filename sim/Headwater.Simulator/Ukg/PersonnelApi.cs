using System.Runtime.InteropServices;
using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Ukg;

/// <summary>The /personnel/v1 endpoints a user sync reads: employment, person, supervisor, user-profile and job history details.</summary>
internal static class PersonnelApi
{
    private static readonly FilterFields<EmployeeRow> EmploymentFields = new FilterFields<EmployeeRow>()
        .Code("companyId", r => r.CompanyId).Code("employeeId", r => r.EmployeeId)
        .Code("primaryJobCode", r => r.JobCode).Code("fullTimeOrPartTimeCode", r => r.FullTimeOrPartTimeCode)
        .Code("primaryWorkLocationCode", r => r.LocationCode).Code("employeeTypeCode", r => r.EmployeeTypeCode)
        .Code("employeeStatusCode", r => r.StatusCode).Code("employeeNumber", r => r.EmployeeNumber)
        .Code("supervisorID", r => r.SupervisorId).Code("payGroup", r => r.SalaryOrHourly == "S" ? "SAL" : "HRLY")
        .Code("isHomeCompany", r => r.IsHomeCompany ? "true" : "false")
        .Code("primaryProjectCode", _ => null).Code("deductionGroupCode", _ => "ALL").Code("earningGroupCode", _ => "ALL")
        .Date("originalHireDate", r => Day(r.OriginalHireDate)).Date("lastHireDate", r => Day(r.LastHireDate))
        .Date("dateOfTermination", r => Day(r.DateOfTermination)).Date("dateOfRetirement", _ => null)
        .Date("dateLastPayDatePaid", _ => null)
        .Date("dateTimeCreated", r => r.DateTimeCreated).Date("dateTimeChanged", r => r.DateTimeChanged);

    private static readonly FilterFields<EmployeeRow> PersonFields = new FilterFields<EmployeeRow>()
        .Code("companyId", r => r.CompanyId).Code("employeeId", r => r.EmployeeId).Code("lastName", r => r.LastName)
        .Code("emailAddress", r => r.EmailAddress).Code("addressState", r => r.AddressState)
        .Code("addressCountry", r => r.AddressCountry)
        .Date("dateTimeCreated", r => r.DateTimeCreated).Date("dateTimeChanged", r => r.DateTimeChanged)
        .Date("dateOfCobraEvent", _ => null);

    private static readonly FilterFields<EmployeeRow> SupervisorFields = new FilterFields<EmployeeRow>()
        .Code("companyId", r => r.CompanyId).Code("employeeId", r => r.EmployeeId)
        .Code("supervisorCompanyId", r => r.SupervisorCompanyId).Code("supervisorEmployeeId", r => r.SupervisorId);

    private static readonly FilterFields<EmployeeRow> UserProfileFields = new FilterFields<EmployeeRow>()
        .Code("companyId", r => r.CompanyId).Code("employeeId", r => r.EmployeeId)
        .Code("userStatus", UserProfileJson.UserStatus)
        .Code("userId", r => UserProfileJson.UserId(r).ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Code("roleId", r => r.RoleId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static readonly FilterFields<JobHistoryEntry> JobHistoryFields = new FilterFields<JobHistoryEntry>()
        .Code("companyId", e => e.Row.CompanyId).Code("employeeId", e => e.Row.EmployeeId)
        .Code("systemId", e => e.SystemId.ToString()).Code("isJobChange", e => Flag(e.IsJobChange))
        .Code("isOrgChange", e => Flag(e.IsOrgChange)).Code("isPromotion", e => Flag(e.IsPromotion))
        .Code("isRateChange", _ => "false")
        .Date("jobEffectiveDate", e => Day(e.JobEffectiveDate)).Date("dateTimeCreated", e => e.DateTimeCreated);

    public static void MapPersonnel(this RouteGroupBuilder ukg)
    {
        var personnel = ukg.MapGroup("/personnel/v1");
        var integration = new RequiresView(WebService.PersonnelIntegration);
        var person = new RequiresView(WebService.EmployeePersonDetails);

        personnel.MapGet("/employment-details", (HttpContext c, Tenant t, UkgApiSettings s) =>
            List(c, t, s, EmploymentFields, EmploymentDetailsJson.Write)).WithMetadata(integration);
        personnel.MapGet("/companies/{companyId}/employment-details", (HttpContext c, Tenant t, UkgApiSettings s, string companyId) =>
            List(c, t, s, EmploymentFields, EmploymentDetailsJson.Write, companyId)).WithMetadata(integration);
        personnel.MapGet("/companies/{companyId}/employees/{employeeId}/employment-details", (HttpContext c, Tenant t, UkgApiSettings s, string companyId, string employeeId) =>
            OneEmployee(c, t, s, companyId, employeeId, EmploymentDetailsJson.Write)).WithMetadata(integration);

        personnel.MapGet("/person-details", (HttpContext c, Tenant t, UkgApiSettings s) =>
            List(c, t, s, PersonFields, PersonDetailsJson.Write)).WithMetadata(person);
        personnel.MapGet("/companies/{companyId}/person-details", (HttpContext c, Tenant t, UkgApiSettings s, string companyId) =>
            List(c, t, s, PersonFields, PersonDetailsJson.Write, companyId)).WithMetadata(person);
        personnel.MapGet("/companies/{companyId}/employees/{employeeId}/person-details", (HttpContext c, Tenant t, UkgApiSettings s, string companyId, string employeeId) =>
            OneEmployee(c, t, s, companyId, employeeId, PersonDetailsJson.Write)).WithMetadata(person);
        personnel.MapGet("/person-details/{employeeId}", PersonByEmployeeId).WithMetadata(person);

        personnel.MapGet("/employee-supervisor-details", (HttpContext c, Tenant t, UkgApiSettings s) =>
            List(c, t, s, SupervisorFields, SupervisorDetailsJson.Write)).WithMetadata(integration);
        personnel.MapGet("/user-profile-details", (HttpContext c, Tenant t, UkgApiSettings s) =>
            List(c, t, s, UserProfileFields, UserProfileJson.Write)).WithMetadata(integration);
        personnel.MapGet("/employee-job-history-details", JobHistory)
            .WithMetadata(new RequiresView(WebService.EmployeeJobHistoryDetails));
    }

    public static IEnumerable<EmployeeRow> Rows(Tenant tenant) => MemoryMarshal.ToEnumerable(tenant.Snapshot());

    private static Task List(HttpContext context, Tenant tenant, UkgApiSettings settings, FilterFields<EmployeeRow> fields,
        Action<UkgJson, EmployeeRow> write, string? companyId = null)
    {
        var paging = Paging.Parse(context.Request.Query, settings.MaxPageSize);
        var filter = QueryFilter<EmployeeRow>.Parse(context.Request.Query, fields, tenant.TimeZone);
        if (companyId is not null)
        {
            filter.And(r => string.Equals(r.CompanyId, companyId, StringComparison.OrdinalIgnoreCase));
        }
        var rows = Rows(tenant);
        return UkgResponses.WriteList(context, filter.IsEmpty ? rows : rows.Where(filter.Matches), paging, write);
    }

    /// <summary>The per-employee paths still answer with an array; an employee not in that company is 404.</summary>
    private static Task OneEmployee(HttpContext context, Tenant tenant, UkgApiSettings settings, string companyId, string employeeId,
        Action<UkgJson, EmployeeRow> write)
    {
        var rows = tenant.RowsOf(employeeId).Where(r => string.Equals(r.CompanyId, companyId, StringComparison.OrdinalIgnoreCase)).ToList();
        if (rows.Count == 0)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return UkgResponses.WriteList(context, rows, Paging.Parse(context.Request.Query, settings.MaxPageSize), write);
    }

    /// <summary>GET /person-details/{employeeId} is the one variant that returns a single object.</summary>
    private static Task PersonByEmployeeId(HttpContext context, Tenant tenant, string employeeId)
    {
        tenant.ApplyDueEvents();
        if (tenant.HomeRowOf(employeeId) is not { } row)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return UkgResponses.WriteObject(context, row, PersonDetailsJson.Write);
    }

    private static Task JobHistory(HttpContext context, Tenant tenant, UkgApiSettings settings)
    {
        var paging = Paging.Parse(context.Request.Query, settings.MaxPageSize);
        var filter = QueryFilter<JobHistoryEntry>.Parse(context.Request.Query, JobHistoryFields, tenant.TimeZone);
        var entries = Rows(tenant).SelectMany(tenant.JobHistoryOf).Where(filter.Matches);
        return UkgResponses.WriteList(context, entries, paging, JobHistoryJson.Write);
    }

    private static DateTime? Day(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    private static string Flag(bool value) => value ? "true" : "false";
}
