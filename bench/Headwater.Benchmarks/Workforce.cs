using System.Globalization;
using Headwater.Core.Mapping;
using Headwater.Core.Planning;
using Headwater.Core.Workers;
using Headwater.Simulator.Generation;

namespace Headwater.Benchmarks;

/// <summary>
/// Workers as the UKG connector gives them, built in memory: names from the simulator's pools (about one in five
/// international), unique work emails, three companies, the simulator's divisions, departments, cost centers, teams
/// and jobs, a reporting tree (up to eight reports each, about six levels deep), some 40 raw UKG values each, and a
/// few thousand workers terminated (3%), on leave (1.5%) or due to start (0.5%).
/// </summary>
internal static class Workforce
{
    public static readonly DateOnly Today = Fixture.AsOf;
    public static readonly DateTimeOffset Now = new(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    public const int ReportsPerManager = 8;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary><paramref name="count"/> workers; worker <c>i</c>'s manager is worker <c>(i - 1) / 8</c>, so the
    /// workers from <c>count / 8</c> on manage no one.</summary>
    public static List<Worker> Build(int count, int seed = Fixture.Seed, string idPrefix = "E")
    {
        var random = new Random(seed);
        var pools = NamePools.Create(seed);
        var companies = new[] { ("C1", "ACME", "Acme Holdings Inc."), ("C2", "ACMEW", "Acme West LLC"), ("C3", "ACMEC", "Acme Canada Ltd.") };
        var levels = Catalog.OrgLevels().Where(l => l.IsActive).ToList();
        var names = levels.ToDictionary(l => (l.Level, l.Code), l => l.Description);
        var teams = levels.Where(l => l.Level == 4).Select(l => l.Code).ToArray();
        var jobs = Catalog.Jobs.Where(j => j.IsActive && j.JobGroupCode != "EXEC").ToArray();
        var managerJobs = Catalog.Jobs.Where(j => j.JobGroupCode == "MGMT").ToArray();
        var ceo = Catalog.Jobs.First(j => j.JobCode == "CEO");
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var workers = new List<Worker>(count);
        for (var i = 0; i < count; i++)
        {
            var international = random.Next(5) == 0;
            var first = Pick(random, international ? pools.InternationalFirst : pools.First);
            var last = Pick(random, international ? pools.InternationalLast : pools.Last);
            var email = $"{NamePools.EmailPart(first)}.{NamePools.EmailPart(last)}";
            for (var n = 2; !emails.Add(email); n++)
            {
                email = $"{NamePools.EmailPart(first)}.{NamePools.EmailPart(last)}{n}";
            }
            var team = Pick(random, teams);
            var (division, department, costCenter) = Catalog.Lineage(team);
            var job = i == 0 ? ceo : i < count / ReportsPerManager ? Pick(random, managerJobs) : Pick(random, jobs);
            var company = companies[random.Next(10) switch { < 7 => 0, < 9 => 1, _ => 2 }];
            var hired = Today.AddDays(-random.Next(30, 9_000));
            var status = random.Next(200) switch
            {
                < 6 => Status.Terminated(Today.AddDays(-random.Next(1, 700))),
                < 9 => new Status(LifecycleState.OnLeave, "L", Today.AddDays(-random.Next(1, 90)), "On leave (Parental) since {0}.", LeaveReason: "PAR"),
                < 10 => new Status(LifecycleState.PendingStart, "A", Today.AddDays(random.Next(3, 60)), "Hired; starts on {0}."),
                _ => new Status(LifecycleState.Active, "A", hired, "Active since {0}."),
            };
            if (status.State == LifecycleState.PendingStart)
            {
                hired = status.Since;
            }
            var employment = new Employment
            {
                CompanyId = company.Item1,
                CompanyCode = company.Item2,
                CompanyName = company.Item3,
                StatusCode = status.Code,
                JobCode = job.JobCode,
                JobTitle = job.Title,
                EmployeeType = "REG",
                FullTimeOrPartTime = random.Next(10) == 0 ? "P" : "F",
                OrgUnits =
                [
                    new OrgUnit(1, division, names[(1, division)], "Division"),
                    new OrgUnit(2, department, names[(2, department)], "Department"),
                    new OrgUnit(3, costCenter, names[(3, costCenter)], "Cost Center"),
                    new OrgUnit(4, team, names[(4, team)], "Team"),
                ],
                LocationCode = $"L{random.Next(1, 25):D3}",
                LocationName = "Office",
                OriginalHireDate = hired,
                LastHireDate = hired,
                TerminationDate = status.TerminatedOn,
                StatusStartDate = status.Since,
                LeaveReason = status.LeaveReason,
                TerminationReason = status.TerminatedOn is null ? null : "VOL",
            };
            var id = $"{idPrefix}{i + 1:D7}";
            var managerIndex = i == 0 ? -1 : (i - 1) / ReportsPerManager;
            var phone = random.Next(10) < 7 ? $"+1 614 555 {random.Next(10_000):D4}" : null;
            var withEmail = random.Next(50) != 0;
            var worker = new Worker
            {
                Id = id,
                EmployeeNumber = (100_000 + i).ToString(Inv),
                PersonId = $"P{i + 1:D7}",
                FirstName = first,
                MiddleName = random.Next(3) == 0 ? Pick(random, pools.First) : null,
                LastName = last,
                PreferredName = random.Next(20) == 0 ? Pick(random, pools.First) : null,
                Email = withEmail ? $"{email}@{Catalog.EmailDomain}" : null,
                UserName = email,
                WorkPhone = phone,
                Primary = employment,
                Employments = [employment],
                ManagerId = managerIndex < 0 ? null : $"{idPrefix}{managerIndex + 1:D7}",
                ManagerEmail = managerIndex < 0 ? null : workers[managerIndex].Email,
                Roles = managerIndex < 0 || i < count / ReportsPerManager ? ["Employee", "Manager"] : ["Employee"],
                Lifecycle = new Lifecycle(status.State, status.Since, null, string.Format(Inv, status.Reason, status.Since.ToString("yyyy-MM-dd", Inv))),
            };
            workers.Add(worker with { Raw = Raw(worker, employment) });
        }
        return workers;
    }

    /// <summary>The account a previous sync left: the worker's mapped values as they are, created by Headwater, active
    /// unless terminated, linked to the worker's manager.</summary>
    public static KnownAccount AccountOf(Worker worker, Mapper mapper, string accountId)
    {
        var values = mapper.Map(worker).Values.ToDictionary(v => v.Target, v => v.Value, StringComparer.Ordinal);
        var terminated = worker.Lifecycle.State == LifecycleState.Terminated;
        return new KnownAccount(accountId, worker.Id, Ownership.Created, !terminated, values,
            values.GetValueOrDefault("externalId"), values.GetValueOrDefault("userName"), values.GetValueOrDefault("emails[type eq \"work\"].value"),
            terminated ? Now.AddDays(-1) : null, worker.ManagerId);
    }

    /// <summary>Whether the planner creates an account for the worker when none exists (the default policy).</summary>
    public static bool WantsAccount(Worker worker) => worker.Lifecycle.State is not (LifecycleState.Terminated or LifecycleState.PendingStart);

    public static Worker Terminate(Worker worker, DateOnly on) => worker with
    {
        Primary = worker.Primary with { StatusCode = "T", TerminationDate = on, StatusStartDate = on, TerminationReason = "VOL" },
        Employments = [worker.Primary with { StatusCode = "T", TerminationDate = on, StatusStartDate = on, TerminationReason = "VOL" }],
        Lifecycle = new Lifecycle(LifecycleState.Terminated, on, null, $"Terminated on {on.ToString("yyyy-MM-dd", Inv)}."),
    };

    public static Worker WithEmployment(Worker worker, Employment employment) => worker with { Primary = employment, Employments = [employment] };

    private static string? Timestamp(DateOnly? date) => date?.ToString("yyyy-MM-dd", Inv) + "T00:00:00";

    private static T Pick<T>(Random random, T[] from) => from[random.Next(from.Length)];

    /// <summary>A worker's status as generated; <see cref="Reason"/> has <c>{0}</c> for <see cref="Since"/>.</summary>
    private sealed record Status(LifecycleState State, string Code, DateOnly Since, string Reason, DateOnly? TerminatedOn = null, string? LeaveReason = null)
    {
        public static Status Terminated(DateOnly on) => new(LifecycleState.Terminated, "T", on, "Terminated on {0}.", on);
    }

    private static Dictionary<string, string?> Raw(Worker worker, Employment employment) => new(StringComparer.Ordinal)
    {
        ["employment.companyID"] = employment.CompanyId,
        ["employment.employeeID"] = worker.Id,
        ["employment.employeeNumber"] = worker.EmployeeNumber,
        ["employment.employeeStatusCode"] = employment.StatusCode,
        ["employment.employeeTypeCode"] = employment.EmployeeType,
        ["employment.fullTimeOrPartTimeCode"] = employment.FullTimeOrPartTime,
        ["employment.statusStartDate"] = Timestamp(employment.StatusStartDate),
        ["employment.leaveReasonCode"] = employment.LeaveReason,
        ["employment.originalHireDate"] = Timestamp(employment.OriginalHireDate),
        ["employment.lastHireDate"] = Timestamp(employment.LastHireDate),
        ["employment.dateOfTermination"] = Timestamp(employment.TerminationDate),
        ["employment.termReason"] = employment.TerminationReason,
        ["employment.primaryJobCode"] = employment.JobCode,
        ["employment.jobTitle"] = employment.JobTitle,
        ["employment.orgLevel1Code"] = employment.OrgUnits[0].Code,
        ["employment.orgLevel2Code"] = employment.OrgUnits[1].Code,
        ["employment.orgLevel3Code"] = employment.OrgUnits[2].Code,
        ["employment.orgLevel4Code"] = employment.OrgUnits[3].Code,
        ["employment.primaryWorkLocationCode"] = employment.LocationCode,
        ["employment.supervisorID"] = worker.ManagerId,
        ["employment.supervisorCOID"] = worker.ManagerId is null ? null : employment.CompanyId,
        ["employment.workPhoneNumber"] = worker.WorkPhone,
        ["person.personId"] = worker.PersonId,
        ["person.userName"] = worker.UserName,
        ["person.firstName"] = worker.FirstName,
        ["person.middleName"] = worker.MiddleName,
        ["person.lastName"] = worker.LastName,
        ["person.preferredName"] = worker.PreferredName,
        ["person.emailAddress"] = worker.Email,
        ["person.addressCity"] = "Columbus",
        ["person.addressState"] = "OH",
        ["person.addressCountry"] = "USA",
        ["supervisor.supervisorStatusCode"] = worker.ManagerId is null ? null : "A",
    };
}
