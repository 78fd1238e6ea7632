using Headwater.Connectors.Tests.Support;
using Headwater.Connectors.Ukg;
using Headwater.Core.Workers;

namespace Headwater.Connectors.Tests.Ukg;

/// <summary>
/// The join from records as a tenant might send them but the simulator never does: duplicate rows, dates that are
/// not dates, dates with Z on either side of the tenant's midnight, rows with parts missing.
/// </summary>
public sealed class WorkerJoinRecordTests
{
    private static readonly UkgReferenceData Reference = new(
        [new CompanyRecord { CompanyId = "C0001", CompanyCode = "HWMST", CompanyName = "Headwater Holdings", IsMasterCompany = "true" }],
        [new OrgLevelRecord { Level = "1", Code = "OPS", Description = "Operations", LevelDescription = "Division" }],
        [new LocationRecord { LocationCode = "BOS", Description = "Boston HQ" }],
        [new JobRecord { JobCode = "ACCT", Title = "Accountant" }, new JobRecord { Code = "MGR", Title = "Manager" }]);

    private static EmploymentRecord Employment(string id = "E00000000001", string company = "C0001") => new()
    {
        EmployeeId = id,
        CompanyId = company,
        EmployeeNumber = "000101",
        EmployeeStatusCode = "A",
        PrimaryJobCode = "ACCT",
        OrgLevel1Code = "OPS",
        PrimaryWorkLocationCode = "BOS",
        OriginalHireDate = "2020-02-03T00:00:00",
        LastHireDate = "2020-02-03T00:00:00",
        StatusStartDate = "2020-02-03T00:00:00",
        DateTimeChanged = "2026-01-05T09:30:00",
    };

    private static PersonRecord Person(string id = "E00000000001", string company = "C0001") => new()
    {
        EmployeeId = id, CompanyId = company, FirstName = "Ada", LastName = "Byron", EmailAddress = "ada@example.com",
    };

    private static Worker Join(EmploymentRecord[] employments, PersonRecord[]? people = null, string[]? nonHome = null, DateOnly? today = null) =>
        new WorkerJoin(Reference, Sim.NewYork, today ?? Sim.AsOf).Join(
            new WorkerSource(employments[0].EmployeeId!, employments, people ?? [Person()], nonHome ?? []));

    [Fact]
    public void A_clean_record_joins_without_issues()
    {
        var worker = Join([Employment()]);

        Assert.Empty(worker.Issues);
        Assert.Equal(LifecycleState.Active, worker.Lifecycle.State);
        Assert.Equal(("Ada", "Byron", "ada@example.com"), (worker.FirstName, worker.LastName, worker.Email));
        Assert.Equal("Accountant", worker.Primary.JobTitle);
    }

    [Fact]
    public void A_job_keyed_by_code_as_the_spec_has_it_is_found_as_well_as_one_keyed_by_jobCode_as_tenants_send()
    {
        var worker = Join([Employment() with { PrimaryJobCode = "MGR" }]);

        Assert.Equal("Manager", worker.Primary.JobTitle);
        Assert.Empty(worker.Issues);
    }

