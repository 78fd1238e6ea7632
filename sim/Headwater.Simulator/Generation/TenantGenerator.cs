using System.Globalization;
using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Generation;

public sealed record GeneratorOptions(int Employees, int Seed, DateOnly AsOf);

/// <summary>What a tenant is made of; <see cref="Tenant"/> serves it. <c>BrokenReferences</c> names the employees
/// whose supervisor or org code deliberately points at nothing.</summary>
public sealed record TenantData(
    IReadOnlyList<Company> Companies, IReadOnlyList<OrgLevel> OrgLevels, IReadOnlyList<Location> Locations,
    IReadOnlyList<Job> Jobs, IReadOnlyList<Role> Roles, IReadOnlyList<EmployeeRow> Rows,
    IReadOnlySet<string> BrokenReferences);

/// <summary>
/// Generates a realistic tenant from a seed: the same seed and date give the same tenant, byte for byte.
/// A master company with two component companies, org levels 1–4, a manager tree about seven wide, the status mix
/// of a real workforce, and the awkward cases every sync meets: rehires, future hires and terminations, people in
/// two companies, shared, missing and badly typed emails, non-ASCII names, and a few references to nothing.
/// </summary>
public static class TenantGenerator
{
    private const int Span = 7;

    public static TenantData Generate(GeneratorOptions options)
    {
        var random = new Random(options.Seed);
        var pools = NamePools.Create(options.Seed);
        var companies = Catalog.Companies(random);
        var orgLevels = Catalog.OrgLevels();
        var locations = Catalog.Locations(pools);
        var jobs = Catalog.Jobs;
        var teams = orgLevels.Where(o => o.Level == 4).ToArray();
        var n = options.Employees;
        var rows = new List<EmployeeRow>(n + n / 90);
        var broken = new HashSet<string>(StringComparer.Ordinal);
        var emailCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var brokenEvery = n >= 100 ? Math.Max(50, Math.Min(2000, n / 5)) : int.MaxValue;
        var reports = new int[n];
        var asOf = options.AsOf;
        var salt = companies[0].CompanyId;

        for (var i = 0; i < n; i++)
        {
            var supervisor = i == 0 ? -1 : Math.Max(0, (i - 1) / Span - (random.Next(4) == 0 ? 1 : 0));
            if (supervisor >= 0)
            {
                reports[supervisor]++;
            }
            var manager = supervisor >= 0 ? rows[supervisor] : null;
            var international = random.Next(5) == 0;
            var first = international ? Pick(random, pools.InternationalFirst) : Pick(random, pools.First);
            var last = international ? Pick(random, pools.InternationalLast) : Pick(random, pools.Last);
            var team = manager is not null && random.Next(10) < 6 ? manager.OrgLevel4Code! : Pick(random, teams).Code;
            var lineage = Catalog.Lineage(team);
            var city = Pick(random, pools.Cities);
            var employeeId = Identifiers.EmployeeId(i, salt);
            var row = new EmployeeRow
            {
                EmployeeId = employeeId,
                CompanyId = CompanyFor(random, companies, i),
                EmployeeNumber = Identifiers.EmployeeNumber(i + 1),
                PersonId = NewGuid(random),
                FirstName = first,
                MiddleName = random.Next(3) == 0 ? Pick(random, pools.First)[..1] : null,
                LastName = last,
                PreferredName = random.Next(12) == 0 ? Pick(random, pools.First) : null,
                NameSuffix = random.Next(60) == 0 ? "Jr" : null,
                Gender = random.Next(2) == 0 ? "F" : "M",
                DateOfBirth = asOf.AddDays(-random.Next(20 * 365, 65 * 365)),
                AddressLine1 = Pick(random, pools.Streets),
                AddressCity = city.City,
                AddressState = city.State,
                AddressZipCode = city.Zip,
                HomePhone = random.Next(4) == 0 ? null : Phone(random),
                WorkPhone = random.Next(3) == 0 ? null : Phone(random),
                JobCode = Pick(random, jobs).JobCode,
                OrgLevel1Code = lineage.L1,
                OrgLevel2Code = lineage.L2,
                OrgLevel3Code = lineage.L3,
                OrgLevel4Code = team,
                LocationCode = manager is not null && random.Next(10) < 7 ? manager.LocationCode : Pick(random, locations).LocationCode,
                EmployeeTypeCode = EmployeeType(random),
                FullTimeOrPartTimeCode = random.Next(100) < 88 ? "F" : "P",
                SalaryOrHourly = random.Next(100) < 45 ? "S" : "H",
                SupervisorId = manager?.EmployeeId,
                SupervisorCompanyId = manager?.CompanyId,
            };
            row = Lifecycle(random, row, asOf, i == 0);
            row = WithEmail(random, row, emailCounts, rows);
            if (i % brokenEvery == brokenEvery - 1)
            {
                row = i / brokenEvery % 2 == 0
                    ? row with { SupervisorId = Identifiers.EmployeeId(n + 5_000_000L + i, salt) }
                    : row with { OrgLevel2Code = "ZZ99" };
                broken.Add(row.EmployeeId);
            }
            rows.Add(row);
        }

        for (var i = 0; i < n; i++)
        {
            var row = rows[i];
            var isManager = reports[i] > 0;
            rows[i] = row with
            {
                JobCode = isManager ? Catalog.ManagerJobFor(row.JobCode, i == 0) : row.JobCode,
                RoleId = i == 0 ? 5 : isManager ? 2 : row.OrgLevel2Code == Catalog.HumanResources ? 3 : 1,
            };
        }
        AddSecondEmployments(random, rows, companies, n);
        return new TenantData(companies, orgLevels, locations, jobs, Catalog.Roles, rows, broken);
    }

