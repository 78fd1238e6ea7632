using Headwater.Core.Mapping;

namespace Headwater.Core.Tests.Mapping;

public class GroupRulesTests
{
    [Fact]
    public void Groups_come_from_org_level_location_job_and_each_role()
    {
        var rules = GroupRules.Create([
            new GroupRule("primary.orgLevel2.name", "Department: {}"),
            new GroupRule("primary.locationName", "Site {}"),
            new GroupRule("primary.jobTitle"),
            new GroupRule("roles", "UKG role: {}"),
        ]);

        var groups = rules.For(Workers.Zoe with { Roles = ["Manager", "Payroll"] });

        Assert.Equal(["Department: Finance", "Site Boston", "Payroll Analyst", "UKG role: Manager", "UKG role: Payroll"], groups);
    }

    [Fact]
    public void An_empty_value_puts_the_worker_in_no_group_and_duplicates_count_once()
    {
        var rules = GroupRules.Create([new GroupRule("primary.orgLevel4.name", "Team {}"), new GroupRule("'All staff'"), new GroupRule("'ALL STAFF'")]);

        Assert.Equal(["All staff"], rules.For(Workers.Zoe));
        Assert.Empty(GroupRules.None.For(Workers.Zoe));
    }

    [Fact]
    public void Every_bad_rule_is_listed()
    {
        var e = Assert.Throws<MappingException>(() => GroupRules.Create([new GroupRule("lowr(x)", "G {}"), new GroupRule("roles", "Role")]));

        Assert.Equal(2, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("'Role' needs {}", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("group 1:", StringComparison.Ordinal));
    }
}
