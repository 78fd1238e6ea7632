using Headwater.Connectors.Tests.Support;
using Headwater.Connectors.Ukg;
using Headwater.Core.Workers;
using Headwater.Simulator.Tenants;
using Headwater.Simulator.Ukg;

namespace Headwater.Connectors.Tests.Ukg;

/// <summary>
/// The join from a full read of a hand-made tenant, served by the simulator: each awkward case the reference and
/// the issue list ends as one worker, with its problems recorded in plain language and nothing dropped.
/// </summary>
public sealed class WorkerJoinTenantTests
{
    private static readonly EmployeeRow Boss = TenantFiles.Row("BOSS00000001", "000001", "Zoë", "Ångström-Øre", "boss@example.com") with
    {
        JobCode = "MGR", OrgLevel3Code = "CC100", OrgLevel4Code = "TEAMA", WorkPhone = "617-555-0100",
    };

    private static readonly EmployeeRow[] Employees =
    [
        Boss,
        TenantFiles.Row("TWOC00000002", "000002", "Ana", "Două", "ana@example.com") with { SupervisorId = Boss.EmployeeId },
        TenantFiles.Row("TWOC00000002", "000002", "Ana", "Două", "ana@example.com") with
        {
            CompanyId = "C0002", IsHomeCompany = false, OrgLevel2Code = "ENG", JobCode = "MGR", SupervisorId = Boss.EmployeeId,
        },
        TenantFiles.Row("SHRA00000003", "000003", "Sam", "Archer", "Shared@Example.com") with { SupervisorId = Boss.EmployeeId },
        TenantFiles.Row("SHRB00000004", "000004", "Sky", "Archer", "shared@example.com ") with { SupervisorId = Boss.EmployeeId },
        TenantFiles.Row("NOEM00000005", "000005", "Nora", "Blank", null),
        TenantFiles.Row("NOEM00000006", "000006", "Noel", "Blank", "   "),
        TenantFiles.Row("ODDC00000007", "000007", "Olga", "Case", "  Olga.Case@EXAMPLE.com  "),
        TenantFiles.Row("DANG00000008", "000008", "Dan", "Gling", "dan@example.com") with { SupervisorId = "GONE99999999" },
        TenantFiles.Row("CYCA00000009", "000009", "Cy", "Able", "cy@example.com") with { SupervisorId = "CYCB00000010" },
        TenantFiles.Row("CYCB00000010", "000010", "Cy", "Baker", "cyb@example.com") with { SupervisorId = "CYCA00000009" },
        TenantFiles.Row("ORGX00000011", "000011", "Orla", "Xavier", "orla@example.com") with { OrgLevel2Code = "NOPE" },
        TenantFiles.Row("STAT00000012", "000012", "Stan", "Query", "stan@example.com") with { StatusCode = "Q" },
        TenantFiles.Row("NAME00000013", "0000042", "Łukasz", "Nguyễn", "lukasz@example.com") with { PreferredName = "Đức", MiddleName = "Søren" },
        TenantFiles.Row("NAME00000014", "000014", "美咲", "山田", "misaki@example.com"),
    ];

    private static async Task<Dictionary<string, Worker>> ReadAndJoin(EmployeeRow[] employees, UkgApiSettings? api = null)
    {
        using var file = new TenantFiles(TenantFiles.Tenant(employees));
        await using var sim = await Sim.StartAsync(new Simulator.SimulatorOptions { TenantFile = file.Path, Api = api ?? new UkgApiSettings() });
        using var connector = ConnectorUnderTest.For(sim);
        var snapshot = await connector.Reader.ReadAll(new ReadOptions());
        var (sources, unkeyed) = WorkerSource.FromSnapshot(snapshot);
        Assert.Equal(0, unkeyed);
        var workers = new WorkerJoin(snapshot.Reference, Sim.NewYork, Sim.AsOf).JoinAll(sources);
        return workers.ToDictionary(w => w.Id);
    }

    private static IEnumerable<string> Codes(Worker worker) => worker.Issues.Select(i => i.Code);

    [Fact]
    public async Task Every_person_becomes_exactly_one_worker()
    {
        var workers = await ReadAndJoin(Employees);

        Assert.Equal(Employees.Select(e => e.EmployeeId).Distinct().Order(), workers.Keys.Order());
    }