    private static EmployeeRow Lifecycle(Random random, EmployeeRow row, DateOnly asOf, bool isTop)
    {
        var hired = asOf.AddDays(-random.Next(30, 20 * 365));
        var roll = isTop ? 0 : random.Next(1000);
        var status = EmployeeStatus.Active;
        var lastHire = hired;
        var statusStart = hired;
        DateOnly? terminated = null;
        string? termReason = null;
        string? leaveReason = null;
        switch (roll)
        {
            case < 20: // rehired: terminated once, hired again; the old termination date stays on the record
                terminated = hired.AddDays(random.Next(60, 900));
                lastHire = terminated.Value.AddDays(random.Next(30, 400));
                if (lastHire >= asOf)
                {
                    lastHire = asOf.AddDays(-1);
                }
                if (terminated >= lastHire)
                {
                    terminated = lastHire.AddDays(-1);
                }
                termReason = "RES";
                statusStart = lastHire;
                break;
            case < 25: // hired with a future start
                hired = lastHire = statusStart = asOf.AddDays(random.Next(1, 46));
                break;
            case < 30: // still active, leaving on a future date (0 = today)
                terminated = asOf.AddDays(random.Next(0, 31));
                termReason = "RES";
                break;
            case < 120: // terminated
                terminated = asOf.AddDays(-random.Next(1, 1000));
                if (terminated < hired)
                {
                    hired = lastHire = terminated.Value.AddDays(-random.Next(30, 2000));
                }
                status = EmployeeStatus.Terminated;
                statusStart = terminated.Value;
                termReason = Pick(random, ["RES", "INV", "RIF", "RET", "JOB"]);
                break;
            case < 150:
                status = EmployeeStatus.Leave;
                statusStart = asOf.AddDays(-random.Next(1, 90));
                leaveReason = Pick(random, ["FMLA", "MED", "PERS", "MIL", "PAT"]);
                break;
            case < 160:
                status = EmployeeStatus.Suspended;
                statusStart = asOf.AddDays(-random.Next(1, 30));
                break;
            case < 170:
                status = EmployeeStatus.Released;
                statusStart = asOf.AddDays(-random.Next(1, 200));
                break;
            case < 175:
                status = EmployeeStatus.OnStrike;
                statusStart = asOf.AddDays(-random.Next(1, 20));
                break;
        }
        // A record is entered before the hire date, but never after the as-of date: a future hire was entered by now.
        var entered = hired.AddDays(-random.Next(1, 21));
        var created = (entered < asOf ? entered : asOf.AddDays(-1)).ToDateTime(new TimeOnly(9, random.Next(60), random.Next(60)));
        var latest = new[] { hired, lastHire, statusStart, terminated ?? hired }.Max().ToDateTime(new TimeOnly(10, 0));
        var ceiling = asOf.ToDateTime(TimeOnly.MinValue).AddMinutes(-1);
        var changedFloor = latest > ceiling ? created : latest;
        var changed = changedFloor.AddMinutes(random.Next(0, Math.Max(1, (int)Math.Min(int.MaxValue - 1, (ceiling - changedFloor).TotalMinutes))));
        if (changed < created)
        {
            changed = created;
        }
        return row with
        {
            StatusCode = status,
            StatusStartDate = statusStart,
            LeaveReasonCode = leaveReason,
            OriginalHireDate = hired,
            LastHireDate = lastHire,
            DateInJob = lastHire,
            DateOfTermination = terminated,
            TermReason = termReason,
            TermType = termReason is null ? null : termReason is "INV" or "RIF" ? "I" : "V",
            DateTimeCreated = created,
            DateTimeChanged = changed,
        };
    }

