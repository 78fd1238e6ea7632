namespace Headwater.Simulator.Tenants;

/// <summary>
/// One employee in one company: UKG returns a row per employee per company, with the same employeeID in each.
/// Immutable, so a reader paging through the tenant never sees a half-applied HR event.
/// Dates are tenant-local, as UKG returns them.
/// </summary>
public sealed record EmployeeRow
{
    public required string EmployeeId { get; init; }
    public required string CompanyId { get; init; }
    public required string EmployeeNumber { get; init; }
    public required Guid PersonId { get; init; }
    public bool IsHomeCompany { get; init; } = true;

    public required string FirstName { get; init; }
    public string? MiddleName { get; init; }
    public required string LastName { get; init; }
    public string? PreferredName { get; init; }
    public string? NamePrefix { get; init; }
    public string? NameSuffix { get; init; }
    public string? EmailAddress { get; init; }
    public string? UserName { get; init; }
    public string Gender { get; init; } = "F";
    public DateOnly DateOfBirth { get; init; }
    public string? AddressLine1 { get; init; }
    public string? AddressCity { get; init; }
    public string? AddressState { get; init; }
    public string? AddressZipCode { get; init; }
    public string AddressCountry { get; init; } = "USA";
    public string? HomePhone { get; init; }
    public string? WorkPhone { get; init; }

    public required string JobCode { get; init; }
    public string? OrgLevel1Code { get; init; }
    public string? OrgLevel2Code { get; init; }
    public string? OrgLevel3Code { get; init; }
    public string? OrgLevel4Code { get; init; }
    public required string LocationCode { get; init; }
    public string EmployeeTypeCode { get; init; } = "REG";
    public string FullTimeOrPartTimeCode { get; init; } = "F";
    public string SalaryOrHourly { get; init; } = "S";
    public string StatusCode { get; init; } = "A";
    public DateOnly StatusStartDate { get; init; }
    public string? LeaveReasonCode { get; init; }
    public DateOnly OriginalHireDate { get; init; }
    public DateOnly LastHireDate { get; init; }
    public DateOnly? DateOfTermination { get; init; }
    public string? TermReason { get; init; }
    public string? TermType { get; init; }
    public DateOnly DateInJob { get; init; }
    public string? SupervisorId { get; init; }
    public string? SupervisorCompanyId { get; init; }
    public int RoleId { get; init; } = 1;

    public DateTime DateTimeCreated { get; init; }
    public DateTime DateTimeChanged { get; init; }

    public bool IsTerminated => StatusCode == EmployeeStatus.Terminated;
}

/// <summary>UKG Pro employment status codes (Employee Employment Information service).</summary>
public static class EmployeeStatus
{
    public const string Active = "A";
    public const string Leave = "L";
    public const string Suspended = "S";
    public const string Released = "R";
    public const string OnStrike = "O";
    public const string Terminated = "T";
}
