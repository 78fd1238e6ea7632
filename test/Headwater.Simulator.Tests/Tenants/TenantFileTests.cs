using System.Text.Json;
using Headwater.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Headwater.Simulator.Tests.Tenants;

/// <summary>A hand-written JSON tenant is served exactly, with the dates and codes it leaves out filled in.</summary>
public sealed class TenantFileTests
{
    private const string Tenant = """
        {
          "companies": [
            { "companyId": "HQ001", "companyCode": "HQ", "companyName": "Headwater Test Inc.", "isMaster": true,
              "masterCompanyId": "HQ001", "addressCity": "Boise", "addressState": "ID", "federalTaxId": "11-1111111" },
            { "companyId": "WE002", "companyCode": "WEST", "companyName": "Headwater West LLC", "isMaster": false,
              "masterCompanyId": "HQ001", "addressCity": "Reno", "addressState": "NV", "federalTaxId": "22-2222222" }
          ],
          "orgLevels": [
            { "level": 1, "code": "OPS", "description": "Operations", "levelDescription": "Division" },
            { "level": 2, "code": "ENG", "description": "Engineering", "levelDescription": "Department" }
          ],
          "locations": [
            { "locationCode": "BOI", "description": "Boise Office", "addressLine1": "1 Main St", "city": "Boise",
              "state": "ID", "zipOrPostalCode": "83702" }
          ],
          "jobs": [
            { "jobCode": "ENGR", "title": "Engineer", "jobFamilyCode": "ENG", "jobGroupCode": "TECH", "flsaTypeCode": "E" },
            { "jobCode": "MGR", "title": "Manager", "jobFamilyCode": "MGT", "jobGroupCode": "MGMT", "flsaTypeCode": "E" }
          ],
          "employees": [
            { "employeeId": "BOSS00000001", "companyId": "HQ001", "employeeNumber": "000001",
              "personId": "0b0b0b0b-0000-0000-0000-000000000001", "firstName": "Bea", "lastName": "Boss",
              "emailAddress": "bea.boss@example.com", "jobCode": "MGR", "locationCode": "BOI",
              "orgLevel1Code": "OPS", "orgLevel2Code": "ENG", "originalHireDate": "2019-03-04" },
            { "employeeId": "PEER00000002", "companyId": "HQ001", "employeeNumber": "000002",
              "personId": "0b0b0b0b-0000-0000-0000-000000000002", "firstName": "Pat", "lastName": "Peer",
              "jobCode": "ENGR", "locationCode": "BOI", "supervisorId": "BOSS00000001",
              "originalHireDate": "2021-06-01", "statusCode": "T", "dateOfTermination": "2025-01-31", "termReason": "RES",
              "statusStartDate": "2025-01-31", "dateTimeChanged": "2025-01-31T17:45:00" },
            { "employeeId": "WEST00000003", "companyId": "WE002", "employeeNumber": "000003",
              "personId": "0b0b0b0b-0000-0000-0000-000000000003", "firstName": "Wen", "lastName": "West",
              "jobCode": "ENGR", "locationCode": "BOI", "supervisorId": "BOSS00000001",
              "originalHireDate": "2024-09-16", "lastHireDate": "2025-02-03", "fullTimeOrPartTimeCode": "P" }
          ]
        }
        """;

