using Headwater.Core.Workers;

namespace Headwater.Connectors.Ukg;

/// <summary>
/// Joins what UKG holds about each person into one <see cref="Worker"/>: employment in every company (the home
/// company primary), person details, org levels with their names, location, job, company, supervisor and roles.
/// Nothing is dropped for bad data: each problem is recorded on the worker in plain language and the join goes on.
/// </summary>
public sealed class WorkerJoin
{
    private readonly Dictionary<(int, string), OrgLevelRecord> _orgLevels;
    private readonly Dictionary<string, LocationRecord> _locations;
    private readonly Dictionary<string, JobRecord> _jobs;
    private readonly Dictionary<string, CompanyRecord> _companies;
    private readonly TimeZoneInfo _zone;
    private readonly DateOnly _today;

    public WorkerJoin(UkgReferenceData reference, TimeZoneInfo zone, DateOnly today)
    {
        _zone = zone;
        _today = today;
        _orgLevels = reference.OrgLevels
            .Where(o => int.TryParse(o.Level, out _) && !string.IsNullOrWhiteSpace(o.Code))
            .GroupBy(o => (int.Parse(o.Level!, System.Globalization.CultureInfo.InvariantCulture), o.Code!.Trim().ToUpperInvariant()))
            .ToDictionary(g => g.Key, g => g.First());
        _locations = ByKey(reference.Locations, l => l.LocationCode);
        _jobs = ByKey(reference.Jobs, j => j.JobCode ?? j.Code);
        _companies = ByKey(reference.Companies, c => c.CompanyId);
    }

    /// <summary>Joins every source, then checks what needs all workers at once: managers and shared emails.</summary>
    public List<Worker> JoinAll(IEnumerable<WorkerSource> sources)
    {
        var workers = sources.Select(Join).ToList();
        return WorkerChecks.Apply(workers);
    }

    public Worker Join(WorkerSource source)
    {
        var issues = new List<WorkerIssue>();
        var rows = Deduplicate(source.Employments, issues);
        var home = rows.Where(r => !source.NonHomeCompanies.Contains(r.CompanyId?.Trim() ?? "", StringComparer.OrdinalIgnoreCase)).ToList();
        if (home.Count != 1)
        {
            issues.Add(new("home-company", home.Count == 0
                ? "UKG marks none of this person's companies as home; the first is used as primary."
                : $"UKG marks {home.Count} companies as home; the first is used as primary."));
        }
        var primaryRow = home.FirstOrDefault() ?? rows[0];
        var employments = rows.Select(r => Employment(r, r == primaryRow, issues)).ToList();
        var primary = employments.First(e => e.Employment.IsHome).Employment;
        var person = source.People.FirstOrDefault(p => Same(p.CompanyId, primaryRow.CompanyId)) ?? (source.People.Count > 0 ? source.People[0] : null);
        if (person is null)
        {
            issues.Add(new("no-person-details", "UKG returned employment details but no person details (name, email) for this person."));
        }
        if (Clean(primaryRow.EmployeeNumber) is null)
        {
            issues.Add(new("missing-field", "UKG sent no employeeNumber for this person."));
        }
        var lifecycle = Lifecycle(employments, primary);
        if (lifecycle.State == LifecycleState.Unknown)
        {
            issues.Add(new("unknown-status", lifecycle.Reason));
        }
        var email = Clean(person?.EmailAddress);
        if (email is null && person is not null)
        {
            issues.Add(new("no-email", "UKG has no email address for this person."));
        }
        else if (email is not null && (email.Contains(' ', StringComparison.Ordinal) || email.Count(c => c == '@') != 1))
        {
            issues.Add(new("invalid-email", $"The email address '{email}' is not a valid address."));
        }
        var firstName = Clean(person?.FirstName);
        var lastName = Clean(person?.LastName);
        if (person is not null && (firstName is null || lastName is null))
        {
            issues.Add(new("missing-name", "UKG has no " + (firstName is null ? "first" : "last") + " name for this person."));
        }
        return new Worker
        {
            Id = source.EmployeeId,
            EmployeeNumber = Clean(primaryRow.EmployeeNumber) ?? "",
            PersonId = Clean(person?.PersonId),
            FirstName = firstName ?? "",
            MiddleName = Clean(person?.MiddleName),
            LastName = lastName ?? "",
            PreferredName = Clean(person?.PreferredName),
            Email = email,
            UserName = Clean(person?.UserName),
            WorkPhone = Clean(primaryRow.WorkPhoneNumber),
            Primary = primary,
            Employments = [.. employments.Select(e => e.Employment)],
            ManagerId = Clean(primaryRow.SupervisorId),
            ManagerEmail = Clean(source.Supervisor?.SupervisorEmail),
            Roles = source.Roles ?? [],
            Lifecycle = lifecycle,
            Raw = new UkgRawValues(primaryRow, person, source.Supervisor),
            Issues = issues.Count == 0 ? [] : [.. issues],
        };
    }

