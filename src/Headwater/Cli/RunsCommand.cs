using System.CommandLine;
using System.Text.Json;
using Headwater.Core.Planning;
using Headwater.Data;
using Headwater.Reading;
using Headwater.Reports;
using Headwater.Syncing;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Headwater.Cli;

/// <summary>A sync run, for --json; <c>Node</c> is the service that ran it where several share a PostgreSQL database.</summary>
public sealed record RunView(int Id, string Destination, string Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int Workers,
    int Creates, int Updates, int Deactivations, int Reactivations, int Deletions, int Skips, int Applied, int Failed, string? Breaches, int? ApprovesRunId, string? Error,
    string? Node)
{
    public static RunView Of(SyncRun r, string? node) => new(r.Id, r.Destination, r.Status.ToString(), r.StartedAt, r.FinishedAt, r.Workers, r.Creates,
        r.Updates, r.Deactivations, r.Reactivations, r.Deletions, r.Skips, r.Applied, r.Failed, r.Breaches, r.ApprovesRunId, r.Error, node);
}

/// <summary>One recorded change, for --json.</summary>
public sealed record ChangeRecordView(int Run, string Destination, string WorkerId, string Kind, string Status, string? AccountId,
    string Code, string Reason, IReadOnlyList<AttributeChange> Attributes, IReadOnlyDictionary<string, string?> Drivers, string? Error,
    DateTimeOffset? AppliedAt)
{
    public static ChangeRecordView Of(ChangeRecord c) => new(c.RunId, c.Destination, c.WorkerId, c.Kind, c.Status.ToString(), c.AccountId,
        c.Code, c.Reason,
        JsonSerializer.Deserialize(c.Attributes, CliJson.Default.ListAttributeChange) ?? [],
        JsonSerializer.Deserialize(c.Drivers, ReadingJson.Default.DictionaryStringString) ?? [],
        c.Error, c.AppliedAt);

    /// <summary>The change belongs to a <c>headwater plan</c> run: shown, never applied.</summary>
    public bool PlanOnly { get; init; }
}

