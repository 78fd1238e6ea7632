using Headwater.Core.Destinations;
using Headwater.Core.Planning;

namespace Headwater.Connectors.Files;

/// <summary>
/// A run as the files show it, whatever the format: the roster's rows, and the changes with their attribute columns.
/// The planner's <c>manager</c> pseudo attribute is the <c>managerWorkerId</c> column, as in the roster, and a create
/// states its manager as a new value.
/// </summary>
internal static class RunRows
{
    public const string Manager = "managerWorkerId";

    /// <summary>Everyone, or with <see cref="InactivePeople.Omit"/> only those whose access is active.</summary>
    public static IEnumerable<RosterEntry> Roster(RunDelivery run, InactivePeople inactive) =>
        inactive == InactivePeople.Omit ? run.Roster.Where(e => e.Active) : run.Roster;

    /// <summary>The changes that change something, in the plan's order.</summary>
    public static IEnumerable<PlannedChange> Changes(RunDelivery run) => run.Changes.Where(c => c.IsChange);

    /// <summary>The change set's attribute columns: the mapping's targets in order, any other attribute a change
    /// holds (a target since removed from the mapping), then the manager.</summary>
    public static IReadOnlyList<string> ChangeColumns(RunDelivery run)
    {
        var columns = new List<string>(run.Columns);
        var seen = new HashSet<string>(run.Columns, StringComparer.OrdinalIgnoreCase) { Manager };
        foreach (var change in Changes(run))
        {
            columns.AddRange(Attributes(change).Select(a => a.Name).Where(seen.Add));
        }
        columns.Add(Manager);
        return columns;
    }

    public static IReadOnlyList<AttributeChange> Attributes(PlannedChange change)
    {
        var attributes = change.Attributes
            .Select(a => string.Equals(a.Name, "manager", StringComparison.Ordinal) ? a with { Name = Manager } : a).ToList();
        if (change.Kind == ChangeKind.Create && change.ManagerWorkerId is { } manager && !attributes.Any(a => a.Name == Manager))
        {
            attributes.Add(new AttributeChange(Manager, null, manager));
        }
        return attributes;
    }

    /// <summary>create, update, deactivate, reactivate or delete.</summary>
    public static string Kind(PlannedChange change) => change.Kind switch
    {
        ChangeKind.Create => "create",
        ChangeKind.Update => "update",
        ChangeKind.Deactivate => "deactivate",
        ChangeKind.Reactivate => "reactivate",
        ChangeKind.Delete => "delete",
        _ => "skip",
    };
}