    [Fact]
    public void Duplicate_rows_for_one_company_become_one_employment_from_the_latest_row_and_an_issue()
    {
        var older = Employment() with { DateTimeChanged = "2025-06-01T08:00:00", PrimaryJobCode = "MGR" };
        var newer = Employment() with { DateTimeChanged = "2026-02-01T08:00:00", PrimaryJobCode = "ACCT" };

        var worker = Join([older, newer, older]);

        var employment = Assert.Single(worker.Employments);
        Assert.Equal("ACCT", employment.JobCode);
        var issue = Assert.Single(worker.Issues);
        Assert.Equal("duplicate-rows", issue.Code);
        Assert.Contains("2 duplicate employment row(s)", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lastHireDate")]
    [InlineData("dateOfTermination")]
    [InlineData("statusStartDate")]
    [InlineData("originalHireDate")]
    [InlineData("dateTimeChanged")]
    public void A_date_that_is_not_a_date_is_an_issue_naming_the_field_and_the_rest_is_read(string field)
    {
        var row = field switch
        {
            "lastHireDate" => Employment() with { LastHireDate = "31/31/2026" },
            "dateOfTermination" => Employment() with { DateOfTermination = "31/31/2026" },
            "statusStartDate" => Employment() with { StatusStartDate = "31/31/2026" },
            "originalHireDate" => Employment() with { OriginalHireDate = "31/31/2026" },
            _ => Employment() with { DateTimeChanged = "31/31/2026" },
        };

        var worker = Join([row]);

        var issue = Assert.Single(worker.Issues);
        Assert.Equal("unreadable-date", issue.Code);
        Assert.Equal($"{field} '31/31/2026' is not a date; it is ignored.", issue.Message);
        Assert.Equal(LifecycleState.Active, worker.Lifecycle.State);
        Assert.Equal("ada@example.com", worker.Email);
    }

    [Theory]
    // 03:30Z on the 23rd is 22:30 on the 22nd in New York: the termination was yesterday.
    [InlineData("2026-11-23T03:30:00Z", LifecycleState.Terminated, "2026-11-22")]
    [InlineData("2026-11-23T04:59:59Z", LifecycleState.Terminated, "2026-11-22")]
    // 05:00Z on the 23rd is midnight in New York (EST): the termination is today.
    [InlineData("2026-11-23T05:00:00Z", LifecycleState.TerminationScheduled, "2026-11-23")]
    [InlineData("2026-11-24T03:30:00Z", LifecycleState.TerminationScheduled, "2026-11-23")]
    [InlineData("2026-11-24T05:00:00Z", LifecycleState.TerminationScheduled, "2026-11-24")]
    [InlineData("2026-11-22T23:00:00-05:00", LifecycleState.Terminated, "2026-11-22")]
    [InlineData("2026-11-23T00:00:00", LifecycleState.TerminationScheduled, "2026-11-23")]
    [InlineData("2026-11-22T00:00:00", LifecycleState.Terminated, "2026-11-22")]
    [InlineData("", LifecycleState.Active, null)]
    public void A_termination_date_time_is_placed_in_the_tenants_day_before_comparing_with_today(string termination, LifecycleState state, string? day)
    {
        var worker = Join([Employment() with { DateOfTermination = termination }]);

        Assert.Equal(state, worker.Lifecycle.State);
        Assert.Equal(day is null ? null : DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), worker.Primary.TerminationDate);
        Assert.Empty(worker.Issues);
    }

    [Fact]
    public void A_rehire_s_old_termination_date_is_not_the_employment_s_end_but_stays_in_the_raw_values()
    {
        var worker = Join([Employment() with { LastHireDate = "2026-03-02T00:00:00", DateOfTermination = "2025-06-30T00:00:00" }]);

        Assert.Equal(LifecycleState.Rehired, worker.Lifecycle.State);
        Assert.Null(worker.Primary.TerminationDate);
        Assert.Null(WorkerAttributes.Of(worker).GetValueOrDefault("primary.terminationDate"));
        Assert.Equal("2025-06-30T00:00:00", worker.Raw["employment.dateOfTermination"]);
    }

    [Theory]
    // Spring forward on 8 March 2026: a hire written as midnight UTC-4 in summer time is the same tenant day.
    [InlineData("2026-03-08T05:00:00Z", "2026-03-08", "2026-03-08", LifecycleState.Active)]
    [InlineData("2026-03-09T04:00:00Z", "2026-03-08", "2026-03-09", LifecycleState.PendingStart)]
    [InlineData("2026-03-09T03:59:00Z", "2026-03-08", "2026-03-08", LifecycleState.Active)]
    // Fall back on 1 November 2026: midnight on the 2nd is 05:00Z.
    [InlineData("2026-11-02T04:30:00Z", "2026-11-01", "2026-11-01", LifecycleState.Active)]
    [InlineData("2026-11-02T05:00:00Z", "2026-11-01", "2026-11-02", LifecycleState.PendingStart)]
    public void A_hire_written_in_UTC_around_a_DST_change_starts_on_the_tenants_day(string hire, string today, string start, LifecycleState state)
    {
        var worker = Join([Employment() with { OriginalHireDate = hire, LastHireDate = hire, StatusStartDate = hire }],
            today: DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), worker.Primary.LastHireDate);
        Assert.Equal(state, worker.Lifecycle.State);
    }

