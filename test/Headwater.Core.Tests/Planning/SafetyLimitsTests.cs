using Headwater.Core.Planning;
using Headwater.Core.Workers;
using static Headwater.Core.Tests.Planning.PlanningKit;

namespace Headwater.Core.Tests.Planning;

public class SafetyLimitsTests
{
    [Theory]
    [InlineData(3, 100, 5, 10.0, 0)]
    [InlineData(6, 100, 5, 10.0, 1)]
    [InlineData(3, 20, 5, 10.0, 1)]
    [InlineData(6, 20, 5, 10.0, 2)]
    [InlineData(0, 0, 5, 10.0, 0)]
    public void Deactivations_over_the_count_or_the_share_are_breaches(int leavers, int managed, int maxCount, double maxPercent, int breaches)
    {
        var workers = Enumerable.Range(1, leavers).Select(i => Worker($"E{i}", LifecycleState.Terminated)).ToList();
        var plan = Plan(workers, [.. workers.Select(w => AccountOf(w))]);

        var found = new SafetyLimits(maxCount, maxPercent).Breaches(plan, managed);

        Assert.Equal(breaches, found.Count);
        Assert.All(found, b => Assert.Contains("deactivations", b, StringComparison.Ordinal));
    }

    [Fact]
    public void No_limits_allow_anything()
    {
        var workers = Enumerable.Range(1, 50).Select(i => Worker($"E{i}", LifecycleState.Terminated)).ToList();

        Assert.Empty(SafetyLimits.None.Breaches(Plan(workers, [.. workers.Select(w => AccountOf(w))]), 50));
    }
}
