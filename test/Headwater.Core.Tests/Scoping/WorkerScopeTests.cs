using Headwater.Core.Scoping;

namespace Headwater.Core.Tests.Scoping;

public class WorkerScopeTests
{
    private static readonly Dictionary<string, string?> Worker = new()
    {
        ["primary.companyCode"] = "HWF",
        ["primary.employeeType"] = "INT",
        ["email"] = "pat@example.com",
        ["primary.lastHireDate"] = "2021-03-01",
        ["primary.jobCode"] = "ENG2",
        ["managerId"] = null,
    };

    private static ScopeRule Rule(string attribute, ScopeTest test, params string[] values) =>
        ScopeRule.Create(attribute, test, values, out var problems) ?? throw new InvalidOperationException(string.Join("; ", problems));

    [Theory]
    [InlineData("primary.companyCode", ScopeTest.In, new[] { "hwf", "HWL" }, null)]
    [InlineData("primary.companyCode", ScopeTest.In, new[] { "HWL" }, "primary.companyCode is 'HWF', not one of 'HWL'")]
    [InlineData("primary.employeeType", ScopeTest.NotIn, new[] { "int" }, "primary.employeeType is 'INT', which the scope excludes")]
    [InlineData("primary.employeeType", ScopeTest.NotIn, new[] { "TMP" }, null)]
    [InlineData("managerId", ScopeTest.NotIn, new[] { "E1" }, null)]
    [InlineData("email", ScopeTest.Present, new string[0], null)]
    [InlineData("managerId", ScopeTest.Present, new string[0], "managerId is empty")]
    [InlineData("managerId", ScopeTest.Absent, new string[0], null)]
    [InlineData("primary.lastHireDate", ScopeTest.OnOrAfter, new[] { "2021-03-01" }, null)]
    [InlineData("primary.lastHireDate", ScopeTest.OnOrAfter, new[] { "2021-03-02" }, "primary.lastHireDate is 2021-03-01, before 2021-03-02")]
    [InlineData("primary.lastHireDate", ScopeTest.OnOrBefore, new[] { "2021-02-28" }, "primary.lastHireDate is 2021-03-01, after 2021-02-28")]
    [InlineData("email", ScopeTest.OnOrBefore, new[] { "2021-02-28" }, "email is 'pat@example.com', not a date")]
    [InlineData("primary.jobCode", ScopeTest.Matches, new[] { "eng\\d" }, null)]
    [InlineData("primary.jobCode", ScopeTest.Matches, new[] { "ENG" }, "primary.jobCode is 'ENG2', which does not match 'ENG'")]
    [InlineData("missing", ScopeTest.In, new[] { "x" }, "missing is empty, not one of 'x'")]
    public void Each_test_says_why_a_worker_fails_it(string attribute, ScopeTest test, string[] values, string? why)
    {
        Assert.Equal(why, Rule(attribute, test, values).Why(Worker));
    }

    [Fact]
    public void Every_rule_must_hold_and_every_failure_is_named()
    {
        var scope = new WorkerScope([Rule("primary.companyCode", ScopeTest.In, "HWL"), Rule("email", ScopeTest.Present), Rule("primary.employeeType", ScopeTest.NotIn, "INT")]);

        Assert.Equal("primary.companyCode is 'HWF', not one of 'HWL'; primary.employeeType is 'INT', which the scope excludes", scope.Excludes(Worker));
        Assert.Null(WorkerScope.Everyone.Excludes(Worker));
    }

    [Theory]
    [InlineData(ScopeTest.In, new string[0], "'In' needs at least one value")]
    [InlineData(ScopeTest.Present, new[] { "x" }, "'Present' takes no values")]
    [InlineData(ScopeTest.OnOrAfter, new[] { "01/02/2020" }, "'OnOrAfter' needs one date written yyyy-MM-dd")]
    [InlineData(ScopeTest.Matches, new[] { "(" }, "'(' is not a valid regular expression")]
    public void A_rule_that_cannot_work_is_refused_with_the_reason(ScopeTest test, string[] values, string problem)
    {
        Assert.Null(ScopeRule.Create("email", test, values, out var problems));
        Assert.StartsWith(problem, Assert.Single(problems), StringComparison.Ordinal);
    }
}