    [Fact]
    public async Task A_person_in_two_companies_is_one_worker_with_the_home_company_primary_and_both_employments()
    {
        var workers = await ReadAndJoin(Employees);

        var ana = workers["TWOC00000002"];
        Assert.Equal("C0001", ana.Primary.CompanyId);
        Assert.True(ana.Primary.IsHome);
        Assert.Equal(["C0001", "C0002"], ana.Employments.Select(e => e.CompanyId).Order());
        var second = ana.Employments.Single(e => e.CompanyId == "C0002");
        Assert.False(second.IsHome);
        Assert.Equal("Headwater Services", second.CompanyName);
        Assert.Equal("Ingénierie", second.OrgUnits.Single(u => u.Level == 2).Name);
        Assert.Equal("Manager", second.JobTitle);
        Assert.DoesNotContain("home-company", Codes(ana));
        Assert.Empty(ana.Issues);
    }

    [Fact]
    public async Task Two_people_sharing_an_email_in_any_case_each_get_a_shared_email_issue_naming_the_other()
    {
        var workers = await ReadAndJoin(Employees);

        var sam = workers["SHRA00000003"];
        var sky = workers["SHRB00000004"];
        Assert.Equal("Shared@Example.com", sam.Email);
        Assert.Equal("shared@example.com", sky.Email);
        Assert.Contains(sam.Issues, i => i.Code == "shared-email" && i.Message.Contains("SHRB00000004", StringComparison.Ordinal));
        Assert.Contains(sky.Issues, i => i.Code == "shared-email" && i.Message.Contains("SHRA00000003", StringComparison.Ordinal));
        Assert.True(sam.Lifecycle.IsEmployed && sky.Lifecycle.IsEmployed, "a shared email does not stop anyone being read");
    }

    [Theory]
    [InlineData("NOEM00000005")]
    [InlineData("NOEM00000006")]
    public async Task A_missing_or_blank_email_is_a_no_email_issue_and_the_worker_is_kept(string id)
    {
        var workers = await ReadAndJoin(Employees);

        var worker = workers[id];
        Assert.Null(worker.Email);
        var issue = Assert.Single(worker.Issues);
        Assert.Equal("no-email", issue.Code);
        Assert.Equal("UKG has no email address for this person.", issue.Message);
        Assert.Equal(LifecycleState.Active, worker.Lifecycle.State);
    }

    [Fact]
    public async Task An_email_with_stray_spaces_and_odd_case_is_trimmed_and_kept_as_entered()
    {
        var workers = await ReadAndJoin(Employees);

        var olga = workers["ODDC00000007"];
        Assert.Equal("Olga.Case@EXAMPLE.com", olga.Email);
        Assert.Empty(olga.Issues);
    }