/// <summary><c>headwater runs</c>: the latest plans and syncs; <c>headwater runs show RUN</c>: every change of one run.</summary>
public static class RunsCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Option<string?>("--config", "-c") { Description = "The integration file (for where state is kept)." };
        var destination = new Option<string?>("--destination") { Description = "Only runs of this destination." };
        var limit = new Option<int>("--limit") { Description = "How many runs to show.", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var list = new Command("runs", "List the latest plans and syncs: what each planned, applied and failed.") { config, destination, limit, json };
        list.SetAction((r, ct) => List(context, r.GetValue(config), r.GetValue(destination), r.GetValue(limit), r.GetValue(json), ct));
        var id = new Argument<int>("run") { Description = "The run's number." };
        var failedOnly = new Option<bool>("--failed") { Description = "Only the changes that failed." };
        var showJson = new Option<bool>("--json") { Description = "Print JSON." };
        var csv = new Option<bool>("--csv") { Description = "Print the run report as CSV: a row per worker's outcome (docs/sync.md)." };
        var jsonLines = new Option<bool>("--jsonl") { Description = "Print the run report as JSON Lines: an object per outcome." };
        var show = new Command("show", "Show every change of one run, with its outcome.")
        {
            id, failedOnly, showJson, csv, jsonLines, config,
        };
        show.SetAction((r, ct) =>
        {
            bool asCsv = r.GetValue(csv), asLines = r.GetValue(jsonLines), asJson = r.GetValue(showJson);
            if (asCsv || asLines)
            {
                return asJson || (asCsv && asLines) ? Task.FromResult(FormatsClash(context, asJson))
                    : Report(context, r.GetValue(config), r.GetValue(id), r.GetValue(failedOnly),
                        asCsv ? ReportFormat.Csv : ReportFormat.JsonLines, ct);
            }
            return Show(context, r.GetValue(config), r.GetValue(id), r.GetValue(failedOnly), asJson, ct);
        });
        list.Subcommands.Add(show);
        return list;
    }

    public static async Task<int> List(CliContext context, string? config, string? destination, int limit, bool json, CancellationToken cancellationToken)
    {
        if (await CommandData.Open(context, config, json, cancellationToken) is not { } opened)
        {
            return ExitCodes.Configuration;
        }
        await using var _ = opened;
        var query = opened.Db.SyncRuns.AsNoTracking();
        if (destination is not null)
        {
            query = query.Where(r => r.Destination == destination);
        }
        var runs = await query.OrderByDescending(r => r.Id).Take(Math.Max(1, limit)).ToListAsync(cancellationToken);
        // The service's runs say which node ran them, where several services share a PostgreSQL database.
        var parts = runs.Select(r => r.IntegrationRunId).OfType<int>().ToList();
        var nodes = await opened.Db.IntegrationRuns.AsNoTracking().Where(r => parts.Contains(r.Id) && r.Node != null)
            .ToDictionaryAsync(r => r.Id, r => r.Node!, cancellationToken);
        string? Node(SyncRun run) => run.IntegrationRunId is { } part ? nodes.GetValueOrDefault(part) : null;
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(runs.Select(r => RunView.Of(r, Node(r))).ToList(), CliJson.Readable.ListRunView));
            return ExitCodes.Ok;
        }
        if (runs.Count == 0)
        {
            context.Console.MarkupLine("No plan or sync has run yet. [bold]headwater plan[/] shows what a sync would do.");
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("Run", "Destination", "Started", "Status", "Create", "Update", "Deactivate", "Reactivate", "Delete", "Applied", "Failed");
        if (nodes.Count > 0)
        {
            table.AddColumn("Node");
        }
        foreach (var r in runs)
        {
            string[] row = [r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ConsoleText.Escape(r.Destination), r.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
                Status(r.Status), N(r.Creates), N(r.Updates), N(r.Deactivations), N(r.Reactivations), N(r.Deletions), N(r.Applied), r.Failed > 0 ? $"[red]{r.Failed}[/]" : "0"];
            table.AddRow(nodes.Count > 0 ? [.. row, ConsoleText.Escape(Node(r) ?? "")] : row);
        }
        context.Console.Write(table);
        foreach (var blocked in runs.Where(r => r.Status == SyncRunStatus.Blocked).Take(1))
        {
            context.Console.MarkupLine($"Run {blocked.Id} was stopped by a safety limit: {ConsoleText.Escape(blocked.Breaches ?? "")} Approve it with [bold]headwater sync --approve {blocked.Id}[/].");
        }
        return ExitCodes.Ok;
    }

    public static async Task<int> Show(CliContext context, string? config, int id, bool failedOnly, bool json, CancellationToken cancellationToken)
    {
        if (await CommandData.Open(context, config, json, cancellationToken) is not { } opened)
        {
            return ExitCodes.Configuration;
        }
        await using var _ = opened;
        var run = await opened.Db.SyncRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            context.Console.MarkupLine($"[red]There is no run {id}.[/] [bold]headwater runs[/] lists them.");
            return ExitCodes.NotFound;
        }
        var query = opened.Db.Changes.AsNoTracking().Where(c => c.RunId == id);
        if (failedOnly)
        {
            query = query.Where(c => c.Status == ChangeStatus.Failed);
        }
        var changes = await query.OrderBy(c => c.Id).ToListAsync(cancellationToken);
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(changes.Select(c => ChangeRecordView.Of(c) with { PlanOnly = run.Status == SyncRunStatus.Planned }).ToList(),
                CliJson.Readable.ListChangeRecordView));
            return ExitCodes.Ok;
        }
        context.Console.MarkupLine($"Run {run.Id} of [bold]{ConsoleText.Escape(run.Destination)}[/]: {Status(run.Status)}, {run.Applied} applied, {run.Failed} failed.");
        if (run.Error is { } error)
        {
            context.Console.MarkupLine(ConsoleText.Escape(error));
        }
        var table = new Table().AddColumns("Change", "Worker", "Account", "Outcome", "Why");
        foreach (var c in changes)
        {
            table.AddRow(ConsoleText.Escape(c.Kind), ConsoleText.Escape(c.WorkerId), ConsoleText.Escape(c.AccountId ?? "—"),
                c.Status == ChangeStatus.Failed ? $"[red]failed: {ConsoleText.Escape(c.Error ?? "")}[/]" : ConsoleText.Escape(c.Status.ToString()), ConsoleText.Escape(c.Reason));
        }
        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary><c>runs show RUN --csv | --jsonl</c>: the run report on standard output, every outcome or only the failures.</summary>
    /// <param name="context">Where to print.</param>
    /// <param name="config">The integration file, for where state is kept.</param>
    /// <param name="id">The run.</param>
    /// <param name="failedOnly">Only the changes that failed.</param>
    /// <param name="format">CSV or JSON Lines.</param>
    /// <param name="cancellationToken">Stops the report.</param>
    public static async Task<int> Report(CliContext context, string? config, int id, bool failedOnly, ReportFormat format,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await CommandData.Open(context, config, json: false, cancellationToken) is not { } opened)
        {
            return ExitCodes.Configuration;
        }
        await using var _ = opened;
        if (!await opened.Db.SyncRuns.AnyAsync(r => r.Id == id, cancellationToken))
        {
            context.Console.MarkupLine($"[red]There is no run {id}.[/] [bold]headwater runs[/] lists them.");
            return ExitCodes.NotFound;
        }
        var changes = opened.Db.Changes.Where(c => c.RunId == id && (!failedOnly || c.Status == ChangeStatus.Failed));
        await RunReport.WriteAsync(context.Out, format, RunReport.Rows(opened.Db, changes), cancellationToken);
        return ExitCodes.Ok;
    }

    private static int FormatsClash(CliContext context, bool json)
    {
        CommandFailure.Write(context, json, FailureCause.Configuration,
            "--csv, --jsonl and --json are different formats of runs show: give only one of them.", []);
        return ExitCodes.Configuration;
    }

    internal static string Status(SyncRunStatus status) => status switch
    {
        SyncRunStatus.Succeeded => "[green]succeeded[/]",
        SyncRunStatus.CompletedWithFailures => "[yellow]completed with failures[/]",
        SyncRunStatus.Blocked => "[red]blocked[/]",
        SyncRunStatus.Failed => "[red]failed[/]",
        SyncRunStatus.Interrupted => "[yellow]interrupted[/]",
        SyncRunStatus.Running => "[blue]running[/]",
        _ => "planned",
    };

    private static string N(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
