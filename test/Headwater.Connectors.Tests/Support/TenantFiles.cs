using System.Text.Json;
using Headwater.Simulator.Tenants;

namespace Headwater.Connectors.Tests.Support;

/// <summary>Writes a hand-made tenant as the JSON file the simulator loads (SimulatorOptions.TenantFile), and removes it after.</summary>
public sealed class TenantFiles : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TenantFiles(TenantFile tenant)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"headwater-tenant-{Guid.NewGuid():N}.json");
        File.WriteAllText(Path, JsonSerializer.Serialize(tenant, Json));
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);

    public static readonly IReadOnlyList<Company> Companies =
    [
        new("C0001", "HWMST", "Headwater Holdings", true, "C0001", "Boston", "MA", "12-3456789"),
        new("C0002", "HWSVC", "Headwater Services", false, "C0001", "Toronto", "ON", "98-7654321"),
    ];

    public static readonly IReadOnlyList<OrgLevel> OrgLevels =
    [
        new(1, "OPS", "Operations", "Division"),
        new(2, "FIN", "Finance", "Department"),
        new(2, "ENG", "Ingénierie", "Department"),
        new(3, "CC100", "Cost centre 100", "Cost Center"),
        new(4, "TEAMA", "Team A", "Team"),
    ];

    public static readonly IReadOnlyList<Location> Locations = [new("BOS", "Boston HQ", "1 Main St", "Boston", "MA", "02110")];

    public static readonly IReadOnlyList<Job> Jobs = [new("ACCT", "Accountant", "FIN", "PROF", "E"), new("MGR", "Manager", "MGT", "MGT", "E")];

    /// <summary>A row with everything a join needs and nothing odd about it; tests change what they are about.</summary>
    public static EmployeeRow Row(string employeeId, string number, string first, string last, string? email) => new()
    {
        EmployeeId = employeeId,
        CompanyId = "C0001",
        EmployeeNumber = number,
        PersonId = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(employeeId))[..16]),
        FirstName = first,
        LastName = last,
        EmailAddress = email,
        JobCode = "ACCT",
        OrgLevel1Code = "OPS",
        OrgLevel2Code = "FIN",
        LocationCode = "BOS",
        OriginalHireDate = new DateOnly(2020, 2, 3),
    };

    public static TenantFile Tenant(params EmployeeRow[] employees) => new(Companies, OrgLevels, Locations, Jobs, employees);
}
