using Headwater.Core.Planning;
using Headwater.Data;
using Headwater.Syncing;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>A plan or sync of one destination, for --json.</summary>
public sealed record PlanReport(
    string Destination, int Run, string Status, int Workers, int Creates, int Updates, int Deactivations, int Reactivations, int Deletions, int Skips,
    int Applied, int Failed, IReadOnlyList<string> Breaches, IReadOnlyList<ChangeView> Changes, IReadOnlyList<GroupChangeView> Groups, string? Error,
    string Planning)
{
    public static PlanReport Of(SyncOutcome outcome)
    {
        var run = outcome.Run;
        var failed = outcome.FailedChanges.ToDictionary(f => (f.WorkerId, f.Kind), f => f.Error);
        return new PlanReport(run.Destination, run.Id, run.Status.ToString(), run.Workers, run.Creates, run.Updates, run.Deactivations, run.Reactivations,
            run.Deletions, run.Skips, run.Applied, run.Failed, outcome.Breaches,
            [.. outcome.Plan.Changes.Select(c => new ChangeView(c.Kind.ToString(), c.WorkerId, c.AccountId, c.Code.Wire(), c.Reason, c.Attributes,
                failed.GetValueOrDefault((c.WorkerId, c.Kind.ToString()))))],
            [.. outcome.Plan.Groups.Select(g => new GroupChangeView(g.Kind.ToString(), g.Group, g.WorkerIds, g.AccountIds, g.Code.Wire(), g.Reason))],
            run.Error, run.Planning.ToString());
    }
}

public sealed record ChangeView(string Kind, string WorkerId, string? AccountId, string Code, string Reason, IReadOnlyList<AttributeChange> Attributes,
    string? Error);

/// <summary>A group to create, or members to add or remove, for --json.</summary>
public sealed record GroupChangeView(string Kind, string Group, IReadOnlyList<string> WorkerIds, IReadOnlyList<string> AccountIds, string Code, string Reason);

/// <summary>Writes a plan, or a sync's outcome, as people read it: counts, the changes, the limits, the failures.</summary>
public static partial class PlanView
{
    public static void Write(IAnsiConsole console, SyncOutcome outcome, int limit, bool showSkips)
    {
        var run = outcome.Run;
        var plan = outcome.Plan;
        ConsoleText.Heading(console, $"[bold]{ConsoleText.Escape(run.Destination)}[/] · run {run.Id}");
        console.MarkupLine($"{ConsoleText.Count(run.Workers, "worker")}: [green]{run.Creates:N0} to create[/], [blue]{run.Updates:N0} to update[/], [yellow]{run.Deactivations:N0} to deactivate[/], " +
            $"[green]{run.Reactivations:N0} to reactivate[/], [red]{run.Deletions:N0} to delete[/]; {run.Skips:N0} skipped.");
        if (run.Planning == PlanScope.Changed)
        {
            console.MarkupLine("[grey]Planned the workers changed since the last sync, and those their changes touch (--everyone plans all).[/]");
        }
        if (outcome.Recovered is { } recovered)
        {
            var found = recovered.CreatesFound == 0 ? ""
                : $", and {ConsoleText.Count(recovered.CreatesFound, "account")} it created {(recovered.CreatesFound == 1 ? "was" : "were")} found";
            console.MarkupLine($"[yellow]An earlier run was interrupted:[/] {ConsoleText.Count(recovered.ReadBack, "change")} it had not recorded " +
                $"as done {(recovered.ReadBack == 1 ? "was" : "were")} read back from the destination{found}; this plan is made against what is there.");
        }
        var shown = plan.Changes.Where(c => c.IsChange || showSkips).ToList();
        if (shown.Count > 0 && limit >= 0)
        {
            var table = new Table().AddColumns("Change", "Worker", "What", "Why");
            foreach (var change in limit > 0 ? shown.Take(limit) : shown)
            {
                table.AddRow(Kind(change.Kind), ConsoleText.Escape(change.WorkerId), ConsoleText.Escape(What(change)), ConsoleText.Escape(Shorten(change.Reason)));
            }
            console.Write(table);
            if (limit > 0 && shown.Count > limit)
            {
                console.MarkupLine($"… and {shown.Count - limit:N0} more (--limit 0 shows all, --json prints every change).");
            }
        }
        if (plan.Groups.Count > 0 && limit >= 0)
        {
            var groups = new Table().AddColumns("Group change", "Group", "Members", "Why");
            foreach (var change in limit > 0 ? plan.Groups.Take(limit) : plan.Groups)
            {
                var members = change.WorkerIds.Concat(change.AccountIds).ToList();
                groups.AddRow(ConsoleText.Escape(GroupKind(change.Kind)), ConsoleText.Escape(change.Group),
                    ConsoleText.Escape(string.Join(", ", members.Take(5)) + (members.Count > 5 ? $", +{members.Count - 5}" : "")), ConsoleText.Escape(change.Reason));
            }
            console.Write(groups);
            if (limit > 0 && plan.Groups.Count > limit)
            {
                console.MarkupLine($"… and {ConsoleText.Count(plan.Groups.Count - limit, "more group change")}.");
            }
        }
        foreach (var breach in outcome.Breaches)
        {
            console.MarkupLine($"[red]Safety limit:[/] {ConsoleText.Escape(breach)}");
        }
        switch (run.Status)
        {
            case SyncRunStatus.Blocked when run.Applied + run.Failed > 0:
                Summary(console, outcome);
                console.MarkupLine($"[red]The changes over a safety limit were held back[/]; everything else was applied. Review them " +
                    $"(headwater runs show {run.Id}), then approve them with [bold]headwater sync --approve {run.Id}[/].");
                break;
            case SyncRunStatus.Blocked:
                console.MarkupLine($"[red]The changes over a safety limit wait for approval[/]; a sync applies the rest. Review them, then " +
                    $"approve them with [bold]headwater sync --approve {run.Id}[/].");
                break;
            case SyncRunStatus.Planned:
                console.MarkupLine(plan.HasChanges ? "Nothing was changed: this is a plan. [bold]headwater sync[/] applies it." : "[green]In step: nothing to change.[/]");
                break;
            default:
                Summary(console, outcome);
                break;
        }
    }

