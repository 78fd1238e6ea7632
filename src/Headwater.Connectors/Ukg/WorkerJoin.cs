using Headwater.Core.Workers;

namespace Headwater.Connectors.Ukg;

/// <summary>
/// Joins what UKG holds about each person into one <see cref="Worker"/>: employment in every company (the home
/// company primary), person details, org levels with their names, location, job, company, supervisor and roles.
/// Nothing is dropped for bad data: each problem is recorded on the worker in plain language and the join goes on.
/// Values that repeat across workers (org units, lifecycles) are shared rather than built per worker; so one join
/// is used by one thread at a time.
/// </summary>
public sealed class WorkerJoin
{
    private readonly Dictionary<(int, string), OrgLevelRecord> _orgLevels;
    private readonly Dictionary<string, LocationRecord> _locations;
    private readonly Dictionary<string, JobRecord> _jobs;
    private readonly Dictionary<string, CompanyRecord> _companies;
    private readonly TimeZoneInfo _zone;
    private readonly DateOnly _today;
    private readonly Dictionary<(string?, string?, string?, string?), (OrgUnit[] Units, OrgUnit[] Unknown)> _orgUnitSets = [];
    private readonly Dictionary<Lifecycle, Lifecycle> _lifecycles = [];

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

    /// <summary>Joins every source and checks what needs all workers at once: managers and shared emails.</summary>
    public List<Worker> JoinAll(IReadOnlyList<WorkerSource> sources) =>
        JoinAll(sources, new Dictionary<string, DirectoryEntry>(sources.Count, StringComparer.OrdinalIgnoreCase));

    /// <summary>Joins <paramref name="sources"/> and checks them against <paramref name="directory"/>, the manager and
    /// email of every worker, into which the sources' own entries are written first.</summary>
    public List<Worker> JoinAll(IReadOnlyList<WorkerSource> sources, Dictionary<string, DirectoryEntry> directory)
    {
        foreach (var source in sources)
        {
            var (_, _, primaryRow, person) = Primary(source, null);
            directory[source.EmployeeId] = new DirectoryEntry(Clean(primaryRow.SupervisorId), Clean(person?.EmailAddress));
        }
        var checks = new WorkerChecks(directory);
        var workers = new List<Worker>(sources.Count);
        foreach (var source in sources)
        {
            workers.Add(Join(source, checks));
        }
        return workers;
    }

    /// <summary>One worker, without the checks that need every worker.</summary>
    public Worker Join(WorkerSource source) => Join(source, null);

    private Worker Join(WorkerSource source, WorkerChecks? checks)
    {
        var issues = new List<WorkerIssue>();
        var (rows, homeCount, primaryRow, person) = Primary(source, issues);
        if (homeCount != 1)
        {
            issues.Add(new("home-company", homeCount == 0
                ? "UKG marks none of this person's companies as home; the first is used as primary."
                : $"UKG marks {homeCount} companies as home; the first is used as primary."));
        }
        var employments = rows.Select(r => Employment(r, r == primaryRow, issues)).ToList();
        var primary = employments.First(e => e.Employment.IsHome).Employment;
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
        var managerId = Clean(primaryRow.SupervisorId);
        var managerEmail = Clean(source.Supervisor?.SupervisorEmail);
        if (checks is not null)
        {
            managerEmail = checks.Check(source.EmployeeId, managerId, email, managerEmail, issues);
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
            Employments = employments.ConvertAll(e => e.Employment).ToArray(),
            ManagerId = managerId,
            ManagerEmail = managerEmail,
            Roles = source.Roles ?? [],
            Lifecycle = Shared(lifecycle),
            Raw = new UkgRawValues(primaryRow, person, source.Supervisor),
            Issues = issues.Count == 0 ? [] : issues.ToArray(),
        };
    }