    /// <summary>Mostly first.last@ with a counter for duplicates; about 1% missing, 0.5% shared with the previous
    /// employee, and 1% typed with odd case and stray spaces, as HR data entry leaves them.</summary>
    private static EmployeeRow WithEmail(Random random, EmployeeRow row, Dictionary<string, int> counts, List<EmployeeRow> previous)
    {
        var roll = random.Next(1000);
        if (roll < 10)
        {
            return row with { EmailAddress = null, UserName = UserName(row) };
        }
        if (roll < 15 && previous.Count > 0 && previous[^1].EmailAddress is { } shared)
        {
            return row with { EmailAddress = shared, UserName = UserName(row) };
        }
        var local = NamePools.EmailPart(row.FirstName) + "." + NamePools.EmailPart(row.LastName);
        counts.TryGetValue(local, out var seen);
        counts[local] = seen + 1;
        var email = (seen == 0 ? local : local + (seen + 1).ToString(CultureInfo.InvariantCulture)) + "@" + Catalog.EmailDomain;
        if (roll < 25)
        {
            var at = email.IndexOf('@', StringComparison.Ordinal);
            email = " " + char.ToUpperInvariant(email[0]) + email[1..at] + email[at..].ToUpperInvariant() + " ";
        }
        return row with { EmailAddress = email, UserName = email.Trim().ToLowerInvariant() };
    }

    private static string UserName(EmployeeRow row) =>
        (NamePools.EmailPart(row.FirstName)[..1] + NamePools.EmailPart(row.LastName) + row.EmployeeNumber).ToLowerInvariant();

    /// <summary>About 1% of people also work in a second company: same employeeID, another companyID, not home.</summary>
    private static void AddSecondEmployments(Random random, List<EmployeeRow> rows, IReadOnlyList<Company> companies, int n)
    {
        for (var i = 1; i < n; i++)
        {
            if (random.Next(100) != 0 || rows[i].IsTerminated)
            {
                continue;
            }
            var home = rows[i];
            var other = companies.First(c => c.CompanyId != home.CompanyId);
            rows.Add(home with
            {
                CompanyId = other.CompanyId,
                IsHomeCompany = false,
                JobCode = Catalog.Jobs[random.Next(Catalog.Jobs.Count)].JobCode,
                FullTimeOrPartTimeCode = "P",
                SalaryOrHourly = "H",
                DateTimeCreated = home.DateTimeCreated.AddDays(random.Next(1, 60)) < home.DateTimeChanged
                    ? home.DateTimeCreated.AddDays(1) : home.DateTimeCreated,
            });
        }
    }

    private static string CompanyFor(Random random, IReadOnlyList<Company> companies, int index)
    {
        var roll = index == 0 ? 0 : random.Next(10);
        return companies[roll < 7 ? 0 : roll < 9 ? 1 : 2].CompanyId;
    }

    private static string EmployeeType(Random random) => random.Next(100) switch
    {
        < 85 => "REG",
        < 90 => "TMP",
        < 94 => "CON",
        < 97 => "INT",
        < 98 => "SUM",
        < 99 => "STU",
        _ => "TES",
    };

    private static string Phone(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"{random.Next(201, 990)}-555-{random.Next(0, 10000):D4}");

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
