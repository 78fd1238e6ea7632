using Headwater.Simulator.Tenants;

namespace Headwater.Demo;

/// <summary>One scripted HR event: what happened, to whom, and what Headwater should do about it.</summary>
public sealed record DemoEvent(string What, string Who, string Expect, string WorkerId);

/// <summary>
/// The demo's batch of HR events, applied to the simulated tenant as HR would enter them: hires (one starting in two
/// weeks, under a new manager hired the same day), a transfer, a manager change, a termination dated next week, a
/// termination today, a rehire and a leave of absence. Workers are picked from the tenant so the demo works for any
/// size and seed.
/// </summary>
public static class DemoEvents
{
    public static IReadOnlyList<DemoEvent> Apply(Tenant tenant)
    {
        var today = tenant.Today();
        var active = tenant.Snapshot().ToArray()
            .Where(r => r.StatusCode == EmployeeStatus.Active && r.DateOfTermination is null && r.LastHireDate < today.AddDays(-30) && r.SupervisorId is not null)
            .GroupBy(r => r.EmployeeId, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() == 1).Select(g => g.Single())
            .OrderBy(r => r.EmployeeId, StringComparer.Ordinal).ToList();
        var terminated = tenant.Snapshot().ToArray()
            .Where(r => r.IsTerminated && r.DateOfTermination < today.AddDays(-1))
            .GroupBy(r => r.EmployeeId, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() == 1).Select(g => g.Single())
            .OrderBy(r => r.EmployeeId, StringComparer.Ordinal).First();
        var (mover, report, newManager, leavingSoon, leaving, onLeave) = (active[1], active[2], active[3], active[4], active[5], active[6]);
        var events = new List<DemoEvent>();

        var manager = tenant.Hire(new NewHire("Maya", "Okafor", "maya.okafor@headwater.example", SupervisorId: report.SupervisorId));
        var hire = tenant.Hire(new NewHire("Theo", "Lindqvist", "theo.lindqvist@headwater.example", SupervisorId: manager.EmployeeId));
        events.Add(new DemoEvent("Hired today, a new manager", Name(manager), "create", manager.EmployeeId));
        events.Add(new DemoEvent($"Hired today, reporting to {manager.FirstName}", Name(hire), $"create, manager linked to {manager.FirstName} in the same run", hire.EmployeeId));
        var future = tenant.Hire(new NewHire("Ines", "Duarte", "ines.duarte@headwater.example", HireDate: today.AddDays(14), SupervisorId: manager.EmployeeId));
        events.Add(new DemoEvent($"Hired, starting {today.AddDays(14):yyyy-MM-dd}", Name(future), "no account yet: created on the start date", future.EmployeeId));

        var department = tenant.OrgLevels.First(o => o.Level == 2 && o.Code != mover.OrgLevel2Code);
        tenant.Transfer(mover.EmployeeId, new Transfer(OrgLevel2Code: department.Code));
        events.Add(new DemoEvent($"Transferred to {department.Description}", Name(mover), "update department and group", mover.EmployeeId));

        tenant.ChangeManager(report.EmployeeId, newManager.EmployeeId);
        events.Add(new DemoEvent($"Now reports to {newManager.FirstName} {newManager.LastName}", Name(report), "update manager", report.EmployeeId));

        tenant.Terminate(leavingSoon.EmployeeId, today.AddDays(7));
        events.Add(new DemoEvent($"Resigned, last day {today.AddDays(7):yyyy-MM-dd}", Name(leavingSoon), "nothing yet: access ends at the end of that day", leavingSoon.EmployeeId));

        tenant.Terminate(leaving.EmployeeId, today.AddDays(-1), "INV");
        events.Add(new DemoEvent("Terminated, last day yesterday", Name(leaving), "deactivate", leaving.EmployeeId));

        tenant.Rehire(terminated.EmployeeId, today);
        events.Add(new DemoEvent($"Rehired (left {terminated.DateOfTermination:yyyy-MM-dd})", Name(terminated), "create (never had an account here) and keep the same employee ID", terminated.EmployeeId));

        tenant.StartLeave(onLeave.EmployeeId, "MED", today);
        events.Add(new DemoEvent("Started a leave of absence", Name(onLeave), "deactivate during the leave (this demo's policy)", onLeave.EmployeeId));
        return events;
    }

    private static string Name(EmployeeRow row) => $"{row.PreferredName ?? row.FirstName} {row.LastName} ({row.EmployeeId})";
}
