using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Generation;

/// <summary>The fixed parts of a generated tenant: company names, the org structure, jobs and roles.</summary>
internal static class Catalog
{
    public const string EmailDomain = "example.com";
    public const string HumanResources = "HR";

    private static readonly (string Code, string Name, string[] Departments)[] Divisions =
    [
        ("OPS", "Operations", ["MFG", "LOG", "QA", "FAC", "PROC"]),
        ("TEC", "Technology", ["ENG", "IT", "SEC", "DATA", "PROD"]),
        ("COM", "Commercial", ["SALES", "MKT", "CS", "PART", "BD"]),
        ("COR", "Corporate", [HumanResources, "FIN", "LEGAL", "EXEC", "COMMS"]),
    ];

    private static readonly Dictionary<string, string> DepartmentNames = new()
    {
        ["MFG"] = "Manufacturing", ["LOG"] = "Logistics", ["QA"] = "Quality Assurance", ["FAC"] = "Facilities",
        ["PROC"] = "Procurement", ["ENG"] = "Engineering", ["IT"] = "Information Technology", ["SEC"] = "Security",
        ["DATA"] = "Data & Analytics", ["PROD"] = "Product Management", ["SALES"] = "Sales", ["MKT"] = "Marketing",
        ["CS"] = "Customer Success", ["PART"] = "Partnerships", ["BD"] = "Business Development",
        [HumanResources] = "Human Resources", ["FIN"] = "Finance", ["LEGAL"] = "Legal", ["EXEC"] = "Executive Office",
        ["COMMS"] = "Communications",
    };

    public static readonly IReadOnlyList<Job> Jobs =
    [
        new("ANLST", "Analyst", "BUS", "PROF", "E"), new("SRANL", "Senior Analyst", "BUS", "PROF", "E"),
        new("SWENG", "Software Engineer", "ENG", "TECH", "E"), new("SRSWE", "Senior Software Engineer", "ENG", "TECH", "E"),
        new("ITSPC", "IT Specialist", "ENG", "TECH", "N"), new("SECAN", "Security Analyst", "ENG", "TECH", "E"),
        new("DATSC", "Data Scientist", "ENG", "TECH", "E"), new("PRDMG", "Product Manager", "BUS", "PROF", "E"),
        new("ACCEX", "Account Executive", "SAL", "SALES", "E"), new("SDR", "Sales Development Rep", "SAL", "SALES", "N"),
        new("MKTSP", "Marketing Specialist", "MKT", "PROF", "E"), new("CSREP", "Customer Success Rep", "SVC", "SUPP", "N"),
        new("ACCTN", "Accountant", "FIN", "PROF", "E"), new("PAYSP", "Payroll Specialist", "FIN", "SUPP", "N"),
        new("HRGEN", "HR Generalist", "HRS", "PROF", "E"), new("RECRT", "Recruiter", "HRS", "PROF", "E"),
        new("PARAL", "Paralegal", "LEG", "SUPP", "N"), new("ATTY", "Attorney", "LEG", "PROF", "E"),
        new("PRODW", "Production Worker", "OPS", "LABOR", "N"), new("MACOP", "Machine Operator", "OPS", "LABOR", "N"),
        new("WHASC", "Warehouse Associate", "OPS", "LABOR", "N"), new("DRIVR", "Delivery Driver", "OPS", "LABOR", "N"),
        new("QATEC", "Quality Technician", "OPS", "TECH", "N"), new("MAINT", "Maintenance Technician", "OPS", "LABOR", "N"),
        new("BUYER", "Buyer", "OPS", "PROF", "E"), new("ADMIN", "Administrative Assistant", "ADM", "SUPP", "N"),
        new("SUPV", "Supervisor", "MGT", "MGMT", "E"), new("MGR", "Manager", "MGT", "MGMT", "E"),
        new("SRMGR", "Senior Manager", "MGT", "MGMT", "E"), new("DIR", "Director", "MGT", "MGMT", "E"),
        new("VP", "Vice President", "MGT", "EXEC", "E"), new("CEO", "Chief Executive Officer", "MGT", "EXEC", "E"),
        new("OLDJB", "Legacy Clerk", "ADM", "SUPP", "N", IsActive: false),
    ];

    public static readonly IReadOnlyList<Role> Roles =
    [
        new(1, "Employee", "Employee self service"),
        new(2, "Manager", "Manager self service"),
        new(3, "HR Administrator", "Human resources administration"),
        new(4, "Payroll Specialist", "Payroll administration"),
        new(5, "Executive", "Executive dashboards"),
    ];

    public static string ManagerJobFor(string jobCode, bool top) =>
        top ? "CEO" : jobCode is "SUPV" or "MGR" or "SRMGR" or "DIR" or "VP" ? jobCode : "MGR";

    public static IReadOnlyList<Company> Companies(Random random)
    {
        var master = Identifiers.CompanyId(random);
        return
        [
            new(master, "ACME", "Acme Holdings Inc.", true, master, "Columbus", "OH", "31-1234567"),
            new(Identifiers.CompanyId(random), "ACMEW", "Acme West LLC", false, master, "Denver", "CO", "84-7654321"),
            new(Identifiers.CompanyId(random), "ACMEC", "Acme Canada Ltd.", false, master, "Toronto", "ON", "12-3456789"),
        ];
    }

    public static IReadOnlyList<OrgLevel> OrgLevels()
    {
        var levels = new List<OrgLevel>();
        foreach (var (code, name, departments) in Divisions)
        {
            levels.Add(new OrgLevel(1, code, name, "Division"));
            foreach (var department in departments)
            {
                levels.Add(new OrgLevel(2, department, DepartmentNames[department], "Department"));
                for (var c = 1; c <= 3; c++)
                {
                    var costCenter = $"{department}{c}00";
                    levels.Add(new OrgLevel(3, costCenter, $"{DepartmentNames[department]} {c}"[..Math.Min(25, DepartmentNames[department].Length + 2)], "Cost Center"));
                    for (var t = 1; t <= 2; t++)
                    {
                        levels.Add(new OrgLevel(4, $"{costCenter}-{t}", $"Team {department} {c}.{t}", "Team"));
                    }
                }
            }
        }
        levels.Add(new OrgLevel(2, "OLD", "Retired Department", "Department", IsActive: false));
        return levels;
    }

    /// <summary>The division, department and cost center above a team code such as "ENG200-1".</summary>
    public static (string L1, string L2, string L3) Lineage(string teamCode)
    {
        var costCenter = teamCode[..teamCode.IndexOf('-', StringComparison.Ordinal)];
        var department = costCenter[..^3];
        var division = Divisions.First(d => d.Departments.Contains(department)).Code;
        return (division, department, costCenter);
    }

    public static IReadOnlyList<Location> Locations(NamePools pools) =>
    [
        .. pools.Cities.Take(24).Select((c, i) => new Location(
            $"L{i + 1:D3}", $"{c.City} Office"[..Math.Min(25, c.City.Length + 7)], pools.Streets[i], c.City, c.State, c.Zip)),
        new Location("REMOTE", "Remote", "", "", "", "", IsActive: true),
    ];
}
