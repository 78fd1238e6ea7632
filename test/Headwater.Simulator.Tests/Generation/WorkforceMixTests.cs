using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Tests.Generation;

/// <summary>The generated workforce has the status mix of a real one and the awkward cases every sync meets.</summary>
public sealed class WorkforceMixTests(GeneratedTenant tenant) : IClassFixture<GeneratedTenant>
{
    private static readonly DateOnly AsOf = GeneratedTenant.AsOf;
    private readonly IReadOnlyList<EmployeeRow> _rows = tenant.Data.Rows;
    private readonly List<EmployeeRow> _home = [.. tenant.Data.Rows.Where(r => r.IsHomeCompany)];

    private double Share(Func<EmployeeRow, bool> predicate) => (double)_home.Count(predicate) / _home.Count;

    [Fact]
    public void The_status_mix_contains_every_ukg_status_in_plausible_proportions()
    {
        var statuses = _home.Select(r => r.StatusCode).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["A", "L", "S", "R", "O", "T"], StringComparer.Ordinal), statuses);
        Assert.Subset(new HashSet<string>(["A", "L", "S", "R", "O", "T"], StringComparer.Ordinal), statuses);
        Assert.InRange(Share(r => r.StatusCode == "A"), 0.75, 0.92);
        Assert.InRange(Share(r => r.StatusCode == "T"), 0.05, 0.14);
        Assert.InRange(Share(r => r.StatusCode == "L"), 0.01, 0.06);
        Assert.InRange(Share(r => r.StatusCode is "S" or "R" or "O"), 0.01, 0.05);
    }

    [Fact]
    public void Status_fields_agree_with_the_status()
    {
        Assert.All(_home.Where(r => r.StatusCode == "L"), r => Assert.NotNull(r.LeaveReasonCode));
        Assert.All(_home.Where(r => r.StatusCode != "L"), r => Assert.Null(r.LeaveReasonCode));
        Assert.All(_home.Where(r => r.IsTerminated), r =>
        {
            Assert.NotNull(r.DateOfTermination);
            Assert.True(r.DateOfTermination < AsOf, $"{r.EmployeeId} is T with a termination on {r.DateOfTermination}");
            Assert.True(r.DateOfTermination >= r.LastHireDate);
            Assert.NotNull(r.TermReason);
        });
        Assert.All(_rows, r => Assert.True(r.OriginalHireDate <= r.LastHireDate));
        Assert.All(_rows, r => Assert.True(r.DateTimeCreated <= r.DateTimeChanged));
        Assert.All(_rows, r => Assert.True(r.DateTimeChanged < AsOf.ToDateTime(TimeOnly.MinValue), $"{r.EmployeeId} changed {r.DateTimeChanged}"));
    }

    [Fact]
    public void Rehires_keep_their_old_termination_date_before_the_last_hire()
    {
        var rehires = _home.Where(r => r.OriginalHireDate < r.LastHireDate && r.DateOfTermination < r.LastHireDate).ToList();

        Assert.InRange((double)rehires.Count / _home.Count, 0.005, 0.04);
        Assert.All(rehires, r => Assert.NotEqual(EmployeeStatus.Terminated, r.StatusCode));
        Assert.All(rehires, r => Assert.True(r.DateOfTermination > r.OriginalHireDate));
    }

    [Fact]
    public void Some_people_are_hired_with_a_start_date_after_the_as_of_date()
    {
        var future = _home.Where(r => r.LastHireDate > AsOf).ToList();

        Assert.InRange((double)future.Count / _home.Count, 0.001, 0.02);
        Assert.All(future, r => Assert.Equal(EmployeeStatus.Active, r.StatusCode));
        Assert.All(future, r => Assert.Null(r.DateOfTermination));
    }

    [Fact]
    public void Some_active_people_have_a_termination_on_or_after_the_as_of_date()
    {
        var leaving = _home.Where(r => r.StatusCode == EmployeeStatus.Active && r.DateOfTermination >= AsOf).ToList();

        Assert.InRange((double)leaving.Count / _home.Count, 0.001, 0.02);
        Assert.All(leaving, r => Assert.True(r.DateOfTermination >= r.LastHireDate));
    }

    [Fact]
    public void Some_people_work_in_two_companies_under_one_employee_id_with_one_home_company()
    {
        var multi = _rows.GroupBy(r => r.EmployeeId, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();

        Assert.InRange((double)multi.Count / _home.Count, 0.003, 0.03);
        foreach (var person in multi)
        {
            Assert.Single(person, r => r.IsHomeCompany);
            Assert.Equal(person.Count(), person.Select(r => r.CompanyId).Distinct(StringComparer.Ordinal).Count());
            Assert.Single(person.Select(r => r.PersonId).Distinct());
            Assert.Single(person.Select(r => r.EmployeeNumber).Distinct(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Some_emails_are_shared_by_different_people()
    {
        var shared = _home.Where(r => r.EmailAddress is not null)
            .GroupBy(r => r.EmailAddress!.Trim(), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Select(r => r.EmployeeId).Distinct(StringComparer.Ordinal).Count() > 1)
            .ToList();

        Assert.InRange(shared.Count, 2, _home.Count / 50);
    }

    [Fact]
    public void Some_people_have_no_email()
    {
        Assert.InRange(Share(r => r.EmailAddress is null), 0.002, 0.03);
        Assert.All(_home.Where(r => r.EmailAddress is null), r => Assert.False(string.IsNullOrEmpty(r.UserName)));
    }

    [Fact]
    public void Some_emails_have_odd_case_or_stray_spaces()
    {
        var odd = _home.Where(r => r.EmailAddress is { } e && (e != e.Trim() || e.Any(char.IsUpper))).ToList();

        Assert.InRange((double)odd.Count / _home.Count, 0.002, 0.03);
        Assert.Contains(odd, r => r.EmailAddress != r.EmailAddress!.Trim());
        Assert.Contains(odd, r => r.EmailAddress!.Any(char.IsUpper));
        Assert.All(odd, r => Assert.Equal(r.EmailAddress!.Trim().ToLowerInvariant(), r.UserName));
    }

    [Fact]
    public void Most_emails_are_well_formed_and_lower_case()
    {
        Assert.True(Share(r => r.EmailAddress is { } e && e == e.Trim() && !e.Any(char.IsUpper) && e.EndsWith("@example.com", StringComparison.Ordinal)) > 0.9);
        Assert.All(_home.Where(r => r.EmailAddress is not null), r => Assert.All(r.EmailAddress!.Trim(), c => Assert.True(c < 128)));
    }

    [Fact]
    public void Some_names_contain_letters_outside_ascii()
    {
        var nonAscii = Share(r => (r.FirstName + r.LastName).Any(c => c > 127));

        Assert.InRange(nonAscii, 0.01, 0.25);
    }
}
