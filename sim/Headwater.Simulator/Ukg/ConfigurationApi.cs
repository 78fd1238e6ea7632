using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Ukg;

/// <summary>
/// /configuration/v1 (and v2 jobs), all behind Company Configuration Integration. Company details and v2 jobs are
/// paged; org levels, locations and v1 jobs return everything in one array. Jobs are keyed by jobCode, as real
/// tenants answer, not by the spec's code.
/// </summary>
internal static class ConfigurationApi
{
    private static readonly FilterFields<Company> CompanyFields = new FilterFields<Company>()
        .Code("companyId", c => c.CompanyId).Code("masterCompanyId", c => c.MasterCompanyId)
        .Code("companyCode", c => c.CompanyCode).Code("isMasterCompany", c => c.IsMaster ? "true" : "false");

    private static readonly FilterFields<OrgLevel> OrgLevelFields = new FilterFields<OrgLevel>()
        .Code("levelDescription", o => o.LevelDescription).Code("code", o => o.Code)
        .Code("isActive", o => o.IsActive ? "true" : "false");

    private static readonly FilterFields<Location> LocationFields = new FilterFields<Location>()
        .Code("countryCode", l => l.CountryCode).Code("isActive", l => l.IsActive ? "true" : "false");

    private static readonly FilterFields<Job> JobFields = new FilterFields<Job>()
        .Code("jobCode", j => j.JobCode).Code("countryCode", _ => "USA").Code("isActive", j => j.IsActive ? "true" : "false");

    public static void MapConfiguration(this RouteGroupBuilder ukg)
    {
        var config = new RequiresView(WebService.CompanyConfigurationIntegration);
        ukg.MapGet("/configuration/v1/company-details", (HttpContext c, Tenant t, UkgApiSettings s) =>
            UkgResponses.WriteList(c, Filter(c, t, t.Companies, CompanyFields), Paging.Parse(c.Request.Query, s.MaxPageSize), WriteCompany))
            .WithMetadata(config);
        ukg.MapGet("/configuration/v1/org-levels", (HttpContext c, Tenant t) =>
            UkgResponses.WriteArray(c, [.. Filter(c, t, t.OrgLevels, OrgLevelFields)], WriteOrgLevel)).WithMetadata(config);
        ukg.MapGet("/configuration/v1/org-levels/{level:int}/{code}", (HttpContext c, Tenant t, int level, string code) =>
            One(c, t.OrgLevels.FirstOrDefault(o => o.Level == level && Same(o.Code, code)), WriteOrgLevel)).WithMetadata(config);
        ukg.MapGet("/configuration/v1/locations", (HttpContext c, Tenant t) =>
            UkgResponses.WriteArray(c, [.. Filter(c, t, t.Locations, LocationFields)], WriteLocation)).WithMetadata(config);
        ukg.MapGet("/configuration/v1/locations/{code}", (HttpContext c, Tenant t, string code) =>
            One(c, t.Locations.FirstOrDefault(l => Same(l.LocationCode, code)), WriteLocation)).WithMetadata(config);
        ukg.MapGet("/configuration/v1/jobs", (HttpContext c, Tenant t) =>
            UkgResponses.WriteArray(c, [.. Filter(c, t, t.Jobs, JobFields)], WriteJob)).WithMetadata(config);
        ukg.MapGet("/configuration/v1/jobs/{code}", (HttpContext c, Tenant t, string code) => One(c, t.FindJob(code), WriteJob)).WithMetadata(config);
        ukg.MapGet("/configuration/v2/jobs", (HttpContext c, Tenant t, UkgApiSettings s) =>
            UkgResponses.WriteList(c, Filter(c, t, t.Jobs, JobFields), Paging.Parse(c.Request.Query, s.MaxPageSize), WriteJob))
            .WithMetadata(config);
        ukg.MapGet("/configuration/v2/jobs/{code}", (HttpContext c, Tenant t, string code) => One(c, t.FindJob(code), WriteJob)).WithMetadata(config);
    }

    private static IEnumerable<T> Filter<T>(HttpContext context, Tenant tenant, IEnumerable<T> items, FilterFields<T> fields) =>
        items.Where(QueryFilter<T>.Parse(context.Request.Query, fields, tenant.TimeZone).Matches);

    private static Task One<T>(HttpContext context, T? item, Action<UkgJson, T> write) where T : class
    {
        if (item is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return UkgResponses.WriteObject(context, item, write);
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static void WriteCompany(UkgJson json, Company c)
    {
        json.Writer.WriteStartObject();
        json.String("isMasterCompany"u8, c.IsMaster ? "true" : "false");
        json.String("masterCompanyId"u8, c.MasterCompanyId);
        json.String("companyID"u8, c.CompanyId);
        json.String("companyCode"u8, c.CompanyCode);
        json.String("companyName"u8, c.CompanyName);
        json.String("addressLine1"u8, null);
        json.String("addressLine2"u8, null);
        json.String("addressCity"u8, c.AddressCity);
        json.String("addressState"u8, c.AddressState);
        json.String("addressZipCode"u8, null);
        json.String("addressCountry"u8, c.AddressState == "ON" ? "CAN" : "USA");
        json.String("addressCounty"u8, null);
        json.String("phoneNumber"u8, null);
        json.String("phoneNumberExtension"u8, null);
        json.String("federalTaxId"u8, c.FederalTaxId);
        json.String("orgLevel1Code"u8, "Division");
        json.String("orgLevel2Code"u8, "Department");
        json.String("orgLevel3Code"u8, "Cost Center");
        json.String("orgLevel4Code"u8, "Team");
        json.Writer.WriteEndObject();
    }

    private static void WriteOrgLevel(UkgJson json, OrgLevel o)
    {
        json.Writer.WriteStartObject();
        json.Writer.WriteNumber("level"u8, o.Level);
        json.String("code"u8, o.Code);
        json.String("description"u8, o.Description);
        json.String("levelDescription"u8, o.LevelDescription);
        json.String("budgetGroup"u8, null);
        json.String("glSegment"u8, null);
        json.String("reportingCategory"u8, null);
        json.Bool("isActive"u8, o.IsActive);
        json.Writer.WriteEndObject();
    }

    private static void WriteLocation(UkgJson json, Location l)
    {
        json.Writer.WriteStartObject();
        json.String("locationCode"u8, l.LocationCode);
        json.String("description"u8, l.Description);
        json.String("addressLine1"u8, l.AddressLine1);
        json.String("addressLine2"u8, null);
        json.String("city"u8, l.City);
        json.String("state"u8, l.State);
        json.String("zipOrPostalCode"u8, l.ZipOrPostalCode);
        json.String("countryCode"u8, l.CountryCode);
        json.String("locationGLSegment"u8, null);
        json.Bool("isActive"u8, l.IsActive);
        json.Writer.WriteEndObject();
    }

    private static void WriteJob(UkgJson json, Job j)
    {
        json.Writer.WriteStartObject();
        json.String("jobCode"u8, j.JobCode);
        json.String("title"u8, j.Title);
        json.String("longDescription"u8, j.Title);
        json.String("countryCode"u8, "USA");
        json.String("flsaTypeCode"u8, j.FlsaTypeCode);
        json.String("jobFamilyCode"u8, j.JobFamilyCode);
        json.String("jobGroup"u8, j.JobGroupCode);
        json.String("jobEEOCategory"u8, null);
        json.Bool("isActive"u8, j.IsActive);
        json.Writer.WriteEndObject();
    }
}