    [Fact]
    public async Task A_supervisor_ID_that_matches_nobody_is_an_unknown_manager_issue()
    {
        var workers = await ReadAndJoin(Employees);

        var dan = workers["DANG00000008"];
        Assert.Equal("GONE99999999", dan.ManagerId);
        var issue = Assert.Single(dan.Issues);
        Assert.Equal("unknown-manager", issue.Code);
        Assert.Contains("'GONE99999999'", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_people_managing_each_other_both_get_a_manager_cycle_issue_describing_the_loop()
    {
        var workers = await ReadAndJoin(Employees);

        var a = Assert.Single(workers["CYCA00000009"].Issues);
        var b = Assert.Single(workers["CYCB00000010"].Issues);
        Assert.Equal("manager-cycle", a.Code);
        Assert.Equal("manager-cycle", b.Code);
        Assert.Contains("CYCA00000009 → CYCB00000010 → CYCA00000009", a.Message, StringComparison.Ordinal);
        Assert.Contains("CYCB00000010 → CYCA00000009 → CYCB00000010", b.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_org_code_missing_from_the_org_levels_is_an_issue_and_the_code_is_kept()
    {
        var workers = await ReadAndJoin(Employees);

        var orla = workers["ORGX00000011"];
        var issue = Assert.Single(orla.Issues);
        Assert.Equal("unknown-org-level", issue.Code);
        Assert.Contains("Org level 2 code 'NOPE'", issue.Message, StringComparison.Ordinal);
        Assert.Equal(new OrgUnit(2, "NOPE", null, null), orla.Primary.OrgUnits.Single(u => u.Level == 2));
        Assert.Equal(new OrgUnit(1, "OPS", "Operations", "Division"), orla.Primary.OrgUnits.Single(u => u.Level == 1));
    }

    [Fact]
    public async Task Org_levels_location_job_and_company_are_joined_with_their_names()
    {
        var workers = await ReadAndJoin(Employees);

        var boss = workers[Boss.EmployeeId];
        Assert.Equal(
            [new OrgUnit(1, "OPS", "Operations", "Division"), new OrgUnit(2, "FIN", "Finance", "Department"),
             new OrgUnit(3, "CC100", "Cost centre 100", "Cost Center"), new OrgUnit(4, "TEAMA", "Team A", "Team")],
            boss.Primary.OrgUnits);
        Assert.Equal("Boston HQ", boss.Primary.LocationName);
        Assert.Equal("MGR", boss.Primary.JobCode);
        Assert.Equal("Manager", boss.Primary.JobTitle);
        Assert.Equal("HWMST", boss.Primary.CompanyCode);
        Assert.Equal("Headwater Holdings", boss.Primary.CompanyName);
        Assert.Equal("617-555-0100", boss.WorkPhone);
        Assert.Null(boss.ManagerId);
        Assert.Empty(boss.Issues);
        Assert.Equal(Boss.EmployeeId, workers["SHRA00000003"].ManagerId);
        Assert.Equal("boss@example.com", workers["SHRA00000003"].ManagerEmail);
    }

    [Fact]
    public async Task An_unknown_status_code_gives_an_unknown_state_and_an_issue()
    {
        var workers = await ReadAndJoin(Employees);

        var stan = workers["STAT00000012"];
        Assert.Equal(LifecycleState.Unknown, stan.Lifecycle.State);
        Assert.False(stan.Lifecycle.IsEmployed);
        Assert.Equal("Q", stan.Primary.StatusCode);
        var issue = Assert.Single(stan.Issues);
        Assert.Equal("unknown-status", issue.Code);
        Assert.Equal("Unknown status code 'Q'.", issue.Message);
    }

    [Fact]
    public async Task Names_in_any_script_and_employee_numbers_with_leading_zeros_come_through_intact()
    {
        var workers = await ReadAndJoin(Employees);

        var lukasz = workers["NAME00000013"];
        Assert.Equal(("Łukasz", "Søren", "Nguyễn", "Đức"), (lukasz.FirstName, lukasz.MiddleName, lukasz.LastName, lukasz.PreferredName));
        Assert.Equal("Đức Nguyễn", lukasz.DisplayName);
        Assert.Equal("0000042", lukasz.EmployeeNumber);
        var misaki = workers["NAME00000014"];
        Assert.Equal(("美咲", "山田"), (misaki.FirstName, misaki.LastName));
        Assert.Equal("000014", misaki.EmployeeNumber);
        Assert.Equal(("Zoë", "Ångström-Øre"), (workers[Boss.EmployeeId].FirstName, workers[Boss.EmployeeId].LastName));
    }

    [Fact]
    public async Task The_worker_keeps_the_raw_UKG_values_behind_its_fields()
    {
        var workers = await ReadAndJoin(Employees);

        var lukasz = workers["NAME00000013"];
        Assert.Equal("0000042", lukasz.Raw["employment.employeeNumber"]);
        Assert.Equal("A", lukasz.Raw["employment.employeeStatusCode"]);
        Assert.Equal("Łukasz", lukasz.Raw["person.firstName"]);
        Assert.Equal("2020-02-03T00:00:00", lukasz.Raw["employment.lastHireDate"]);
        Assert.Null(lukasz.Raw["employment.dateOfTermination"]);
        Assert.Equal(lukasz.Raw.Count, lukasz.Raw.Keys.Count());
    }

    [Fact]
    public async Task A_generated_tenant_joins_every_person_into_the_state_its_status_and_dates_call_for()
    {
        await using var sim = await Sim.StartAsync(Sim.Small(3000));
        using var connector = ConnectorUnderTest.For(sim);
        var snapshot = await connector.Reader.ReadAll(new ReadOptions());
        var (sources, _) = WorkerSource.FromSnapshot(snapshot);

        var workers = new WorkerJoin(snapshot.Reference, Sim.NewYork, Sim.AsOf).JoinAll(sources).ToDictionary(w => w.Id);

        var rows = sim.Rows();
        Assert.Equal(rows.Select(r => r.EmployeeId).Distinct().Order(), workers.Keys.Order());
        static LifecycleState Expected(EmployeeRow r) => r switch
        {
            { StatusCode: "T" or "R" } => LifecycleState.Terminated,
            { DateOfTermination: { } t } when t >= r.LastHireDate && t < Sim.AsOf => LifecycleState.Terminated,
            { LastHireDate: var h } when h > Sim.AsOf => LifecycleState.PendingStart,
            { StatusCode: "L" or "O" } => LifecycleState.OnLeave,
            { StatusCode: "S" } => LifecycleState.Suspended,
            { DateOfTermination: { } t } when t >= r.LastHireDate => LifecycleState.TerminationScheduled,
            { DateOfTermination: not null } => LifecycleState.Rehired,
            _ => LifecycleState.Active,
        };
        var single = rows.GroupBy(r => r.EmployeeId).Where(g => g.Count() == 1).Select(g => g.Single()).ToList();
        Assert.All(single, r => Assert.Equal(Expected(r), workers[r.EmployeeId].Lifecycle.State));
        Assert.Equal(Enum.GetValues<LifecycleState>().Where(s => s != LifecycleState.Unknown).Order(),
            single.Select(r => workers[r.EmployeeId].Lifecycle.State).Distinct().Order());
        var codes = workers.Values.SelectMany(w => w.Issues).Select(i => i.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "no-email", "shared-email", "unknown-manager", "unknown-org-level" }, codes);
        Assert.All(workers.Values.SelectMany(w => w.Issues), i => Assert.False(string.IsNullOrWhiteSpace(i.Message)));
    }

    [Theory]
    [InlineData(DateStyle.Local, false)]
    [InlineData(DateStyle.Utc, false)]
    [InlineData(DateStyle.Offset, false)]
    [InlineData(DateStyle.Local, true)]
    [InlineData(DateStyle.Utc, true)]
    public async Task Dates_written_with_Z_or_an_offset_and_empty_values_written_as_empty_strings_join_the_same(DateStyle style, bool emptyStrings)
    {
        EmployeeRow[] employees =
        [
            .. Employees,
            TenantFiles.Row("TERM00000015", "000015", "Tess", "Ended", "tess@example.com") with
            {
                StatusCode = "T", DateOfTermination = new DateOnly(2026, 3, 8), StatusStartDate = new DateOnly(2026, 3, 8), TermReason = "RES",
            },
            TenantFiles.Row("SOON00000016", "000016", "Tom", "Tomorrow", "tom@example.com") with
            {
                OriginalHireDate = Sim.AsOf.AddDays(1),
            },
            TenantFiles.Row("LEAV00000017", "000017", "Lea", "Leaving", "lea@example.com") with
            {
                StatusCode = "L", LeaveReasonCode = "MED", StatusStartDate = new DateOnly(2026, 11, 1), DateOfTermination = Sim.AsOf,
            },
        ];

        var expected = await ReadAndJoin(employees);
        var workers = await ReadAndJoin(employees, new UkgApiSettings { DateStyle = style, EmptyAsEmptyString = emptyStrings });

        Assert.Equal(expected.Keys.Order(), workers.Keys.Order());
        foreach (var (id, worker) in workers)
        {
            Assert.Equal(expected[id].Lifecycle, worker.Lifecycle);
            Assert.Equal(expected[id].Primary with { OrgUnits = [] }, worker.Primary with { OrgUnits = [] });
            Assert.Equal(expected[id].Primary.OrgUnits, worker.Primary.OrgUnits);
            Assert.Equal(expected[id].Email, worker.Email);
            Assert.Equal(expected[id].Issues, worker.Issues);
        }
        Assert.Equal(LifecycleState.Terminated, workers["TERM00000015"].Lifecycle.State);
        Assert.Equal(new DateOnly(2026, 3, 8), workers["TERM00000015"].Primary.TerminationDate);
        Assert.Equal(LifecycleState.PendingStart, workers["SOON00000016"].Lifecycle.State);
        Assert.Equal(new Lifecycle(LifecycleState.OnLeave, new DateOnly(2026, 11, 1), Sim.AsOf, "On leave (status L). Leaves at the end of 2026-11-23."),
            workers["LEAV00000017"].Lifecycle);
        Assert.Equal("MED", workers["LEAV00000017"].Primary.LeaveReason);
        Assert.Null(workers[Boss.EmployeeId].Primary.TerminationDate);
        Assert.Null(workers[Boss.EmployeeId].MiddleName);
    }
}