    /// <summary>The home company's lifecycle, unless the person is no longer employed there but still is in another.</summary>
    private static Lifecycle Lifecycle(List<(Employment Employment, Lifecycle Lifecycle)> employments, Employment primary)
    {
        var home = employments.First(e => e.Employment == primary).Lifecycle;
        if (home.IsEmployed || home.State == LifecycleState.PendingStart)
        {
            return home;
        }
        var elsewhere = employments.FirstOrDefault(e => e.Lifecycle.IsEmployed);
        return elsewhere.Employment is null ? home
            : elsewhere.Lifecycle with { Reason = $"{elsewhere.Lifecycle.Reason} (in company {elsewhere.Employment.CompanyId}; home company: {home.Reason})" };
    }

    private (Employment Employment, Lifecycle Lifecycle) Employment(EmploymentRecord row, bool isHome, List<WorkerIssue> issues)
    {
        var company = Clean(row.CompanyId) ?? "";
        if (company.Length == 0)
        {
            issues.Add(new("missing-field", "An employment row has no companyID; its company is unknown."));
        }
        var jobCode = Clean(row.PrimaryJobCode);
        var locationCode = Clean(row.PrimaryWorkLocationCode);
        var units = new List<OrgUnit>(4);
        foreach (var (level, code) in new[] { (1, row.OrgLevel1Code), (2, row.OrgLevel2Code), (3, row.OrgLevel3Code), (4, row.OrgLevel4Code) })
        {
            if (Clean(code) is not { } c)
            {
                continue;
            }
            if (_orgLevels.TryGetValue((level, c.ToUpperInvariant()), out var unit))
            {
                units.Add(new OrgUnit(level, c, Clean(unit.Description), Clean(unit.LevelDescription)));
            }
            else
            {
                units.Add(new OrgUnit(level, c, null, null));
                issues.Add(new("unknown-org-level", $"Org level {level} code '{c}' (company {company}) is not in UKG's org levels."));
            }
        }
        if (locationCode is not null && !_locations.ContainsKey(locationCode))
        {
            issues.Add(new("unknown-location", $"Location '{locationCode}' is not in UKG's locations."));
        }
        if (jobCode is not null && !_jobs.ContainsKey(jobCode))
        {
            issues.Add(new("unknown-job", $"Job '{jobCode}' is not in UKG's jobs."));
        }
        var lastHire = Date(row.LastHireDate, "lastHireDate", issues);
        var termination = Date(row.DateOfTermination, "dateOfTermination", issues);
        var statusStart = Date(row.StatusStartDate, "statusStartDate", issues);
        _companies.TryGetValue(company, out var companyRecord);
        var employment = new Employment
        {
            CompanyId = company,
            CompanyCode = Clean(row.CompanyCode) ?? Clean(companyRecord?.CompanyCode),
            CompanyName = Clean(row.CompanyName) ?? Clean(companyRecord?.CompanyName),
            IsHome = isHome,
            StatusCode = Clean(row.EmployeeStatusCode) ?? "",
            JobCode = jobCode,
            JobTitle = Clean(row.JobTitle) ?? (jobCode is not null && _jobs.TryGetValue(jobCode, out var job) ? Clean(job.Title) : null),
            EmployeeType = Clean(row.EmployeeTypeCode),
            FullTimeOrPartTime = Clean(row.FullTimeOrPartTimeCode),
            OrgUnits = [.. units],
            LocationCode = locationCode,
            LocationName = locationCode is not null && _locations.TryGetValue(locationCode, out var location) ? Clean(location.Description) : null,
            OriginalHireDate = Date(row.OriginalHireDate, "originalHireDate", issues),
            LastHireDate = lastHire,
            TerminationDate = termination,
            StatusStartDate = statusStart,
            LeaveReason = Clean(row.LeaveReasonCode),
            TerminationReason = Clean(row.TermReason),
            ChangedAt = DateTimeOf(row.DateTimeChanged, "dateTimeChanged", issues),
        };
        return (employment, WorkerLifecycle.Derive(row.EmployeeStatusCode, lastHire, termination, statusStart, _today));
    }

    private static List<EmploymentRecord> Deduplicate(IReadOnlyList<EmploymentRecord> rows, List<WorkerIssue> issues)
    {
        var distinct = rows.GroupBy(r => Clean(r.CompanyId)?.ToUpperInvariant() ?? "")
            .Select(g => g.OrderByDescending(r => r.DateTimeChanged, StringComparer.Ordinal).First()).ToList();
        if (distinct.Count < rows.Count)
        {
            issues.Add(new("duplicate-rows", $"UKG returned {rows.Count - distinct.Count} duplicate employment row(s); the latest changed is used."));
        }
        return distinct;
    }

    private DateOnly? Date(string? text, string field, List<WorkerIssue> issues) =>
        DateTimeOf(text, field, issues) is { } value ? DateOnly.FromDateTime(value) : null;

    private DateTime? DateTimeOf(string? text, string field, List<WorkerIssue> issues)
    {
        try
        {
            return UkgDates.ParseLocal(text, _zone);
        }
        catch (FormatException)
        {
            issues.Add(new("unreadable-date", $"{field} '{text}' is not a date; it is ignored."));
            return null;
        }
    }

    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Same(string? a, string? b) => string.Equals(Clean(a), Clean(b), StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, T> ByKey<T>(IEnumerable<T> items, Func<T, string?> key) =>
        items.Where(i => Clean(key(i)) is not null).GroupBy(i => Clean(key(i))!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
}
