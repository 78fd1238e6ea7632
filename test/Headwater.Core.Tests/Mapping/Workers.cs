using Headwater.Core.Workers;

namespace Headwater.Core.Tests.Mapping;

/// <summary>Workers built by hand, as the UKG connector would produce them.</summary>
internal static class Workers
{
    public static Employment Home { get; } = new()
    {
        CompanyId = "C1",
        CompanyCode = "HWF",
        CompanyName = "Headwater Foods",
        StatusCode = "A",
        JobCode = "PAYAN",
        JobTitle = "Payroll Analyst",
        EmployeeType = "REG",
        FullTimeOrPartTime = "F",
        LocationCode = "BOS",
        LocationName = "Boston",
        OriginalHireDate = new DateOnly(2020, 1, 6),
        LastHireDate = new DateOnly(2020, 1, 6),
        OrgUnits =
        [
            new OrgUnit(1, "NA", "North America", "Division"),
            new OrgUnit(2, "FIN", "Finance", "Department"),
            new OrgUnit(3, "CC-410", "Payroll Operations", "Cost Center"),
        ],
    };

    public static Employment Second { get; } = new()
    {
        CompanyId = "C2",
        CompanyCode = "HWL",
        CompanyName = "Headwater Logistics",
        IsHome = false,
        StatusCode = "A",
        JobCode = "DRV",
        JobTitle = "Relief Driver",
    };

    public static Worker Zoe { get; } = new()
    {
        Id = "E1001",
        EmployeeNumber = "001234",
        PersonId = "P1001",
        FirstName = "Zoë",
        LastName = "Ørsted-Łukasz",
        PreferredName = "Zo",
        Email = "Zoe.Orsted@Example.com",
        WorkPhone = "+1 617 555 0100",
        ManagerId = "E0007",
        Primary = Home,
        Employments = [Home, Second],
        Lifecycle = new Lifecycle(LifecycleState.Active, new DateOnly(2020, 1, 6), null, "Active since 2020-01-06"),
        Raw = new Dictionary<string, string?>
        {
            ["person.emailAddress"] = "zoe@personal.example",
            ["employment.employeeTypeCode"] = "REG",
            ["employment.dateTimeChanged"] = "2026-11-20T10:00:00",
        },
    };
}
