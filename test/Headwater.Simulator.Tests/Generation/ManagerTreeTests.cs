using Headwater.Simulator.Tenants;

namespace Headwater.Simulator.Tests.Generation;

/// <summary>The supervisor graph is a tree of realistic depth and span, with one person at the top.</summary>
public sealed class ManagerTreeTests(GeneratedTenant tenant) : IClassFixture<GeneratedTenant>
{
    private static readonly int[] ManagerRoles = [2, 5];

    private readonly Dictionary<string, EmployeeRow> _people =
        tenant.Data.Rows.Where(r => r.IsHomeCompany).ToDictionary(r => r.EmployeeId, StringComparer.Ordinal);

    [Fact]
    public void Exactly_one_active_person_has_no_supervisor()
    {
        var top = Assert.Single(_people.Values, r => r.SupervisorId is null);

        Assert.Equal(EmployeeStatus.Active, top.StatusCode);
        Assert.Equal("CEO", top.JobCode);
    }

    [Fact]
    public void Following_supervisors_upward_never_loops()
    {
        foreach (var person in _people.Values)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { person.EmployeeId };
            for (var current = person; current.SupervisorId is { } next && _people.TryGetValue(next, out var boss); current = boss)
            {
                Assert.True(seen.Add(boss.EmployeeId), $"{person.EmployeeId} reaches {boss.EmployeeId} twice");
            }
        }
    }

    [Fact]
    public void The_tree_is_between_three_and_twelve_levels_deep()
    {
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int Depth(EmployeeRow row) =>
            depth.TryGetValue(row.EmployeeId, out var known) ? known
            : depth[row.EmployeeId] = row.SupervisorId is { } s && _people.TryGetValue(s, out var boss) ? Depth(boss) + 1 : 1;

        var deepest = _people.Values.Max(Depth);

        Assert.InRange(deepest, 3, 12);
    }

    [Fact]
    public void Managers_have_a_realistic_number_of_direct_reports()
    {
        var spans = _people.Values
            .Where(r => r.SupervisorId is not null && _people.ContainsKey(r.SupervisorId))
            .GroupBy(r => r.SupervisorId!, StringComparer.Ordinal)
            .Select(g => g.Count())
            .ToList();

        Assert.InRange(spans.Average(), 3.0, 12.0);
        Assert.InRange(spans.Max(), 5, 30);
        Assert.InRange(spans.Count, _people.Count / 15, _people.Count / 3);
    }

    [Fact]
    public void Managers_hold_manager_jobs_and_roles()
    {
        var managerIds = _people.Values.Where(r => r.SupervisorId is not null).Select(r => r.SupervisorId!).ToHashSet(StringComparer.Ordinal);
        var managerJobs = new HashSet<string>(["SUPV", "MGR", "SRMGR", "DIR", "VP", "CEO"], StringComparer.Ordinal);

        foreach (var manager in managerIds.Where(_people.ContainsKey).Select(id => _people[id]))
        {
            Assert.Contains(manager.JobCode, managerJobs);
            Assert.Contains(manager.RoleId, ManagerRoles);
        }
    }
}