    [Theory]
    [InlineData("companyID")]
    [InlineData("employeeNumber")]
    public void A_row_missing_a_required_field_is_joined_with_an_issue_naming_the_field(string field)
    {
        var row = field == "companyID" ? Employment() with { CompanyId = null } : Employment() with { EmployeeNumber = "" };

        var worker = Join([row]);

        var issue = Assert.Single(worker.Issues);
        Assert.Equal("missing-field", issue.Code);
        Assert.Contains(field, issue.Message, StringComparison.Ordinal);
        Assert.Equal(LifecycleState.Active, worker.Lifecycle.State);
    }

    [Fact]
    public void Employment_without_person_details_is_joined_with_an_issue_rather_than_dropped()
    {
        var worker = Join([Employment()], people: []);

        Assert.Equal("E00000000001", worker.Id);
        Assert.Equal("000101", worker.EmployeeNumber);
        Assert.Equal("no-person-details", Assert.Single(worker.Issues).Code);
    }

    [Theory]
    [InlineData(null, "Byron", "first")]
    [InlineData("Ada", "", "last")]
    public void A_missing_name_is_an_issue(string? first, string? last, string which)
    {
        var worker = Join([Employment()], [Person() with { FirstName = first, LastName = last }]);

        var issue = Assert.Single(worker.Issues);
        Assert.Equal("missing-name", issue.Code);
        Assert.Equal($"UKG has no {which} name for this person.", issue.Message);
    }

    [Theory]
    [InlineData("ada byron@example.com")]
    [InlineData("ada.example.com")]
    [InlineData("ada@@example.com")]
    public void An_email_that_is_not_an_address_is_an_issue_and_kept_for_a_person_to_see(string email)
    {
        var worker = Join([Employment()], [Person() with { EmailAddress = email }]);

        Assert.Equal(email, worker.Email);
        Assert.Equal("invalid-email", Assert.Single(worker.Issues).Code);
    }

    [Fact]
    public void Codes_missing_from_the_reference_data_are_each_an_issue()
    {
        var worker = Join([Employment() with { PrimaryJobCode = "NOPE", PrimaryWorkLocationCode = "XYZ", OrgLevel1Code = "ops" }]);

        Assert.Equal(["unknown-job", "unknown-location"], worker.Issues.Select(i => i.Code).Order());
        Assert.Equal("Operations", worker.Primary.OrgUnits.Single().Name); // org codes match regardless of case
        Assert.Null(worker.Primary.LocationName);
    }

    [Fact]
    public void A_person_whose_rows_are_all_marked_non_home_still_gets_a_primary_and_an_issue()
    {
        var worker = Join([Employment(), Employment(company: "C0002")], nonHome: ["C0001", "C0002"]);

        Assert.Equal("C0001", worker.Primary.CompanyId);
        Assert.Equal(2, worker.Employments.Count);
        Assert.Equal("home-company", Assert.Single(worker.Issues).Code);
    }

    [Fact]
    public void The_primary_employment_is_the_home_company_even_when_it_comes_second()
    {
        var worker = Join([Employment(company: "C0002") with { PrimaryJobCode = "MGR" }, Employment()], [Person(company: "C0002") with { FirstName = "Adeline" }, Person()],
            nonHome: ["C0002"]);

        Assert.Equal("C0001", worker.Primary.CompanyId);
        Assert.Equal("Ada", worker.FirstName);
        Assert.Equal([true, false], worker.Employments.OrderBy(e => e.CompanyId, StringComparer.Ordinal).Select(e => e.IsHome));
    }

