using System.Globalization;

namespace Headwater.Connectors.Ukg;

/// <summary>Everything one read brought back from UKG, before joining.</summary>
public sealed record UkgSnapshot(
    IReadOnlyList<EmploymentRecord> Employments,
    IReadOnlySet<(string EmployeeId, string CompanyId)> NonHomeEmployments,
    IReadOnlyList<PersonRecord> People,
    IReadOnlyList<SupervisorRecord> Supervisors,
    IReadOnlyList<UserProfileRecord> Roles,
    UkgReferenceData Reference);

/// <summary>The company configuration a worker record is joined with.</summary>
public sealed record UkgReferenceData(
    IReadOnlyList<CompanyRecord> Companies, IReadOnlyList<OrgLevelRecord> OrgLevels,
    IReadOnlyList<LocationRecord> Locations, IReadOnlyList<JobRecord> Jobs);

/// <summary>What to read beyond the essentials.</summary>
public sealed record ReadOptions(bool Roles = false, bool Supervisors = true, int PageSize = 10_000);

/// <summary>
/// Reads UKG Pro: the full read fetches the independent endpoints concurrently, each streamed page by page; the
/// incremental read asks only for rows whose dateTimeChanged is on or after a day, so its calls follow the number
/// of changes, not the size of the tenant.
/// </summary>
public sealed class UkgReader(UkgClient client)
{
    public UkgClient Client => client;

    public async Task<UkgSnapshot> ReadAll(ReadOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var company = CompanyFilter();
        var employments = Collect(Employments($"/personnel/v1/employment-details{company.First}", options, cancellationToken),
            progress, "employment details");
        var nonHome = Collect(Employments($"/personnel/v1/employment-details?isHomeCompany=false{company.And}", options, cancellationToken),
            null, "");
        var people = Collect(client.ReadPages($"/personnel/v1/person-details{company.First}", UkgJsonContext.Default.ListPersonRecord, options.PageSize, cancellationToken), progress, "person details");
        var supervisors = options.Supervisors
            ? Collect(client.ReadPages($"/personnel/v1/employee-supervisor-details{company.First}", UkgJsonContext.Default.ListSupervisorRecord, options.PageSize, cancellationToken), null, "")
            : Task.FromResult(new List<SupervisorRecord>());
        var roles = options.Roles
            ? Collect(client.ReadPages($"/personnel/v1/user-profile-details{company.First}", UkgJsonContext.Default.ListUserProfileRecord, options.PageSize, cancellationToken), null, "")
            : Task.FromResult(new List<UserProfileRecord>());
        var reference = ReadReference(cancellationToken);
        await Task.WhenAll(employments, nonHome, people, supervisors, roles, reference);
        return new UkgSnapshot(employments.Result, Keys(nonHome.Result), people.Result, supervisors.Result, roles.Result, reference.Result);
    }

    /// <summary>Rows changed on or after <paramref name="sinceLocal"/>'s day (tenant time), using the documented
    /// MM-DD-YYYY form; the caller merges them with what it stored.</summary>
    public async Task<UkgSnapshot> ReadChanged(DateTime sinceLocal, ReadOptions options, CancellationToken cancellationToken = default)
    {
        var day = "%3E" + sinceLocal.ToString("MM-dd-yyyy", CultureInfo.InvariantCulture); // =>MM-DD-YYYY
        var company = CompanyFilter();
        var employments = Collect(Employments($"/personnel/v1/employment-details?dateTimeChanged={day}{company.And}", options,
            cancellationToken), null, "");
        var nonHome = Collect(Employments($"/personnel/v1/employment-details?isHomeCompany=false&dateTimeChanged={day}{company.And}", options,
            cancellationToken), null, "");
        var people = Collect(client.ReadPages($"/personnel/v1/person-details?dateTimeChanged={day}{company.And}", UkgJsonContext.Default.ListPersonRecord, options.PageSize, cancellationToken), null, "");
        var reference = ReadReference(cancellationToken);
        await Task.WhenAll(employments, nonHome, people, reference);
        return new UkgSnapshot(employments.Result, Keys(nonHome.Result), people.Result, [], [], reference.Result);
    }

    public async Task<UkgReferenceData> ReadReference(CancellationToken cancellationToken = default)
    {
        var companies = Collect(client.ReadPages("/configuration/v1/company-details", UkgJsonContext.Default.ListCompanyRecord, 10_000, cancellationToken), null, "");
        var orgLevels = client.ReadList("/configuration/v1/org-levels", UkgJsonContext.Default.ListOrgLevelRecord, cancellationToken);
        var locations = client.ReadList("/configuration/v1/locations", UkgJsonContext.Default.ListLocationRecord, cancellationToken);
        var jobs = client.ReadList("/configuration/v1/jobs", UkgJsonContext.Default.ListJobRecord, cancellationToken);
        await Task.WhenAll(companies, orgLevels, locations, jobs);
        return new UkgReferenceData(companies.Result, orgLevels.Result, locations.Result, jobs.Result);
    }

    private IAsyncEnumerable<EmploymentRecord> Employments(string path, ReadOptions options, CancellationToken cancellationToken) =>
        EmploymentPages.Read(client, path, options.PageSize, cancellationToken);

    private (string First, string And) CompanyFilter() => client.Connection.CompanyId is { } id
        ? ($"?companyId={Uri.EscapeDataString(id)}", $"&companyId={Uri.EscapeDataString(id)}")
        : ("", "");

    private static HashSet<(string, string)> Keys(List<EmploymentRecord> rows) =>
        [.. rows.Where(r => r.EmployeeId is not null && r.CompanyId is not null).Select(r => (r.EmployeeId!, r.CompanyId!))];

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> items, IProgress<string>? progress, string what)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
            if (progress is not null && list.Count % 10_000 == 0)
            {
                progress.Report($"{list.Count:N0} {what}");
            }
        }
        return list;
    }
}
