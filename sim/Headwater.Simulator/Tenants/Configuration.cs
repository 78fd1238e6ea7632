namespace Headwater.Simulator.Tenants;

public sealed record Company(
    string CompanyId, string CompanyCode, string CompanyName, bool IsMaster, string MasterCompanyId,
    string AddressCity, string AddressState, string FederalTaxId);

public sealed record OrgLevel(int Level, string Code, string Description, string LevelDescription, bool IsActive = true);

public sealed record Location(
    string LocationCode, string Description, string AddressLine1, string City, string State, string ZipOrPostalCode,
    string CountryCode = "USA", bool IsActive = true);

public sealed record Job(string JobCode, string Title, string JobFamilyCode, string JobGroupCode, string FlsaTypeCode, bool IsActive = true);

public sealed record Role(int RoleId, string RoleName, string RoleDescription);

/// <summary>The web services that a UKG Pro service account is granted View on, one per group of endpoints.</summary>
public enum WebService
{
    PersonnelIntegration,
    EmployeePersonDetails,
    EmployeeCompensationDetails,
    EmployeeJobHistoryDetails,
    EmployeeExport,
    CompanyConfigurationIntegration,
}

public sealed record ServiceAccount(string UserName, string Password, IReadOnlySet<WebService> Views)
{
    public static readonly IReadOnlySet<WebService> AllViews = Enum.GetValues<WebService>().ToHashSet();
}

/// <summary>One entry of an employee's job history, as employee-job-history-details returns it.</summary>
public sealed record JobHistoryEntry(
    Guid SystemId, EmployeeRow Row, DateOnly JobEffectiveDate, DateTime DateTimeCreated, string ReasonCode,
    bool IsJobChange, bool IsOrgChange, bool IsTransfer, bool IsPromotion);
