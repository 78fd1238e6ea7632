using System.Text.Json;
using Headwater.Connectors.Ukg;

namespace Headwater.Connectors.Tests.Ukg;

/// <summary>
/// UKG's JSON read under its documented names, whatever JSON type a tenant uses (api-reference §5, §10): numbers
/// where strings are documented, booleans or "Y"/"N", "" or null for empty.
/// </summary>
public sealed class UkgRecordsTests
{
    private static EmploymentRecord Employment(string json) =>
        Assert.Single(JsonSerializer.Deserialize($"[{json}]", UkgJsonContext.Default.ListEmploymentRecord)!);

    [Theory]
    [InlineData("\"027603\"", "027603")]
    [InlineData("27603", "27603")]
    [InlineData("2.7603E4", "2.7603E4")]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("\"\"", "")]
    [InlineData("null", null)]
    [InlineData("{\"nested\":1}", null)]
    [InlineData("[1,2]", null)]
    public void Any_scalar_is_read_as_its_text_and_structures_are_skipped(string value, string? expected)
    {
        var record = Employment($$"""{"employeeNumber":{{value}},"employeeID":"E1"}""");

        Assert.Equal(expected, record.EmployeeNumber);
        Assert.Equal("E1", record.EmployeeId);
    }

    [Fact]
    public void Employment_details_are_read_under_their_upper_case_ID_names()
    {
        var record = Employment("""
            {"companyID":"C0001","employeeID":"E1","supervisorID":"E0","supervisorCOID":"C0002","employeeId":"wrong","companyId":"wrong",
             "employeeStatusCode":"L","dateOfTermination":null,"lastHireDate":"2020-01-15T00:00:00","dateTimeChanged":"2026-01-15T10:00:00"}
            """);

        Assert.Equal(("C0001", "E1", "E0", "C0002"), (record.CompanyId, record.EmployeeId, record.SupervisorId, record.SupervisorCompanyId));
        Assert.Equal("L", record.EmployeeStatusCode);
        Assert.Null(record.DateOfTermination);
        Assert.Equal("2020-01-15T00:00:00", record.LastHireDate);
    }

    [Fact]
    public void Person_details_are_read_under_their_lower_case_d_names_with_datetimeChanged_and_nameSufixCode()
    {
        var person = Assert.Single(JsonSerializer.Deserialize("""
            [{"personId":"9d7a1c1e-0000-4000-8000-000000000001","employeeId":"E1","companyId":"C0001","employeeID":"wrong",
              "firstName":"Zoë","lastName":"Ångström","nameSufixCode":"JR","emailAddress":"","datetimeChanged":"2026-01-15T10:00:00",
              "dateTimeChanged":"wrong","homePhoneIsPrivate":false,"addressLatitude":42.36}]
            """, UkgJsonContext.Default.ListPersonRecord)!);

        Assert.Equal(("E1", "C0001"), (person.EmployeeId, person.CompanyId));
        Assert.Equal(("Zoë", "Ångström", "JR"), (person.FirstName, person.LastName, person.NameSuffixCode));
        Assert.Equal("", person.EmailAddress);
        Assert.Equal("2026-01-15T10:00:00", person.DateTimeChanged);
    }

    [Fact]
    public void Org_levels_with_a_numeric_level_and_jobs_keyed_either_way_are_read()
    {
        var level = Assert.Single(JsonSerializer.Deserialize("""[{"level":2,"code":"FIN","description":"Finance","levelDescription":"Department","isActive":true}]""", UkgJsonContext.Default.ListOrgLevelRecord)!);
        var jobs = JsonSerializer.Deserialize("""[{"jobCode":"ACCT","title":"Accountant"},{"code":"MGR","title":"Manager"}]""", UkgJsonContext.Default.ListJobRecord)!;

        Assert.Equal(("2", "FIN", "Finance", "Department"), (level.Level, level.Code, level.Description, level.LevelDescription));
        Assert.Equal([("ACCT", null), (null, "MGR")], jobs.Select(j => (j.JobCode, j.Code)));
    }

    [Fact]
    public void Company_details_read_isMasterCompany_as_text_whether_string_or_boolean()
    {
        var companies = JsonSerializer.Deserialize("""[{"companyID":"C1","isMasterCompany":"true"},{"companyID":"C2","isMasterCompany":false}]""", UkgJsonContext.Default.ListCompanyRecord)!;

        Assert.Equal(["true", "false"], companies.Select(c => c.IsMasterCompany));
    }

    [Fact]
    public void Fields_a_sync_must_not_hold_such_as_the_SSN_are_not_read()
    {
        var properties = typeof(PersonRecord).GetProperties().Select(p => p.Name).ToList();

        Assert.DoesNotContain(properties, p => p.Contains("Ssn", StringComparison.OrdinalIgnoreCase) || p.Contains("NationalId", StringComparison.OrdinalIgnoreCase)
            || p.Contains("Birth", StringComparison.OrdinalIgnoreCase));
    }
}