    [Fact]
    public void Someone_who_left_the_home_company_but_still_works_in_another_stays_employed_and_says_where()
    {
        var home = Employment() with { EmployeeStatusCode = "T", DateOfTermination = "2026-06-30T00:00:00" };
        var second = Employment(company: "C0002");

        var worker = Join([home, second], nonHome: ["C0002"]);

        Assert.Equal("C0001", worker.Primary.CompanyId);
        Assert.Equal(LifecycleState.Active, worker.Lifecycle.State);
        Assert.Contains("in company C0002", worker.Lifecycle.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_without_an_employee_ID_are_counted_for_the_report_not_silently_dropped()
    {
        var snapshot = new UkgSnapshot(
            [Employment(), Employment() with { EmployeeId = " " }, Employment() with { EmployeeId = null }, Employment("E00000000002")],
            new HashSet<(string, string)>(), [Person(), Person("E00000000002")], [], [], Reference);

        var (sources, unkeyed) = WorkerSource.FromSnapshot(snapshot);

        Assert.Equal(2, unkeyed);
        Assert.Equal(["E00000000001", "E00000000002"], sources.Select(s => s.EmployeeId));
    }

    [Fact]
    public void Rows_are_grouped_by_employee_ID_whatever_its_case_or_padding()
    {
        var snapshot = new UkgSnapshot(
            [Employment("E00000000001"), Employment(" e00000000001 ", "C0002")],
            new HashSet<(string, string)> { (" e00000000001 ", "C0002") },
            [Person()], [new SupervisorRecord { EmployeeId = "e00000000001", SupervisorEmail = "boss@example.com" }],
            [new UserProfileRecord { EmployeeId = "E00000000001", RoleName = "Employee" }, new UserProfileRecord { EmployeeId = "E00000000001", RoleName = "Employee" }],
            Reference);

        var source = Assert.Single(WorkerSource.FromSnapshot(snapshot).Sources);

        Assert.Equal(2, source.Employments.Count);
        Assert.Equal(["C0002"], source.NonHomeCompanies);
        Assert.Equal("boss@example.com", source.Supervisor?.SupervisorEmail);
        Assert.Equal(["Employee"], source.Roles);
    }

    [Fact]
    public void Each_persons_details_follow_their_employment_rows_and_details_of_someone_with_no_employment_are_left_out()
    {
        var snapshot = new UkgSnapshot(
            [Employment("E00000000001"), Employment("E00000000002"), Employment("e00000000001", "C0002")], new HashSet<(string, string)>(),
            [Person("E00000000002"), Person(" E00000000001", "C0002"), Person("E00000000001"), Person("E00000000003")], [], [], Reference);

        var sources = WorkerSource.FromSnapshot(snapshot).Sources;

        Assert.Equal(["E00000000001", "E00000000002"], sources.Select(s => s.EmployeeId));
        Assert.Equal(["C0001", "C0002"], sources[0].Employments.Select(e => e.CompanyId!));
        Assert.Equal(["C0002", "C0001"], sources[0].People.Select(p => p.CompanyId!));
        Assert.Equal(["E00000000002"], sources[1].People.Select(p => p.EmployeeId!));
    }

    [Fact]
    public void Workers_with_the_same_org_codes_share_their_units_and_each_is_still_told_of_an_unknown_code()
    {
        var join = new WorkerJoin(Reference, Sim.NewYork, Sim.AsOf);
        WorkerSource Source(string id, string company) =>
            new(id, [Employment(id, company) with { OrgLevel2Code = "NOPE" }], [Person(id, company) with { EmailAddress = id + "@example.com" }], []);

        var workers = join.JoinAll([Source("A", "C0001"), Source("B", "C0002")]);

        Assert.Same(workers[0].Primary.OrgUnits, workers[1].Primary.OrgUnits);
        Assert.Equal([(1, "OPS", "Operations"), (2, "NOPE", null)], workers[0].Primary.OrgUnits.Select(u => (u.Level, u.Code, u.Name)));
        Assert.Equal(
            ["Org level 2 code 'NOPE' (company C0001) is not in UKG's org levels.", "Org level 2 code 'NOPE' (company C0002) is not in UKG's org levels."],
            workers.Select(w => Assert.Single(w.Issues, i => i.Code == "unknown-org-level").Message));
        Assert.Same(workers[0].Lifecycle, workers[1].Lifecycle);
    }

    [Fact]
    public void Raw_values_read_through_to_the_primary_rows()
    {
        var worker = Join([Employment(company: "C0002") with { JobTitle = "Elsewhere" }, Employment() with { WorkPhoneNumber = "617-555-0100" }],
            [Person(company: "C0002") with { FirstName = "Other" }, Person()], nonHome: ["C0002"]);

        Assert.Equal("C0001", worker.Raw["employment.companyID"]);
        Assert.Equal("617-555-0100", worker.Raw["employment.workPhoneNumber"]);
        Assert.Equal("Ada", worker.Raw["PERSON.firstName"]);
        Assert.Null(worker.Raw["supervisor.supervisorEmail"]);
        Assert.Equal(worker.Raw.Count, worker.Raw.Count(pair => worker.Raw.TryGetValue(pair.Key, out var value) && value == pair.Value));
    }

    [Fact]
    public void An_incremental_merge_replaces_the_changed_companys_rows_and_keeps_the_others()
    {
        var stored = new WorkerSource("E00000000001", [Employment(), Employment(company: "C0002")], [Person(), Person(company: "C0002")], ["C0002"],
            new SupervisorRecord { EmployeeId = "E00000000001", SupervisorEmail = "boss@example.com" }, ["Employee"]);
        var changed = new WorkerSource("E00000000001", [Employment() with { PrimaryJobCode = "MGR" }], [Person() with { LastName = "Lovelace" }], []);

        var merged = stored.Merge(changed);

        Assert.Equal(["C0001", "C0002"], merged.Employments.Select(e => e.CompanyId!).Order());
        Assert.Equal("MGR", merged.Employments.Single(e => e.CompanyId == "C0001").PrimaryJobCode);
        Assert.Equal("ACCT", merged.Employments.Single(e => e.CompanyId == "C0002").PrimaryJobCode);
        Assert.Equal("Lovelace", merged.People.Single(p => p.CompanyId == "C0001").LastName);
        Assert.Equal(["C0002"], merged.NonHomeCompanies);
        Assert.Equal("boss@example.com", merged.Supervisor?.SupervisorEmail);
        Assert.Equal(["Employee"], merged.Roles);
    }

    [Fact]
    public void A_worker_managing_themself_is_a_manager_cycle()
    {
        var join = new WorkerJoin(Reference, Sim.NewYork, Sim.AsOf);

        var workers = join.JoinAll([new WorkerSource("E00000000001", [Employment() with { SupervisorId = "E00000000001" }], [Person()], [])]);

        var issue = Assert.Single(Assert.Single(workers).Issues);
        Assert.Equal("manager-cycle", issue.Code);
        Assert.Contains("E00000000001 → E00000000001", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_longer_loop_marks_everyone_on_it_and_not_those_who_merely_report_into_it()
    {
        var join = new WorkerJoin(Reference, Sim.NewYork, Sim.AsOf);
        WorkerSource Source(string id, string manager) =>
            new(id, [Employment(id) with { SupervisorId = manager }], [Person(id) with { EmailAddress = id + "@example.com" }], []);

        var workers = join.JoinAll([Source("A", "B"), Source("B", "C"), Source("C", "A"), Source("D", "A")]).ToDictionary(w => w.Id);

        Assert.All(["A", "B", "C"], id => Assert.Equal("manager-cycle", Assert.Single(workers[id].Issues).Code));
        Assert.Empty(workers["D"].Issues);
    }

    [Fact]
    public void Checking_a_few_re_read_workers_against_the_whole_directory_finds_their_manager_and_email_sharers()
    {
        var join = new WorkerJoin(Reference, Sim.NewYork, Sim.AsOf);
        var reread = new WorkerSource("E00000000002", [Employment("E00000000002") with { SupervisorId = "E00000000001" }],
            [Person("E00000000002") with { EmailAddress = "ADA@example.com" }], []);
        var directory = new Dictionary<string, DirectoryEntry>(StringComparer.OrdinalIgnoreCase)
        {
            ["E00000000001"] = new(null, "ada@example.com"),
            ["E00000000002"] = new(null, "old@example.com"),
        };

        var checkedWorker = Assert.Single(join.JoinAll([reread], directory));

        var issue = Assert.Single(checkedWorker.Issues);
        Assert.Equal("shared-email", issue.Code);
        Assert.Equal("The email address ADA@example.com is shared with E00000000001.", issue.Message);
        Assert.Equal("ada@example.com", checkedWorker.ManagerEmail);
    }
}