    private static void Summary(IAnsiConsole console, SyncOutcome outcome)
    {
        var run = outcome.Run;
        var seconds = ((run.FinishedAt ?? run.StartedAt) - run.StartedAt).TotalSeconds;
        var colour = run.Failed > 0 ? "yellow" : "green";
        console.MarkupLine($"[{colour}]Applied {run.Applied:N0} of {ConsoleText.Count(run.Applied + run.Failed, "change")} in {seconds:N1} s[/]{(run.Failed > 0 ? $"; [red]{run.Failed} failed[/] (the next sync tries them again)" : "")}.");
        if (outcome.Groups is { } groups)
        {
            console.MarkupLine($"Groups: {ConsoleText.Count(groups.Groups, "group")} kept in step ({groups.Created} created), " +
                $"{ConsoleText.Count(groups.Added, "membership")} added, {groups.Removed} removed.");
            foreach (var error in groups.Errors)
            {
                console.MarkupLine($"  [red]{ConsoleText.Escape(error)}[/]");
            }
        }
        if (outcome.FailedChanges.Count > 0)
        {
            var table = new Table().AddColumns("Change", "Worker", "Error");
            foreach (var failure in outcome.FailedChanges.Take(20))
            {
                table.AddRow(ConsoleText.Escape(failure.Kind), ConsoleText.Escape(failure.WorkerId), ConsoleText.Escape(failure.Error ?? ""));
            }
            console.Write(table);
        }
    }

    public static string What(PlannedChange change) => change.Kind switch
    {
        ChangeKind.Create => string.Join(", ", change.Attributes.Take(3).Select(a => $"{Short(a.Name)}={a.New}")) + (change.Attributes.Count > 3 ? $", +{change.Attributes.Count - 3}" : ""),
        ChangeKind.Update or ChangeKind.Reactivate => string.Join("; ", change.Attributes.Select(a => $"{Short(a.Name)}: {a.Old ?? "∅"} → {a.New ?? "∅"}")),
        _ => "",
    };

    public static string Kind(ChangeKind kind) => kind switch
    {
        ChangeKind.Create => "[green]create[/]",
        ChangeKind.Update => "[blue]update[/]",
        ChangeKind.Deactivate => "[yellow]deactivate[/]",
        ChangeKind.Reactivate => "[green]reactivate[/]",
        ChangeKind.Delete => "[red]delete[/]",
        _ => "[grey]skip[/]",
    };

    private static string GroupKind(GroupChangeKind kind) => kind switch
    {
        GroupChangeKind.Create => "create group",
        GroupChangeKind.AddMembers => "add members",
        _ => "remove members",
    };

    private static string Kind(string kind) => Enum.TryParse<ChangeKind>(kind, out var parsed) ? Kind(parsed) : ConsoleText.Escape(kind);

    /// <summary>The last part of an attribute path: the enterprise extension's URN is long.</summary>
    private static string Short(string name) => name.StartsWith("urn:", StringComparison.Ordinal) ? name[(name.LastIndexOf(':') + 1)..] : name;

    private static string Shorten(string reason) => SchemaUrn().Replace(reason, "");

    [System.Text.RegularExpressions.GeneratedRegex(@"urn:[A-Za-z0-9.:_-]*:(?=[A-Za-z])")]
    private static partial System.Text.RegularExpressions.Regex SchemaUrn();
}
