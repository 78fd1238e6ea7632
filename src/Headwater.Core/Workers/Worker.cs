namespace Headwater.Core.Workers;

/// <summary>
/// One person as the HR system describes them, joined from every record the source holds about them: the engine's
/// view of a worker. <see cref="Raw"/> keeps the source values that drove each field and decision.
/// </summary>
public sealed record Worker
{
    /// <summary>The source's stable key (UKG's employeeID).</summary>
    public required string Id { get; init; }
    public required string EmployeeNumber { get; init; }
    public string? PersonId { get; init; }

    public required string FirstName { get; init; }
    public string? MiddleName { get; init; }
    public required string LastName { get; init; }
    public string? PreferredName { get; init; }
    public string DisplayName => $"{PreferredName ?? FirstName} {LastName}";

    /// <summary>Trimmed; null when the source has none. Case is as entered: compare case-insensitively.</summary>
    public string? Email { get; init; }
    public string? UserName { get; init; }
    public string? WorkPhone { get; init; }

    /// <summary>The primary (home-company) employment; <see cref="Employments"/> holds every company's.</summary>
    public required Employment Primary { get; init; }
    public IReadOnlyList<Employment> Employments { get; init; } = [];

    public string? ManagerId { get; init; }
    public string? ManagerEmail { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];

    public required Lifecycle Lifecycle { get; init; }

    /// <summary>The primary company's source values by "endpoint.field" (e.g. "employment.employeeStatusCode");
    /// other companies' values are on <see cref="Employments"/>.</summary>
    public IReadOnlyDictionary<string, string?> Raw { get; init; } = new Dictionary<string, string?>();

    public IReadOnlyList<WorkerIssue> Issues { get; init; } = [];
}

/// <summary>A worker's employment in one company.</summary>
public sealed record Employment
{
    public required string CompanyId { get; init; }
    public string? CompanyCode { get; init; }
    public string? CompanyName { get; init; }
    public bool IsHome { get; init; } = true;
    public required string StatusCode { get; init; }
    public string? JobCode { get; init; }
    public string? JobTitle { get; init; }
    public string? EmployeeType { get; init; }
    public string? FullTimeOrPartTime { get; init; }
    public IReadOnlyList<OrgUnit> OrgUnits { get; init; } = [];
    public string? LocationCode { get; init; }
    public string? LocationName { get; init; }
    public DateOnly? OriginalHireDate { get; init; }
    public DateOnly? LastHireDate { get; init; }
    public DateOnly? TerminationDate { get; init; }
    public DateOnly? StatusStartDate { get; init; }
    public string? LeaveReason { get; init; }
    public string? TerminationReason { get; init; }
    public DateTime? ChangedAt { get; init; }
}

/// <summary>An org level the worker belongs to, with the source's names for the unit and for the level.</summary>
public sealed record OrgUnit(int Level, string Code, string? Name, string? LevelName);

/// <summary>A problem found in the source data, in plain language, recorded against the worker it concerns.</summary>
public sealed record WorkerIssue(string Code, string Message);