    /// <summary>The rows without duplicates, how many are in a home company, the primary row (the home company's,
    /// else the first) and the person details for its company.</summary>
    private static (IReadOnlyList<EmploymentRecord> Rows, int HomeCount, EmploymentRecord PrimaryRow, PersonRecord? Person) Primary(
        WorkerSource source, List<WorkerIssue>? issues)
    {
        var rows = Deduplicate(source.Employments, issues);
        EmploymentRecord? primaryRow = null;
        var homeCount = 0;
        foreach (var row in rows)
        {
            if (!source.NonHomeCompanies.Contains(row.CompanyId?.Trim() ?? "", StringComparer.OrdinalIgnoreCase))
            {
                primaryRow ??= row;
                homeCount++;
            }
        }
        primaryRow ??= rows[0];
        var person = source.People.FirstOrDefault(p => Same(p.CompanyId, primaryRow.CompanyId)) ?? (source.People.Count > 0 ? source.People[0] : null);
        return (rows, homeCount, primaryRow, person);
    }

    /// <summary>The one instance of an equal lifecycle: most workers share a handful.</summary>
    private Lifecycle Shared(Lifecycle lifecycle)
    {
        if (_lifecycles.TryGetValue(lifecycle, out var shared))
        {
            return shared;
        }
        _lifecycles[lifecycle] = lifecycle;
        return lifecycle;
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
        var (units, unknownUnits) = OrgUnits(row);
        foreach (var unit in unknownUnits)
        {
            issues.Add(new("unknown-org-level", $"Org level {unit.Level} code '{unit.Code}' (company {company}) is not in UKG's org levels."));
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
            OrgUnits = units,
            LocationCode = locationCode,
            LocationName = locationCode is not null && _locations.TryGetValue(locationCode, out var location) ? Clean(location.Description) : null,
            OriginalHireDate = Date(row.OriginalHireDate, "originalHireDate", issues),
            LastHireDate = lastHire,
            // UKG keeps a leaver's termination date when they are rehired; it is not this employment's end.
            TerminationDate = termination is { } ended && lastHire is { } hired && ended < hired ? null : termination,
            StatusStartDate = statusStart,
            LeaveReason = Clean(row.LeaveReasonCode),
            TerminationReason = Clean(row.TermReason),
            ChangedAt = DateTimeOf(row.DateTimeChanged, "dateTimeChanged", issues),
        };
        return (employment, WorkerLifecycle.Derive(row.EmployeeStatusCode, lastHire, termination, statusStart, _today));
    }

    /// <summary>The org units of a row's four codes with their names, and those UKG does not know. Workers with the
    /// same codes share one array: at a million workers that saves some 200 MB.</summary>
    private (OrgUnit[] Units, OrgUnit[] Unknown) OrgUnits(EmploymentRecord row)
    {
        var codes = (Clean(row.OrgLevel1Code), Clean(row.OrgLevel2Code), Clean(row.OrgLevel3Code), Clean(row.OrgLevel4Code));
        if (_orgUnitSets.TryGetValue(codes, out var set))
        {
            return set;
        }
        var units = new List<OrgUnit>(4);
        var unknown = new List<OrgUnit>();
        foreach (var (level, code) in new[] { (1, codes.Item1), (2, codes.Item2), (3, codes.Item3), (4, codes.Item4) })
        {
            if (code is null)
            {
                continue;
            }
            if (_orgLevels.TryGetValue((level, code.ToUpperInvariant()), out var known))
            {
                units.Add(new OrgUnit(level, code, Clean(known.Description), Clean(known.LevelDescription)));
            }
            else
            {
                units.Add(new OrgUnit(level, code, null, null));
                unknown.Add(units[^1]);
            }
        }
        return _orgUnitSets[codes] = (units.ToArray(), unknown.ToArray());
    }

    private static IReadOnlyList<EmploymentRecord> Deduplicate(IReadOnlyList<EmploymentRecord> rows, List<WorkerIssue>? issues)
    {
        if (rows.Count < 2)
        {
            return rows;
        }
        var distinct = rows.GroupBy(r => Clean(r.CompanyId)?.ToUpperInvariant() ?? "")
            .Select(g => g.OrderByDescending(r => r.DateTimeChanged, StringComparer.Ordinal).First()).ToList();
        if (distinct.Count < rows.Count)
        {
            issues?.Add(new("duplicate-rows", $"UKG returned {rows.Count - distinct.Count} duplicate employment row(s); the latest changed is used."));
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
