using Headwater.Core.Workers;

namespace Headwater.Core.Tests.Workers;

public class StoredWorkerTests
{
    [Fact]
    public void A_worker_rebuilt_from_its_stored_attributes_has_the_same_attributes()
    {
        var fields = WorkerAttributes.Of(Mapping.Workers.Zoe);
        var stored = fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value);

        var rebuilt = StoredWorker.From(stored, Mapping.Workers.Zoe.Issues);

        Assert.Equal(fields.Where(f => f.Value is not null), WorkerAttributes.Of(rebuilt).Where(f => f.Value is not null));
    }

    [Fact]
    public void The_rebuilt_worker_keeps_what_planning_uses()
    {
        var issues = new[] { new WorkerIssue("shared-email", "Shared.") };
        var zoe = Mapping.Workers.Zoe with { Roles = ["Payroll", "Manager"], Lifecycle = new Lifecycle(LifecycleState.TerminationScheduled, null, new DateOnly(2026, 12, 31), "Leaving.") };

        var rebuilt = StoredWorker.From(WorkerAttributes.Of(zoe), issues);

        Assert.Equal("E1001", rebuilt.Id);
        Assert.Equal("E0007", rebuilt.ManagerId);
        Assert.Equal(LifecycleState.TerminationScheduled, rebuilt.Lifecycle.State);
        Assert.Equal(new DateOnly(2026, 12, 31), rebuilt.Lifecycle.Until);
        Assert.Equal("Leaving.", rebuilt.Lifecycle.Reason);
        Assert.Equal(["Manager", "Payroll"], rebuilt.Roles);
        Assert.Equal(issues, rebuilt.Issues);
        Assert.Equal("C1", rebuilt.Primary.CompanyId);
        Assert.True(rebuilt.Primary.IsHome);
        Assert.Equal(["C1", "C2"], rebuilt.Employments.Select(e => e.CompanyId));
        Assert.False(rebuilt.Employments[1].IsHome);
        Assert.Equal("Finance", rebuilt.Primary.OrgUnits.Single(u => u.Level == 2).Name);
        Assert.Equal("zoe@personal.example", rebuilt.Raw["person.emailAddress"]);
    }

    [Fact]
    public void An_unknown_stored_state_comes_back_as_unknown_so_nothing_is_deactivated_on_it()
    {
        var rebuilt = StoredWorker.From(new Dictionary<string, string?> { ["id"] = "E1", ["lifecycle.state"] = "Retired" }, []);

        Assert.Equal(LifecycleState.Unknown, rebuilt.Lifecycle.State);
    }
}