    private static async Task<T> WithTenantFile<T>(string json, Func<SimulatorClient, Task<T>> test)
    {
        var path = Path.Combine(Path.GetTempPath(), $"headwater-tenant-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, json);
        try
        {
            var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
            await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { TenantFile = path, Employees = 5_000 }, time);
            return await test(sim);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Task<JsonElement> EmploymentDetails() =>
        WithTenantFile(Tenant, sim => sim.GetJson("/personnel/v1/employment-details"));

    private static JsonElement Row(JsonElement rows, string employeeId) =>
        Assert.Single(rows.EnumerateArray(), r => r.Text("employeeID") == employeeId);

    [Fact]
    public async Task The_api_serves_exactly_the_employees_in_the_file()
    {
        var rows = await EmploymentDetails();

        Assert.Equal(["BOSS00000001", "PEER00000002", "WEST00000003"], rows.EnumerateArray().Select(r => r.Text("employeeID")));
        Assert.Equal(["HQ001", "HQ001", "WE002"], rows.EnumerateArray().Select(r => r.Text("companyID")));
        Assert.Equal(["000001", "000002", "000003"], rows.EnumerateArray().Select(r => r.Text("employeeNumber")));
    }

    [Fact]
    public async Task Dates_the_file_leaves_out_are_filled_from_the_hire_date()
    {
        var boss = Row(await EmploymentDetails(), "BOSS00000001");

        Assert.Equal("2019-03-04T00:00:00", boss.Text("originalHireDate"));
        Assert.Equal("2019-03-04T00:00:00", boss.Text("lastHireDate"));
        Assert.Equal("2019-03-04T00:00:00", boss.Text("statusStartDate"));
        Assert.Equal("2019-03-04T00:00:00", boss.Text("dateInJob"));
        Assert.Equal("2019-03-04T09:00:00", boss.Text("dateTimeCreated"));
        Assert.Equal("2019-03-04T09:00:00", boss.Text("dateTimeChanged"));
        Assert.Null(boss.TextOrNull("dateOfTermination"));
    }

    [Fact]
    public async Task Codes_the_file_leaves_out_take_their_defaults()
    {
        var boss = Row(await EmploymentDetails(), "BOSS00000001");

        Assert.Equal("A", boss.Text("employeeStatusCode"));
        Assert.Equal("REG", boss.Text("employeeTypeCode"));
        Assert.Equal("F", boss.Text("fullTimeOrPartTimeCode"));
        Assert.Equal("S", boss.Text("salaryOrHourly"));
        Assert.Null(boss.TextOrNull("supervisorID"));
        Assert.Equal("Manager", boss.Text("jobTitle"));
        Assert.Equal("HQ", boss.Text("companyCode"));
    }

    [Fact]
    public async Task Person_and_profile_defaults_are_served_for_values_the_file_leaves_out()
    {
        var (person, profiles, home) = await WithTenantFile(Tenant, async sim => (
            await sim.PersonOf("WEST00000003"),
            await sim.GetJson("/personnel/v1/user-profile-details?employeeId=WEST00000003"),
            await sim.GetJson("/personnel/v1/employment-details?isHomeCompany=true")));

        Assert.Equal("USA", person.Text("addressCountry"));
        Assert.Equal("F", person.Text("gender"));
        var profile = Assert.Single(profiles.EnumerateArray());
        Assert.Equal(1, profile.GetProperty("roleId").GetInt32());
        Assert.Equal("Employee", profile.Text("roleName"));
        Assert.Equal(3, home.GetArrayLength());
    }

    [Fact]
    public async Task Values_the_file_gives_are_kept()
    {
        var rows = await EmploymentDetails();
        var peer = Row(rows, "PEER00000002");
        var west = Row(rows, "WEST00000003");

        Assert.Equal("T", peer.Text("employeeStatusCode"));
        Assert.Equal("2025-01-31T00:00:00", peer.Text("dateOfTermination"));
        Assert.Equal("RES", peer.Text("termReason"));
        Assert.Equal("2025-01-31T17:45:00", peer.Text("dateTimeChanged"));
        Assert.Equal("2021-06-01T09:00:00", peer.Text("dateTimeCreated"));
        Assert.Equal("2025-02-03T00:00:00", west.Text("lastHireDate"));
        Assert.Equal("2025-02-03T00:00:00", west.Text("dateInJob"));
        Assert.Equal("2024-09-16T00:00:00", west.Text("originalHireDate"));
        Assert.Equal("P", west.Text("fullTimeOrPartTimeCode"));
    }

    [Fact]
    public async Task A_supervisor_is_named_with_the_company_they_work_in()
    {
        var rows = await EmploymentDetails();
        var peer = Row(rows, "PEER00000002");
        var west = Row(rows, "WEST00000003");

        Assert.Equal("BOSS00000001", peer.Text("supervisorID"));
        Assert.Equal("HQ001", peer.Text("supervisorCOID"));
        Assert.Equal("Boss", peer.Text("supervisorLastName"));
        Assert.Equal("BOSS00000001", west.Text("supervisorID"));
        Assert.Equal("HQ001", west.Text("supervisorCOID"));
        Assert.Equal("HQ", west.Text("supervisorCompanyCode"));
    }

    [Fact]
    public async Task The_file_configuration_and_person_data_are_served()
    {
        var (companies, jobs, person) = await WithTenantFile(Tenant, async sim => (
            await sim.GetJson("/configuration/v1/company-details"),
            await sim.GetJson("/configuration/v1/jobs"),
            await sim.PersonOf("BOSS00000001")));

        Assert.Equal(["HQ001", "WE002"], companies.EnumerateArray().Select(c => c.Text("companyID")).Order(StringComparer.Ordinal));
        Assert.Equal(["ENGR", "MGR"], jobs.EnumerateArray().Select(j => j.Text("jobCode")).Order(StringComparer.Ordinal));
        Assert.Equal("Bea", person.Text("firstName"));
        Assert.Equal("bea.boss@example.com", person.Text("emailAddress"));
        Assert.Equal("0b0b0b0b-0000-0000-0000-000000000001", person.Text("personId"));
    }

    [Fact]
    public async Task A_file_employee_without_an_employee_id_is_rejected_at_start()
    {
        var broken = Tenant.Replace("\"employeeId\": \"BOSS00000001\", ", "", StringComparison.Ordinal);

        await Assert.ThrowsAnyAsync<JsonException>(() => WithTenantFile(broken, sim => Task.FromResult(sim.Simulator.Tenant.RowCount)));
    }
}
