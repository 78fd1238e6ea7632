using Headwater.Core.Workers;

namespace Headwater.Core.Tests.Workers;

public class WorkerAttributesTests
{
    [Fact]
    public void Picked_attributes_are_those_of_the_whole_set_that_have_a_value()
    {
        var zoe = Mapping.Workers.Zoe with
        {
            Lifecycle = new Lifecycle(LifecycleState.TerminationScheduled, null, new DateOnly(2026, 12, 31), "Leaving."),
        };
        var all = WorkerAttributes.ForLookup(zoe);
        // Names with a value, names without one (middleName), a second employment's, a raw value's, and one no worker has.
        string[] names = ["lifecycle.until", "lifecycle.reason", "primary.companyCode", "primary.orgLevel2.name", "middleName",
            "employment[C2].companyCode", "ukg.person.emailAddress", "managerId", "no.such.attribute"];

        var picked = WorkerAttributes.Pick(zoe, names.ToHashSet(StringComparer.Ordinal));

        var expected = names.Where(n => all.GetValueOrDefault(n) is not null).ToDictionary(n => n, n => all[n]);
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), picked.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal("2026-12-31", picked["lifecycle.until"]);
        Assert.Equal("Finance", picked["primary.orgLevel2.name"]);
        Assert.DoesNotContain("middleName", picked.Keys);
    }

    [Fact]
    public void Attributes_filled_into_a_dictionary_used_before_are_the_workers_alone()
    {
        var zoe = Mapping.Workers.Zoe;
        var other = zoe with
        {
            Id = "E2", Employments = [zoe.Primary], Raw = new Dictionary<string, string?> { ["person.emailAddress"] = "e2@example.com" },
        };
        var reused = WorkerAttributes.ForLookup(zoe, new Dictionary<string, string?>(StringComparer.Ordinal) { ["stale"] = "x" });
        Assert.Equal(WorkerAttributes.ForLookup(zoe), reused);

        WorkerAttributes.ForLookup(other, reused);

        // Nothing of the first worker's is left: not their second employment, nor their other raw values.
        Assert.Equal(WorkerAttributes.ForLookup(other), reused);
        Assert.DoesNotContain(reused.Keys, k => k.StartsWith("employment[", StringComparison.Ordinal));
    }
}
