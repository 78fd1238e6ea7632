using Headwater.Connectors.Scim;
using Headwater.Core.Mapping;
using Headwater.Core.Workers;

namespace Headwater.Core.Tests.Mapping;

public sealed class ScimMappingTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:";

    private static readonly Mapper Scim = Mapper.Create(ScimMapping.Defaults);

    [Fact]
    public void A_realistic_worker_maps_to_the_scim_core_and_enterprise_attributes()
    {
        var mapped = Scim.Map(Workers.Zoe);

        Assert.Empty(mapped.Problems);
        Assert.Equal(
            [
                ("userName", "zoe.orsted@example.com"),
                ("externalId", "E1001"),
                ("name.givenName", "Zo"),
                ("name.familyName", "Ørsted-Łukasz"),
                ("name.formatted", "Zo Ørsted-Łukasz"),
                ("displayName", "Zo Ørsted-Łukasz"),
                ("emails[type eq \"work\"].value", "Zoe.Orsted@Example.com"),
                ("title", "Payroll Analyst"),
                ("phoneNumbers[type eq \"work\"].value", "+1 617 555 0100"),
                (Enterprise + "employeeNumber", "001234"),
                (Enterprise + "department", "Finance"),
                (Enterprise + "division", "North America"),
                (Enterprise + "costCenter", "CC-410"),
                (Enterprise + "organization", "Headwater Foods"),
            ],
            mapped.Values.Select(v => (v.Target, v.Value)));
    }

    [Fact]
    public void A_worker_without_an_email_gets_the_employee_number_as_user_name_and_keeps_the_apps_email()
    {
        var mapped = Scim.Map(Workers.Zoe with { Email = null });

        Assert.Equal("001234", mapped["userName"]);
        var email = Assert.Single(mapped.Values, v => v.Target == "emails[type eq \"work\"].value");
        Assert.Null(email.Value);
        Assert.Equal(WhenEmpty.Ignore, email.WhenEmpty);
    }

    [Fact]
    public void A_worker_without_a_preferred_name_is_named_by_first_name()
    {
        var mapped = Scim.Map(Workers.Zoe with { PreferredName = null });

        Assert.Equal("Zoë", mapped["name.givenName"]);
        Assert.Equal("Zoë Ørsted-Łukasz", mapped["name.formatted"]);
        Assert.Equal("Zoë Ørsted-Łukasz", mapped["displayName"]);
    }

    [Fact]
    public void Missing_hr_values_are_empty_and_cleared()
    {
        var home = Workers.Home with { JobTitle = null, OrgUnits = [] };
        var mapped = Scim.Map(Workers.Zoe with { WorkPhone = null, Primary = home, Employments = [home] });

        foreach (var target in new[] { "title", "phoneNumbers[type eq \"work\"].value", Enterprise + "department", Enterprise + "costCenter" })
        {
            var value = Assert.Single(mapped.Values, v => v.Target == target);
            Assert.Null(value.Value);
            Assert.Equal(WhenEmpty.Clear, value.WhenEmpty);
        }
    }

    [Fact]
    public void Identity_attributes_are_never_cleared_and_every_default_applies_always()
    {
        Assert.All(ScimMapping.Defaults, m => Assert.Equal(MappingApplies.Always, m.Applies));
        Assert.Equal(
            ["userName", "externalId", "emails[type eq \"work\"].value"],
            ScimMapping.Defaults.Where(m => m.WhenEmpty == WhenEmpty.Ignore).Select(m => m.Target));
    }

    [Fact]
    public void Active_and_manager_are_left_to_the_planner() =>
        Assert.DoesNotContain(ScimMapping.Defaults,
            m => m.Target is "active" || m.Target.EndsWith(":manager", StringComparison.Ordinal) || m.Target.StartsWith("manager", StringComparison.Ordinal));

    [Fact]
    public void Every_default_reads_only_attributes_a_worker_has()
    {
        var known = WorkerAttributes.Of(Workers.Zoe).Keys.ToHashSet(StringComparer.Ordinal);

        Assert.All(ScimMapping.Defaults, m => Assert.All(Expression.Parse(m.Expression).References, r => Assert.Contains(r, known)));
    }
}
